import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cognito-session login` with the choice-based sign-in against `cognito-session serve`: the tool asks
/// which factor (or takes `--factor`), then the code, which this test reads from the `/_local/` controls and
/// types in as a user would.
@Suite(
    "cognito-session login with USER_AUTH",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct UserAuthLoginToolTests {
    static var configuration: [String: Any] {
        var configuration = UserAuthServeTests.configuration
        var pools = configuration["UserPools"] as? [[String: Any]] ?? []
        var clients = pools[0]["Clients"] as? [[String: Any]] ?? []
        clients.append([
            "ClientName": "tool", "ClientId": "toolclient",
            "ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ])
        pools[0]["Clients"] = clients
        configuration["UserPools"] = pools
        return configuration
    }

    /// Runs the tool with a pipe for standard input: each time its standard error ends with a prompt in
    /// `answers`, the answer (computed then) is typed.
    static func interactive(
        _ arguments: [String], server: ServeServer, home: URL,
        answers: [(prompt: String, answer: () async throws -> String)]
    ) async throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try CommandLineTool.locate()
        process.arguments = arguments
        process.environment = [
            "COGNITO_USER_POOL_ID": UserAuthServeTests.poolId, "COGNITO_CLIENT_ID": "toolclient",
            "COGNITO_ENDPOINT": server.endpoint.absoluteString,
            "COGNITO_SESSION_FILE": home.appendingPathComponent("sessions.json").path, "HOME": home.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        // The tool's stderr arrives through a readability handler, so no cooperative thread blocks on a read.
        let (chunks, feed) = AsyncStream.makeStream(of: Data.self)
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                feed.finish()
            } else {
                feed.yield(chunk)
            }
        }
        try process.run()
        // A tool that waits for an answer never given is stopped rather than left to hang the run.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        var seen = ""
        var pending = answers
        var iterator = chunks.makeAsyncIterator()
        while !pending.isEmpty, let chunk = await iterator.next() {
            seen += String(decoding: chunk, as: UTF8.self)
            while let next = pending.first, seen.contains(next.prompt) {
                pending.removeFirst()
                let line = try await next.answer()
                input.fileHandleForWriting.write(Data((line + "\n").utf8))
                seen = seen.replacingOccurrences(of: next.prompt, with: "<answered>")
            }
        }
        try? input.fileHandleForWriting.close()
        // The rest of stderr, until the tool ends and its end of the pipe closes.
        while let chunk = await iterator.next() { seen += String(decoding: chunk, as: UTF8.self) }
        let status = await ServeToolWorkspace.exit(of: process)
        return (status, seen)
    }

    static func home() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("user-auth-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    @Test("login --factor email-otp asks for the emailed code only, and stores the session")
    func factorEmailOTP() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let run = try await Self.interactive(
                ["login", "--username", "alice", "--factor", "email-otp"], server: server, home: home,
                answers: [
                    ("Code sent to a***@example.com: ", { try await UserAuthServeTests.lastCode(server, "EMAIL_OTP") })
                ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("Signed in as alice"))
            #expect(!run.stderr.contains("Password: "))
        }
    }

    @Test("login without --factor offers the pool's choices; sms-otp then the code signs in")
    func offeredChoices() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let run = try await Self.interactive(
                ["login", "--username", "alice"], server: server, home: home,
                answers: [
                    ("Sign in with (password-srp, email-otp, sms-otp): ", { "sms-otp" }),
                    ("Code sent to +*******0100: ", { try await UserAuthServeTests.lastCode(server, "SMS_OTP") }),
                ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("Signed in as alice"))
        }
    }

    @Test("login --factor password-srp asks for the password and signs in with SRP under USER_AUTH")
    func factorPasswordSRP() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let run = try await Self.interactive(
                ["login", "--username", "alice", "--factor", "password-srp"], server: server, home: home,
                answers: [("Password: ", { UserAuthServeTests.password })])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try await server.challenges(pool: UserAuthServeTests.poolId) == ["PASSWORD_VERIFIER"])
        }
    }

    @Test("A wrong code is asked again; the third wrong one ends with status 4 and one line in words")
    func wrongCode() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let run = try await Self.interactive(
                ["login", "--username", "alice", "--factor", "sms-otp"], server: server, home: home,
                answers: Array(repeating: ("Code sent to +*******0100: ", { "000000" }), count: 3))
            #expect(run.status == 4)
            #expect(run.stderr.contains("try again (3 of 3)"), "\(run.stderr)")
            #expect(run.stderr.contains("cognito-session: error: the code is wrong: check it and try again"))
        }
    }
}
