import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `login --browser` and `client-token` without a server: what they refuse, the loopback listener, Ctrl-C.
/// The whole flow against `serve` with a real browser is Tests/ServePythonTests/test_hosted_ui_browser.py.
@Suite("cognito-session login --browser and client-token, offline")
struct HostedUILoginTests {
    static let domain = "http://127.0.0.1:1/nowhere"

    /// A free port on 127.0.0.1 (bound to port 0, read back, released).
    static func freePort() throws -> Int {
        #if os(Linux)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A `BROWSER` script that writes the URL it gets to `file`.
    static func browser(writingTo file: URL, in folder: URL) throws -> String {
        let script = folder.appendingPathComponent("browser.sh")
        try Data(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > \"\(file.path).part\" && mv \"\(file.path).part\" \"\(file.path)\"\n"
                .utf8
        )
        .write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        return script.path
    }

    static func waitForFile(_ file: URL) async throws -> String {
        for _ in 0..<600 {
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ToolProcess.NotFound(description: "the tool never ran $BROWSER")
    }

    static func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("Without a domain, or with a redirect URI that is not loopback http with a port, nothing starts")
    func refusals() async throws {
        let variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        let noDomain = try await ToolProcess.run(
            ["login", "--browser", "--redirect-uri", "http://localhost:8765/callback"], environment: variables)
        #expect(noDomain.status == 2)
        #expect(noDomain.stderr.contains("needs the pool's domain: --domain"), "\(noDomain.stderr)")
        for uri in ["https://app.example.com/callback", "http://localhost/callback", "http://example.com:80/cb"] {
            let run = try await ToolProcess.run(
                ["login", "--browser", "--domain", Self.domain, "--redirect-uri", uri], environment: variables)
            #expect(run.status == 2, "\(uri)")
            #expect(run.stderr.contains("give http://localhost:PORT/PATH"), "\(uri): \(run.stderr)")
            #expect(!run.stderr.contains("oauth2/authorize"), "\(uri)")
        }
    }

    @Test("The listener: other paths get 404, the callback a page; a state that is not the tool's is refused")
    func listenerRefusesForeignState() async throws {
        let folder = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let handed = folder.appendingPathComponent("url")
        let port = try Self.freePort()
        var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        variables["BROWSER"] = try Self.browser(writingTo: handed, in: folder)
        let login = Task {
            try await ToolProcess.run(
                [
                    "login", "--browser", "--domain", Self.domain, "--redirect-uri",
                    "http://localhost:\(port)/callback", "--sign-in-timeout", "30",
                ], environment: variables)
        }
        let url = try await Self.waitForFile(handed)
        #expect(url.hasPrefix("\(Self.domain)/oauth2/authorize?response_type=code&client_id=tool-test-client"))
        #expect(url.contains("code_challenge_method=S256") && url.contains("&state="))
        let (missing, _) = try await Self.get("http://127.0.0.1:\(port)/favicon.ico")
        #expect(missing == 404)
        let (status, page) = try await Self.get("http://127.0.0.1:\(port)/callback?code=c0de&state=not-the-state")
        #expect(status == 400)
        #expect(page.contains("close this tab"))
        let run = try await login.value
        #expect(run.status == 4)
        #expect(run.stderr.contains(url))
        #expect(
            run.stderr.contains("the sign-in that came back does not match the one this tool started"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("c0de"))
        #expect(run.stdout.isEmpty)
    }

    @Test("The time limit ends the wait with exit status 1 and stores nothing")
    func timeLimit() async throws {
        var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        variables["BROWSER"] = "true"
        let file = try #require(variables["COGNITO_SESSION_FILE"] ?? nil)
        let run = try await ToolProcess.run(
            [
                "login", "--browser", "--domain", Self.domain, "--redirect-uri",
                "http://localhost:\(try Self.freePort())/callback", "--sign-in-timeout", "1",
            ], environment: variables)
        #expect(run.status == 1)
        #expect(run.stderr.contains("no sign-in came back within 1 s; nothing was stored"), "\(run.stderr)")
        let stored = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        #expect(!stored.contains("accessToken"))
    }

    @Test("Ctrl-C while waiting cancels: exit status 130, one line, the port free again")
    func interrupt() async throws {
        let folder = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let handed = folder.appendingPathComponent("url")
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = try ToolProcess.executable()
        process.arguments = [
            "login", "--browser", "--domain", Self.domain, "--redirect-uri", "http://localhost:\(port)/callback",
        ]
        var environment = ToolProcess.offlinePool
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["BROWSER"] = try Self.browser(writingTo: handed, in: folder)
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        _ = try await Self.waitForFile(handed)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(text.hasSuffix("cognito-session: sign-in cancelled (Ctrl-C); nothing was stored\n"), "\(text)")
        await #expect(throws: (any Error).self) { try await Self.get("http://127.0.0.1:\(port)/callback") }
    }

    @Test("client-token needs a domain and the client's secret, and says how to give them")
    func clientTokenRefusals() async throws {
        let variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        let noDomain = try await ToolProcess.run(["client-token", "--scope", "orders/read"], environment: variables)
        #expect(noDomain.status == 2)
        #expect(noDomain.stderr.contains("client-token needs the pool's domain"), "\(noDomain.stderr)")
        let noSecret = try await ToolProcess.run(
            ["client-token", "--domain", Self.domain, "--scope", "orders/read"], environment: variables)
        #expect(noSecret.status == 2)
        #expect(noSecret.stderr.contains("needs the app client's secret: COGNITO_CLIENT_SECRET"), "\(noSecret.stderr)")
        #expect(noSecret.stdout.isEmpty)
    }
}
