import Foundation

/// A running `session-refresher` (Sources/session-refresher): a pool on a shared store making many
/// concurrent `getSession()` calls, printing one `ok <fingerprint>` or `error …` line per call.
final class SessionRefresherProcess: @unchecked Sendable {
    // @unchecked: `process` is started in `init` and only waited on or killed afterwards.
    let process: Process
    private let output = Pipe()

    /// Starts `session-refresher` with `arguments` (see its main.swift for the options).
    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = try Self.locate()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Waits for the process to end; returns its exit status and every line it printed.
    func finish() async -> (status: Int32, lines: [String]) {
        let (process, handle) = (process, output.fileHandleForReading)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                process.waitUntilExit()
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                continuation.resume(returning: (process.terminationStatus, lines))
            }
        }
    }

    /// Kills the process with SIGKILL: it cannot release anything itself.
    func killHard() { kill(process.processIdentifier, SIGKILL) }

    /// The executable, beside the tool (`COGNITO_SESSION_BIN`) or the test bundle (it is a dependency of the
    /// test target), or in `.build/debug`.
    static func locate() throws -> URL {
        var directories: [URL] = []
        if let tool = try? CommandLineTool.locate() { directories.append(tool.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let runner = Bundle.main.executableURL { directories.append(runner.deletingLastPathComponent()) }
        var packageRoot = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { packageRoot.deleteLastPathComponent() }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        let candidates = directories.map { $0.appendingPathComponent("session-refresher") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MotoSetupError("session-refresher was not found (looked at \(candidates.map(\.path)))")
        }
        return found
    }
}
