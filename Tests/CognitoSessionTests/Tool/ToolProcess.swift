import Foundation

/// Runs the built `cognito-session` executable in a bare environment (PATH and what the test
/// gives), with no network unless the test starts a server.
enum ToolProcess {
    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    /// What a run printed and how it ended.
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stderr split into lines, without the empty piece after the last newline.
        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
    }

    /// A pool and client that need no network, an endpoint nothing listens on, and a session
    /// file that does not exist yet, in a folder of its own (FileStorage refuses a shared /tmp).
    static let offlinePool = [
        "COGNITO_USER_POOL_ID": "us-east-1_ToolTest1", "COGNITO_CLIENT_ID": "tool-test-client",
        "COGNITO_ENDPOINT": "http://127.0.0.1:1/", "COGNITO_SESSION_FILE": freshSessionFile(),
    ]

    /// A session file path in a new folder under the temporary directory (created by the store).
    static func freshSessionFile() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("cognito-tool-\(UUID().uuidString)/sessions.json").path
    }

    /// `COGNITO_SESSION_BIN`, else the folder that holds the test bundle (where
    /// `swift build --build-tests` puts the tool), else `.build/debug`.
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COGNITO_SESSION_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("cognito-session"))
        }
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent("cognito-session"))
        }
        var packageRoot = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { packageRoot.deleteLastPathComponent() }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/cognito-session"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(
                description: "cognito-session not found at \(candidates.map(\.path)); "
                    + "run `swift build --build-tests` or set COGNITO_SESSION_BIN")
        }
        return found
    }

    /// The environment of a run: PATH, then `variables` (a `nil` value leaves a variable out).
    static func environment(_ variables: [String: String?]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for (name, value) in variables { environment[name] = value }
        return environment
    }

    /// Runs `cognito-session arguments...` with `stdin` as its standard input; a run still
    /// going after 30 seconds is terminated (its status then tells).
    static func run(
        _ arguments: [String], stdin: String = "", environment variables: [String: String?]
    ) async throws
        -> Output
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tool-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("stdin")
        let output = directory.appendingPathComponent("stdout")
        let errors = directory.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = environment(variables)
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if process.isRunning { process.terminate() } }
        }
        return Output(
            status: status,
            stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// A new temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
