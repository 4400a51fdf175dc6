import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// `mfa setup` and a TOTP sign-in at a pseudo-terminal, against serve: the otpauth:// URI and the
/// grouped secret, a wrong code asked again within the same challenge.
@Suite(
    "cognito-session mfa against serve",
    .enabled(if: ServeServer.isAvailable, "the cognito-session tool is not built (or set COGNITO_SESSION_BIN)"))
struct ToolMFATests {
    /// The secret from the `  secret: ABCD EFGH …` line.
    private static func secret(in output: String) throws -> String {
        let line = try #require(
            output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("  secret: ") }, "no secret in \(output)")
        let grouped = String(line.dropFirst("  secret: ".count))
        let groups: [Substring] = grouped.split(separator: " ")
        #expect(groups.dropLast().allSatisfy { $0.count == 4 }, "groups of four: \(grouped)")
        return grouped.replacingOccurrences(of: " ", with: "")
    }

    @Test("mfa setup: URI and grouped secret, a wrong code retried; then login asks for the app's code")
    func setupAndSignIn() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let (terminal, process) = try workspace.startOnTerminal(["mfa", "setup"])
            defer { if process.isRunning { process.terminate() } }
            #expect(await terminal.waitFor("Code from the app: "), "\(terminal.output)")
            let secret = try Self.secret(in: terminal.output)
            #expect(terminal.output.contains("  otpauth://totp/ToolTest1:alice?secret=\(secret)&issuer=ToolTest1\r\n"))
            let code = try TOTP.code(secret: secret, at: try await workspace.server.now())
            terminal.type(ServeToolWorkspace.wrong(code) + "\n")
            #expect(await terminal.waitFor("That code is wrong; try again (2 of 3)."), "\(terminal.output)")
            terminal.type(try TOTP.code(secret: secret, at: try await workspace.server.now()) + "\n")
            #expect(await terminal.waitFor("is the preferred second factor."), "\(terminal.output)")
            #expect(await ServeToolWorkspace.exit(of: process) == 0, "\(terminal.output)")

            let show = try ServeToolWorkspace.json(try await workspace.tool.run(["mfa", "show", "--output", "json"]))
            #expect(show["enabled"] as? [String] == ["SOFTWARE_TOKEN_MFA"])
            #expect(show["preferred"] as? String == "SOFTWARE_TOKEN_MFA")

            // A new device (its own session file): the remembered one would skip the second factor.
            let other = workspace.root.appendingPathComponent("other/sessions.json").path
            let (login, signIn) = try workspace.startOnTerminal(["login"], environment: ["COGNITO_SESSION_FILE": other])
            defer { if signIn.isRunning { signIn.terminate() } }
            #expect(await login.waitFor("Username: "))
            login.type("alice\n")
            #expect(await login.waitFor("Password: "))
            #expect(try login.echoes == false)
            login.type(ServeToolWorkspace.password + "\n")
            #expect(await login.waitFor("Authenticator code: "), "\(login.output)")
            let next = try TOTP.code(secret: secret, at: try await workspace.server.now())
            login.type(ServeToolWorkspace.wrong(next) + "\n")
            #expect(await login.waitFor("That code is wrong; try again (2 of 3)."), "\(login.output)")
            login.type(try TOTP.code(secret: secret, at: try await workspace.server.now()) + "\n")
            #expect(await login.waitFor("Signed in as alice; the session expires in "), "\(login.output)")
            #expect(await ServeToolWorkspace.exit(of: signIn) == 0)
            #expect(!login.output.contains(ServeToolWorkspace.password))

            let off = try await workspace.tool.run(["mfa", "disable", "totp"])
            #expect(off.status == 0, "\(off.stderr)")
            let after = try ServeToolWorkspace.json(try await workspace.tool.run(["mfa", "show", "--output", "json"]))
            #expect(after["enabled"] as? [String] == [])
        }
    }

    @Test("a slow step shows progress on a terminal, and nothing when stderr is a file")
    func progress() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.server.injectLatency(into: "InitiateAuth", milliseconds: 1500)
            let (terminal, process) = try workspace.startOnTerminal(["login", "--username", "alice"])
            defer { if process.isRunning { process.terminate() } }
            #expect(await terminal.waitFor("Password: "))
            terminal.type(ServeToolWorkspace.password + "\n")
            #expect(await terminal.waitFor("Signing in to \(ServeToolWorkspace.poolId)…"), "\(terminal.output)")
            #expect(await terminal.waitFor("Signed in as alice"), "\(terminal.output)")
            #expect(await ServeToolWorkspace.exit(of: process) == 0)

            try await workspace.server.injectLatency(into: "InitiateAuth", milliseconds: 1500)
            let piped = try await workspace.login("alice")
            #expect(!piped.stderr.contains("Signing in"), "\(piped.stderr)")
        }
    }

    @Test("--verbose logs each request on stderr with no secret in it")
    func verbose() async throws {
        try await ServeToolWorkspace.with { workspace in
            let run = try await workspace.tool.run(
                ["login", "--username", "alice", "--password-stdin", "--verbose"],
                stdin: ServeToolWorkspace.password + "\n")
            #expect(run.status == 0, "\(run.stderr)")
            let requests = run.stderrLines.filter { $0.hasPrefix("cognito-session: debug: Cognito request succeeded") }
            #expect(requests.contains { $0.contains("operation=InitiateAuth") }, "\(run.stderr)")
            #expect(requests.contains { $0.contains("operation=RespondToAuthChallenge") && $0.contains("status=200") })
            #expect(!run.stderr.contains(ServeToolWorkspace.password))
            let quiet = try await workspace.tool.run(["token"])
            #expect(quiet.stderr.isEmpty)
        }
    }
}
