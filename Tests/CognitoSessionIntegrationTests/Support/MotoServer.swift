import Foundation

/// Where the integration tests get their moto server from, decided once per test process.
enum MotoSource: Sendable {
    /// `COGNITO_MOTO_CONFIG` names the pool of a server someone else started (scripts/test.sh).
    case configured(path: String)
    /// No configuration: this process starts moto itself with this Python, which has moto.
    case selfStarted(python: URL)
    /// Neither: the tests are reported as skipped, with this reason.
    case unavailable(reason: String)

    static let current: MotoSource = {
        let environment = ProcessInfo.processInfo.environment
        if environment[MotoPool.skipVariable] == "1" {
            return .unavailable(reason: "\(MotoPool.skipVariable)=1: not run against moto")
        }
        if let path = environment[MotoPool.configVariable], !path.isEmpty { return .configured(path: path) }
        if let python = MotoServer.pythonWithMoto() { return .selfStarted(python: python) }
        return .unavailable(
            reason: """
                moto is not installed: run ./scripts/test.sh once, or pip install 'moto[server]==\(MotoServer.motoVersion)'
                """)
    }()

    /// Why the tests do not run, if they do not.
    var skipReason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}

/// The moto server this test process starts for itself when `COGNITO_MOTO_CONFIG` is not set:
/// started by the first test that needs it, once, and shared by every test of the process.
///
/// It runs `scripts/moto-server.py --setup ... --exit-with-parent --exit-when-stdin-closes
/// --remove-when-orphaned ...`: the server creates the pool (scripts/moto-setup.py) and stops
/// when this process's end of its standard-input pipe closes, which the kernel does when this
/// process exits, however it exits (a crash or SIGKILL included), or else when its parent process
/// id changes; it then removes its temporary folder (port, pool JSON, log). Nothing is left
/// running after the tests. A failed start reports the end of moto's log and keeps the folder.
actor MotoServer {
    static let shared = MotoServer()

    /// The moto release the tests were written against (CognitoSession.docc/Integration.md).
    static let motoVersion = "5.2.1"

    private var starting: Task<MotoPool, any Error>?
    /// Kept for the life of the process: the write end of the server's standard input.
    private var child: (process: Process, stdin: Pipe)?

    /// The pool on the server, starting the server if no test has yet.
    func pool(python: URL) async throws -> MotoPool {
        if let starting { return try await starting.value }
        let task = Task { try await self.start(python: python) }
        starting = task
        return try await task.value
    }

    private func start(python: URL) async throws -> MotoPool {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "cognito-session-moto-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let portFile = folder.appendingPathComponent("port")
        let configFile = folder.appendingPathComponent("pool.json")
        let logFile = folder.appendingPathComponent("server.log")
        try Data().write(to: logFile)

        let process = Process()
        process.executableURL = python
        process.arguments = [
            Self.packageRoot.appendingPathComponent("scripts/moto-server.py").path,
            "--setup", configFile.path, "--exit-with-parent", "--exit-when-stdin-closes",
            "--remove-when-orphaned", folder.path, portFile.path,
        ]
        let stdin = Pipe()
        let log = try FileHandle(forWritingTo: logFile)
        process.standardInput = stdin
        process.standardOutput = log
        process.standardError = log
        do { try process.run() } catch {
            throw MotoSetupError("could not run \(python.path) scripts/moto-server.py: \(error)")
        }
        child = (process, stdin)

        // moto imports in about a second on an idle machine; allow for a loaded one.
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let data = try? Data(contentsOf: configFile) {
                do {
                    return try JSONDecoder().decode(MotoPool.self, from: data)
                } catch {
                    throw MotoSetupError("moto-setup.py wrote \(configFile.path), not a pool: \(error)")
                }
            }
            if !process.isRunning {
                throw MotoSetupError(
                    """
                    moto did not start (\(python.path) scripts/moto-server.py exited with status \
                    \(process.terminationStatus)); the end of its log:
                    \(Self.tail(of: logFile))
                    """)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw MotoSetupError(
            "moto did not create the pool within 120 s; the end of its log:\n\(Self.tail(of: logFile))")
    }

    /// The package's root folder, from this file's path (Tests/CognitoSessionIntegrationTests/Support/).
    static var packageRoot: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root
    }

    /// `.venv/bin/python` of the package (scripts/test.sh makes it) if it has moto, else the
    /// first `python3` on PATH that has it, else nil.
    static func pythonWithMoto() -> URL? {
        var candidates = [packageRoot.appendingPathComponent(".venv/bin/python")]
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append(URL(fileURLWithPath: String(folder)).appendingPathComponent("python3"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && hasMoto($0) }
    }

    /// Whether `python` finds moto's server and boto3 (without importing them: a few milliseconds).
    private static func hasMoto(_ python: URL) -> Bool {
        let process = Process()
        process.executableURL = python
        process.arguments = [
            "-c",
            """
            import importlib.util, sys
            sys.exit(0 if all(importlib.util.find_spec(m) for m in ("moto", "werkzeug", "flask", "flask_cors", "boto3")) else 1)
            """,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The last lines of `file` (moto's log).
    private static func tail(of file: URL, lines: Int = 80) -> String {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
