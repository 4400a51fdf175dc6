import Foundation

/// A throw-away PostgreSQL server run by `scripts/postgres.sh serve` as a child of this test process:
/// its own cluster in a temporary folder, on 127.0.0.1 and a free port, trust authentication.
///
/// The script stops the server and deletes the folder when its standard input ends, which the
/// kernel does when this process exits, however it exits (SIGKILL included): nothing is left
/// running after the tests. ``stop()`` and ``start()`` restart it on the same folder and port.
final class PostgresServer: @unchecked Sendable {
    // @unchecked: the pipes are written and read by one test at a time (the owner of the server),
    // and `lock` serialises the commands.
    private let process: Process
    private let input: Pipe
    private let lines: LineReader
    private let lock = NSLock()
    /// `postgres://cognito@127.0.0.1:PORT/cognito_tests`.
    let url: String

    /// Whether `scripts/postgres.sh available` finds initdb and pg_ctl.
    static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "available"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Starts a new server (initdb, start, createdb: a few seconds).
    init() async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path, "serve"]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        lines = LineReader(output.fileHandleForReading)
        let first = await lines.next(within: .seconds(180))
        guard let first, first.hasPrefix("url ") else {
            process.terminate()
            throw PostgresSetupError("scripts/postgres.sh serve printed \(String(describing: first)), not `url …`")
        }
        url = String(first.dropFirst("url ".count))
    }

    /// Stops the server (`pg_ctl stop -m fast`): open connections are closed.
    func stop() async throws { try await command("stop", answer: "stopped") }

    /// Starts the stopped server again, on the same folder and port.
    func start() async throws { try await command("start", answer: "started") }

    /// Stops the server and deletes its folder.
    func shutDown() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func command(_ command: String, answer: String) async throws {
        lock.withLock { input.fileHandleForWriting.write(Data((command + "\n").utf8)) }
        let line = await lines.next(within: .seconds(120))
        guard line == answer else {
            throw PostgresSetupError("scripts/postgres.sh answered \(String(describing: line)) to \(command)")
        }
    }

    /// scripts/postgres.sh, from this file's path (Tests/CognitoSessionPostgresTests/Support/).
    static var script: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("scripts/postgres.sh")
    }
}

/// The lines a child prints, read on a thread of their own.
private final class LineReader: @unchecked Sendable {
    // @unchecked: `lines` and `ended` are only touched under `lock`.
    private let lock = NSLock()
    private var lines: [String] = []
    private var ended = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    lock.withLock { lines.append(line) }
                    pending.removeSubrange(...newline)
                }
            }
            lock.withLock { ended = true }
        }
    }

    /// The next line, or nil at the end of the output or after `timeout`.
    func next(within timeout: Duration) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let line: String?? = lock.withLock {
                if !lines.isEmpty { return .some(lines.removeFirst()) }
                return ended ? .some(nil) : nil
            }
            if let line { return line }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}

/// The test environment could not be set up (not a failure of the code under test).
struct PostgresSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
