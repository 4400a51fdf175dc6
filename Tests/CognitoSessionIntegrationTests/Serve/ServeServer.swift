import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `cognito-session serve --port 0` child process for one test: started with a configuration file,
/// its address read from the first line it prints, stopped with SIGTERM by ``stop()``.
final class ServeServer: @unchecked Sendable {
    // @unchecked: `process` is only started in `init` and stopped in `stop()`, by the one test that owns it.
    private let process: Process
    private let directory: URL
    /// `http://127.0.0.1:PORT/`.
    let endpoint: URL

    /// Whether the tool was found (`COGNITO_SESSION_BIN`, or the build folder); else the tests are skipped.
    static var isAvailable: Bool { (try? CommandLineTool.locate()) != nil }

    /// Starts a server that creates what `configuration` describes (the `--config` schema).
    init(configuration: [String: Any]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: configuration).write(to: config)
        process = Process()
        process.executableURL = try CommandLineTool.locate()
        process.arguments = ["serve", "--port", "0", "--quiet", "--config", config.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = try await Self.firstLine(of: output.fileHandleForReading)
        let prefix = "listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix), Int(line.dropFirst(prefix.count)) != nil,
            let url = URL(string: String(line.dropFirst("listening on ".count)) + "/")
        else {
            process.terminate()
            throw MotoSetupError("cognito-session serve printed \(line.debugDescription), not \(prefix)PORT")
        }
        endpoint = url
    }

    /// Sends SIGTERM and waits; returns the exit status (0 when it stopped cleanly).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
        return process.terminationStatus
    }

    /// Moves the server's clock forward (`POST /_local/clock`).
    func advanceClock(by seconds: TimeInterval) async throws {
        _ = try await control("POST", "clock", ["AdvanceSeconds": seconds])
    }

    /// The challenge names of the RespondToAuthChallenge requests the pool received.
    func challenges(pool: String) async throws -> [String] {
        let answer = try await control("GET", "pools/\(pool)/requests", nil)
        let requests = answer["Requests"] as? [[String: Any]] ?? []
        return requests.compactMap { $0["ChallengeName"] as? String }
    }

    /// One entry of the server's request log (`GET /_local/requests`).
    struct LoggedRequest: Sendable {
        let operation: String
        let status: Int
        let errorType: String?
    }

    /// Every request the server answered since it started or the log was cleared, oldest first.
    func requestLog() async throws -> [LoggedRequest] {
        let answer = try await control("GET", "requests", nil)
        let requests = answer["Requests"] as? [[String: Any]] ?? []
        return requests.map {
            LoggedRequest(
                operation: $0["Operation"] as? String ?? "", status: $0["Status"] as? Int ?? 0,
                errorType: $0["ErrorType"] as? String)
        }
    }

    /// Empties the request log (`DELETE /_local/requests`).
    func clearRequestLog() async throws {
        _ = try await control("DELETE", "requests", nil)
    }

    /// Makes the next `count` calls of `operation` wait `milliseconds` first (`POST /_local/faults`).
    func injectLatency(into operation: String, milliseconds: Int, count: Int = 1) async throws {
        _ = try await control(
            "POST", "faults",
            ["Operation": operation, "Fault": "latency", "Milliseconds": milliseconds, "Count": count])
    }

    private func control(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        var request = URLRequest(url: endpoint.appendingPathComponent("_local/\(path)"))
        request.httpMethod = method
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw MotoSetupError("test control \(method) \(path) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }

    /// Reads up to the first newline (or end of file), within 30 seconds.
    private static func firstLine(of handle: FileHandle) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes = Data()
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                }
                let line = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                continuation.resume(returning: line)
            }
        }
    }

    /// Runs `body` against a fresh server, stopping it afterwards whatever happens; expects a clean exit.
    static func with<T>(configuration: [String: Any], _ body: (ServeServer) async throws -> T) async throws -> T {
        let server = try await ServeServer(configuration: configuration)
        do {
            let result = try await body(server)
            let status = server.stop()
            guard status == 0 else { throw MotoSetupError("serve exited with status \(status) on SIGTERM") }
            return result
        } catch {
            server.stop()
            throw error
        }
    }
}
