import Foundation

/// A child `python3` running Fixtures/hostile_cognito.py on 127.0.0.1: a fake Cognito whose
/// messages and challenge parameters carry terminal escape sequences, or that reflects the
/// SECRET_HASH it received. Use ``run(_:)``; the server stops when the body returns or throws.
final class HostileCognito: @unchecked Sendable {
    struct StartFailure: Error {}

    private(set) var port = 0
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    @discardableResult
    static func run<T>(_ body: (HostileCognito) async throws -> T) async throws -> T {
        let server = try HostileCognito()
        defer { server.stop() }
        return try await body(server)
    }

    /// The endpoint for a route, e.g. `endpoint("say/hello")` is `http://127.0.0.1:<port>/say/hello/`.
    func endpoint(_ route: String) -> String { "http://127.0.0.1:\(port)/\(route)/" }

    private init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.directory.appendingPathComponent("hostile_cognito.py").path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            stop()
            throw StartFailure()
        }
        self.port = port
    }

    private func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }
}
