import Foundation

/// Runs the built `cognito-session` executable against the moto pool, each run in its own
/// environment: only PATH from the test's, plus the pool's COGNITO_* variables and a session file.
struct CommandLineTool: Sendable {
    let executable: URL
    let environment: [String: String]

    /// What a run printed and how it ended.
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stderr split into lines, without the empty piece after the last newline.
        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
    }

    /// The tool for the moto pool's public client, keeping its session in `sessionFile`.
    init(pool: MotoPool, sessionFile: URL, home: URL) throws {
        executable = try Self.locate()
        var environment = [
            "COGNITO_USER_POOL_ID": pool.userPoolId, "COGNITO_CLIENT_ID": pool.clientId,
            "COGNITO_ENDPOINT": pool.endpoint + "/", "COGNITO_SESSION_FILE": sessionFile.path,
            "HOME": home.path,
        ]
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        self.environment = environment
    }

    /// The tool with exactly `environment` and the test's PATH.
    init(environment: [String: String]) throws {
        executable = try Self.locate()
        var environment = environment
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        self.environment = environment
    }

    /// Runs `cognito-session arguments...` with `stdin` as its standard input; a run that has
    /// not ended after 120 seconds (a loaded machine) is terminated (and reported by the status).
    func run(
        _ arguments: [String], stdin: String = "", environment overrides: [String: String?] = [:]
    ) async throws -> Output {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("stdin")
        let output = directory.appendingPathComponent("stdout")
        let errors = directory.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = environment
        for (name, value) in overrides { environment[name] = value }
        process.environment = environment
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
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { process.terminate() } }
        }
        return Output(
            status: status,
            stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// `COGNITO_SESSION_BIN` (scripts/test.sh sets it), else the build folder that holds the test
    /// bundle (`swift build --build-tests` builds the tool there), else `.build/debug`.
    static func locate() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COGNITO_SESSION_BIN"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw MotoSetupError("COGNITO_SESSION_BIN=\(path) is not an executable file")
            }
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
            throw MotoSetupError(
                """
                the cognito-session executable was not found (looked at \(candidates.map(\.path))); build it with \
                `swift build --build-tests` or set COGNITO_SESSION_BIN to its path
                """)
        }
        return found
    }
}
