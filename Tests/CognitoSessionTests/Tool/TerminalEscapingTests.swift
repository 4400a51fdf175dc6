import Foundation
import Testing

/// Strings from the service reach the terminal with their control characters escaped, so a
/// hostile or broken server cannot retitle the window, move the cursor or forge lines.
@Suite("cognito-session: service strings are printed with control characters escaped")
struct TerminalEscapingTests {
    /// OSC 0 (set the window title), then BEL.
    private static let retitle = "\u{1B}]0;pwned\u{07}"

    /// Whether `text` holds a C0 control other than newline, DEL or a C1 control.
    private static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    private static func login(route: String, server: HostileCognito) async throws -> ToolProcess.Output {
        var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        variables["COGNITO_ENDPOINT"] = server.endpoint(route)
        variables["COGNITO_SESSION_FILE"] = ToolProcess.freshSessionFile()
        return try await ToolProcess.run(
            ["login", "--username", "x", "--password-stdin"], stdin: "pw\n", environment: variables)
    }

    @Test("an error message with an escape sequence, CR, DEL and a C1 control is one escaped line")
    func errorMessage() async throws {
        let message = "denied \(Self.retitle)\r\u{7F}\u{9B}2J\nforged: ok"
        let run = try await HostileCognito.run { server in
            try await Self.login(route: "say/" + Self.percentEncoded(message), server: server)
        }
        #expect(run.status == 4)
        #expect(!Self.hasControls(run.stderr), "\(run.stderr.debugDescription)")
        #expect(
            run.stderr.contains(#"denied \u{1B}]0;pwned\u{7}\u{D}\u{7F}\u{9B}2J\u{A}forged: ok"#),
            "\(run.stderr.debugDescription)")
        #expect(run.stderrLines.filter { $0.hasPrefix("cognito-session: error: ") }.count == 1)
        #expect(!run.stderrLines.contains { $0.hasPrefix("forged") })
    }

    @Test("a code delivery destination with an escape sequence is escaped in the prompt")
    func deliveryDestination() async throws {
        let run = try await HostileCognito.run { server in
            try await Self.login(route: "challenge/" + Self.percentEncoded("+1555\(Self.retitle)"), server: server)
        }
        #expect(run.stderr.contains(#"Code sent to +1555\u{1B}]0;pwned\u{7}: "#), "\(run.stderr.debugDescription)")
        #expect(!Self.hasControls(run.stderr), "\(run.stderr.debugDescription)")
    }

    /// An unsigned JWT with `claims` (the tool reads a stored session without verifying it).
    private static func jwt(_ claims: [String: Any]) throws -> String {
        func part(_ object: [String: Any]) throws -> String {
            try JSONSerialization.data(withJSONObject: object).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return try part(["alg": "RS256", "kid": "k"]) + "." + part(claims) + ".c2ln"
    }

    @Test("whoami escapes the user name and claims of a stored session")
    func whoamiClaims() async throws {
        let directory = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = ToolProcess.offlinePool["COGNITO_CLIENT_ID"]!
        let user = "eve\(Self.retitle)"
        let now = Int(Date().timeIntervalSince1970)
        let common: [String: Any] = [
            "sub": "sub\u{1B}[2J", "iat": now, "exp": now + 3600, "auth_time": now,
            "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ToolTest1",
        ]
        let id = try Self.jwt(
            common.merging([
                "token_use": "id", "aud": client, "cognito:username": user,
                "email": "e\u{07}@example.com", "nick\u{1B}name": "\u{9B}31m",
            ]) { $1 })
        let access = try Self.jwt(
            common.merging([
                "token_use": "access", "client_id": client, "username": user,
                "cognito:groups": ["g\u{1B}c"],
            ]) { $1 })
        let prefix = "CognitoIdentityServiceProvider.\(client)"
        let items = [
            "\(prefix).LastAuthUser": user, "\(prefix).\(user).idToken": id,
            "\(prefix).\(user).accessToken": access, "\(prefix).\(user).refreshToken": "refresh",
            "\(prefix).\(user).clockDrift": "0",
        ]
        let file = directory.appendingPathComponent("sessions.json")
        try JSONEncoder().encode(items).write(to: file)
        try FileManager.default.setAttributes(
            [.posixPermissions: NSNumber(value: Int16(0o600))], ofItemAtPath: file.path)

        var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        variables["COGNITO_SESSION_FILE"] = file.path
        let run = try await ToolProcess.run(["whoami"], environment: variables)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!Self.hasControls(run.stdout), "\(run.stdout.debugDescription)")
        for shown in [
            #"user:        eve\u{1B}]0;pwned\u{7}"#, #"sub:         sub\u{1B}[2J"#,
            #"email:       e\u{7}@example.com"#, #"groups:      g\u{1B}c"#, #"  nick\u{1B}name: \u{9B}31m"#,
        ] {
            #expect(run.stdout.contains(shown), "\(shown) in \(run.stdout)")
        }
    }
}
