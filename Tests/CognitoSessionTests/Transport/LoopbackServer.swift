import Foundation
import HTTPTypes

/// A child `python3` process running Fixtures/loopback_server.py on 127.0.0.1.
///
/// Use ``run(_:)``: it stops the server when the body returns or throws. The server also exits
/// by itself when this process goes away.
final class LoopbackServer: @unchecked Sendable {
    struct StartFailure: Error {}

    private(set) var port = 0
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    @discardableResult
    static func run<T>(_ body: (LoopbackServer) async throws -> T) async throws -> T {
        let server = try LoopbackServer()
        defer { server.stop() }
        return try await body(server)
    }

    private init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.directory.appendingPathComponent("loopback_server.py").path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard let line = readLine(), let port = Int(line) else {
            stop()
            throw StartFailure()
        }
        self.port = port
    }

    /// A request to `http://127.0.0.1:<port><path>`.
    func request(_ path: String, method: HTTPRequest.Method = .get, headerFields: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(
            method: method, scheme: "http", authority: "127.0.0.1:\(port)", path: path, headerFields: headerFields)
    }

    /// Waits, off the cooperative pool, for the server's next stdout line.
    func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.readLine()) }
        }
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffered.append(chunk)
        }
    }

    private func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }
}
