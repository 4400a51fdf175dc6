import CognitoSession
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
    private let streamSocket = Int32(SOCK_STREAM.rawValue)
#elseif canImport(Darwin)
    import Darwin
    private let streamSocket = SOCK_STREAM
#endif

/// Errors for people: one line on stderr saying what happened and what to do, and the
/// documented exit status (2 usage, 3 not signed in, 4 refused, 5 network, 6 storage).
@Suite(
    "cognito-session errors against serve",
    .enabled(if: ServeServer.isAvailable, "the cognito-session tool is not built (or set COGNITO_SESSION_BIN)"))
struct ToolErrorTests {
    /// Expects exactly one line on stderr, `cognito-session: error: ` and `line`, nothing on stdout, and `status`.
    private func expectError(_ run: CommandLineTool.Output, _ line: String, status: Int32) {
        #expect(run.stderr == "cognito-session: error: \(line)\n")
        #expect(run.status == status)
        #expect(run.stdout.isEmpty)
    }

    @Test("not signed in as a named user: exit 3, and the login command to run")
    func notSignedInAs() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("bob")
            let run = try await workspace.tool.run(["token", "--username", "alice"])
            expectError(run, "not signed in as alice: run `cognito-session login --username alice`", status: 3)
        }
    }

    @Test("a wrong password: exit 4, the service's words and the way out")
    func wrongPassword() async throws {
        try await ServeToolWorkspace.with { workspace in
            let run = try await workspace.tool.run(
                ["login", "--username", "alice", "--password-stdin"], stdin: "Wrong-h0rse-1\n")
            expectError(
                run,
                "the service refused the sign-in as alice: Incorrect username or password. Check them, or run "
                    + "`cognito-session forgot-password --username alice`", status: 4)
            #expect(!run.stderr.contains("Wrong-h0rse-1"))
        }
    }

    @Test("a client secret the service refuses: exit 4, naming the client and where the secret came from")
    func refusedSecret() async throws {
        try await ServeToolWorkspace.with { workspace in
            let run = try await workspace.tool.run(
                ["login", "--username", "alice", "--password-stdin"], stdin: ServeToolWorkspace.password + "\n",
                environment: ["COGNITO_CLIENT_ID": "secretclient", "COGNITO_CLIENT_SECRET": "not-the-secret"])
            expectError(
                run, "the service refused the client secret for client secr…: check COGNITO_CLIENT_SECRET", status: 4)
            #expect(!run.stderr.contains("not-the-secret"))
            let right = try await workspace.tool.run(
                ["login", "--username", "alice", "--password-stdin"], stdin: ServeToolWorkspace.password + "\n",
                environment: ["COGNITO_CLIENT_ID": "secretclient", "COGNITO_CLIENT_SECRET": ServeToolWorkspace.secret])
            #expect(right.status == 0, "\(right.stderr)")
        }
    }

    @Test("nothing listening: exit 5, `cannot reach HOST (connection refused)`; --verbose adds the detail")
    func connectionRefused() async throws {
        try await ServeToolWorkspace.with { workspace in
            let closed = try Self.closedPort()
            let arguments = ["login", "--username", "alice", "--password-stdin"]
            let environment = ["COGNITO_ENDPOINT": "http://127.0.0.1:\(closed)/"]
            let run = try await workspace.tool.run(arguments, stdin: "pw\n", environment: environment)
            expectError(run, "cannot reach 127.0.0.1:\(closed) (connection refused)", status: 5)
            let verbose = try await workspace.tool.run(
                arguments + ["--verbose"], stdin: "pw\n", environment: environment)
            #expect(verbose.status == 5)
            #expect(
                verbose.stderr.contains(
                    "cognito-session: error: cannot reach 127.0.0.1:\(closed) (connection refused)\n"))
            #expect(verbose.stderr.contains("cognito-session: detail: HTTPTransportError.connectionFailed"))
        }
    }

    @Test("--timeout: a slower answer is `HOST did not answer in time`, exit 5")
    func timeout() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.server.injectLatency(into: "InitiateAuth", milliseconds: 2500, count: 3)
            let run = try await workspace.tool.run(
                ["login", "--username", "alice", "--password-stdin", "--timeout", "1s"],
                stdin: ServeToolWorkspace.password + "\n")
            expectError(
                run, "\(workspace.serverHost) did not answer in time: try again, or allow longer with --timeout",
                status: 5)
        }
    }

    @Test("a revoked session: exit 3, `the session of alice has ended`, and login to run")
    func revokedSession() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let saved = try Data(contentsOf: workspace.sessionFile)
            #expect(try await workspace.tool.run(["logout", "--global"]).status == 0)
            try saved.write(to: workspace.sessionFile)
            let run = try await workspace.tool.run(["token", "--min-validity", "2h"])
            #expect(run.status == 3)
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("cognito-session: error: the session of alice has ended ("), "\(run.stderr)")
            #expect(run.stderr.hasSuffix("): run `cognito-session login --username alice`\n"), "\(run.stderr)")
        }
    }

    @Test("an unknown profile, an empty --password-stdin: exit 2 (usage)")
    func usage() async throws {
        try await ServeToolWorkspace.with { workspace in
            let profile = try await workspace.tool.run(["token", "--profile", "nope"])
            expectError(
                profile,
                "no profile nope in \(workspace.configFile.path): run `cognito-session configure --profile nope`",
                status: 2)
            let empty = try await workspace.tool.run(["login", "--username", "alice", "--password-stdin"], stdin: "\n")
            expectError(
                empty, "--password-stdin: standard input is empty; give the password on its first line", status: 2)
            let option = try await workspace.tool.run(["token", "--no-such-option"])
            #expect(option.status == 2)
        }
    }

    @Test("a session file others may write to: exit 6, naming the file and the fix")
    func unsafeStorage() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let folder = workspace.sessionFile.deletingLastPathComponent()
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
            let run = try await workspace.tool.run(["token"])
            #expect(run.status == 6, "\(run.stderr)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("cognito-session: error: the session file "), "\(run.stderr)")
            #expect(run.stderr.contains("chmod 700"), "\(run.stderr)")
            #expect(!run.stderr.contains("StorageError"))
        }
    }

    /// A loopback port nothing listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let socket = socket(AF_INET, streamSocket, 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw MotoSetupError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
