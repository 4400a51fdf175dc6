import CognitoSessionTesting
import Foundation
import Testing

/// These tests run `file-storage-writer` (Sources/file-storage-writer) as child processes.
@Suite("FileStorage across processes: killed writers, concurrent writers")
struct FileStorageProcessTests {
    @Test("A writer killed mid-write leaves a readable file holding one whole write", arguments: 0..<6)
    func killedWriter(round: Int) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let storage = FileStorage(fileURL: file)
        try await storage.updateItems(set: ["counter": "0", "payload": "initial", "sentinel": "kept"], remove: [])

        let writer = try WriterProcess(["loop", file.path])
        let seen = await writer.waitForOutput(lines: 5 + 20 * round)
        kill(writer.process.processIdentifier, SIGKILL)
        let status = await writer.exit()
        #expect(status.reason == .uncaughtSignal && status.code == SIGKILL)

        let items = try await storage.allItems()  // parses: neither torn nor empty
        let counter = try #require(items["counter"].flatMap { Int($0) })
        #expect(counter >= seen, "the file lost writes the writer had finished")
        #expect(items["payload"] == Self.payload(for: counter), "counter and payload come from different writes")
        #expect(items["sentinel"] == "kept")
        try await storage.setItem("after-kill", value: "ok")  // the dead writer's lock was released
        #expect(try await storage.getItem("after-kill") == "ok")
    }

    @Test("Two processes writing 500 keys each lose nothing")
    func twoProcesses() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let first = try WriterProcess(["keys", file.path, "first", "500"])
        let second = try WriterProcess(["keys", file.path, "second", "500"])
        let statuses = [await first.exit(), await second.exit()]
        #expect(statuses.allSatisfy { $0.reason == .exit && $0.code == 0 })

        let items = try await FileStorage(fileURL: file).allItems()
        #expect(items.count == 1000)
        for prefix in ["first", "second"] {
            let lost = (0..<500).count { items["\(prefix).\($0)"] != String($0) }
            #expect(lost == 0, "\(prefix): writes lost")
        }
    }

    /// What the writer stores under "payload" alongside counter `n`.
    static func payload(for counter: Int) -> String {
        let value = String(counter)
        return String(repeating: value + ",", count: 20_000 / (value.count + 1))
    }
}

/// A running `file-storage-writer`.
struct WriterProcess: Sendable {
    let process: Process
    private let output: FileHandle

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        self.process = process
        self.output = pipe.fileHandleForReading
    }

    /// Reads the writer's output until it has reported `lines` finished writes (or stopped);
    /// returns the last counter it reported.
    func waitForOutput(lines: Int) async -> Int {
        let output = output
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while text.count(where: { $0 == "\n" }) < lines {
                    let chunk = output.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                let last = text.split(separator: "\n").last.flatMap { Int($0) } ?? 0
                continuation.resume(returning: last)
            }
        }
    }

    /// Waits for the process to end.
    func exit() async -> (reason: Process.TerminationReason, code: Int32) {
        let process = process
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationReason, process.terminationStatus))
            }
        }
    }

    /// The writer is built beside the test runner (it is a dependency of the test target).
    static func executable() throws -> URL {
        var directories: [URL] = []
        if let runner = Bundle.main.executableURL { directories.append(runner.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var packageRoot = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { packageRoot.deleteLastPathComponent() }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))

        let candidates = directories.map { $0.appendingPathComponent("file-storage-writer") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw WriterNotFound(searched: candidates.map(\.path))
        }
        return found
    }

    struct WriterNotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "file-storage-writer not found; looked in \(searched)" }
    }
}
