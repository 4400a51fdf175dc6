import CognitoSession
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Target `file-storage`: the input is the session file's bytes; the target reads it with
/// `getItem` and `allItems()`, then sets one key with `updateItems`.
///
/// Oracles: no crash; the time bound; `getItem` and `allItems()` agree (both fail, or give the
/// same value); reading never changes the file; an `updateItems` over a file `allItems()` could
/// not read fails; a store operation that throws leaves the file byte-identical; after a
/// successful write of a file that ``StringObjectParser`` reads as a JSON object of strings, the
/// new file holds exactly the old keys plus the key set, and every other key keeps its value
/// byte for byte (one of its values when the old file repeated it). That last check also holds
/// byte-distinct keys that are canonically equivalent ("José" NFC and NFD) to be two keys; set
/// `FUZZ_ALLOW_KEY_MERGE=1` to accept their merging (a known defect) and look for other failures.
enum FileStorageTarget {
    static let setKey = "fuzz.key"
    static let setValue = "fuzz value \u{2713}"

    static let allowKeyMerge = ProcessInfo.processInfo.environment["FUZZ_ALLOW_KEY_MERGE"] == "1"

    /// A private directory for the process: in `FUZZ_TMPDIR` (scripts/fuzz.sh points it at a
    /// directory it removes), else on tmpfs when there is one (the store fsyncs), else in the
    /// temporary directory. Removed at exit and before an oracle failure aborts.
    static let directory: String = {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["FUZZ_TMPDIR"] ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory())
        var template = Array("\(base)/cognito-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { Fuzz.fail("mkdtemp in \(base) failed: errno \(errno)") }
        let path = String(cString: made)
        created = path
        atexit { removeDirectory() }
        return path
    }()

    /// The directory, once made.
    nonisolated(unsafe) static var created: String?

    static var filePath: String { directory + "/sessions.json" }

    static func removeDirectory() {
        if let created { try? FileManager.default.removeItem(atPath: created) }
    }

    static func run(_ bytes: [UInt8]) {
        write(bytes)
        let storage = FileStorage(fileURL: URL(fileURLWithPath: filePath))
        Fuzz.blocking { await check(storage, original: bytes) }
    }

    static func write(_ bytes: [UInt8]) {
        unlink(filePath)
        let fd = open(filePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { Fuzz.fail("cannot create \(filePath): errno \(errno)") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { Fuzz.fail("cannot write \(filePath): errno \(errno)") }
            offset += written
        }
    }

    /// The file's bytes (read with POSIX calls: FileManager.contents(atPath:) leaks a buffer
    /// under LeakSanitizer for small files).
    static func read() -> [UInt8] {
        let fd = open(filePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { Fuzz.fail("cannot open \(filePath): errno \(errno)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { Fuzz.fail("cannot read \(filePath): errno \(errno)") }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    static func check(_ storage: FileStorage, original: [UInt8]) async {
        let item = await Result(catching: { try await storage.getItem(setKey) })
        let items = await Result(catching: { try await storage.allItems() })
        switch (item, items) {
        case (.success(let value), .success(let all)):
            guard value.map({ Array($0.utf8) }) == all[setKey].map({ Array($0.utf8) }) else {
                Fuzz.fail("getItem and allItems() disagree on \(setKey)")
            }
        case (.failure, .failure):
            break
        default:
            Fuzz.fail("getItem and allItems() disagree on whether the file is readable: \(item) vs \(items)")
        }
        guard read() == original else { Fuzz.fail("reading the store changed the file") }

        let update = await Result(catching: { try await storage.updateItems(set: [setKey: setValue], remove: []) })
        let updated = read()
        switch update {
        case .failure(let error):
            guard updated == original else { Fuzz.fail("a failed updateItems (\(error)) changed the file's bytes") }
            return
        case .success:
            if case .failure(let error) = items {
                Fuzz.fail("updateItems replaced a file allItems() could not read (\(error))")
            }
        }

        guard let before = StringObjectParser.parse(original) else { return }
        guard let after = StringObjectParser.parse(updated) else {
            Fuzz.fail("the file written by updateItems is not a JSON object of strings")
        }
        var afterValues: [[UInt8]: [[UInt8]]] = [:]
        for member in after { afterValues[member.key, default: []].append(member.value) }
        if let duplicate = afterValues.first(where: { $0.value.count > 1 }) {
            Fuzz.fail("the written file repeats the key \(show(duplicate.key))")
        }
        guard afterValues[Array(setKey.utf8)] == [Array(setValue.utf8)] else {
            Fuzz.fail("the written file does not hold the key just set")
        }
        var beforeValues: [[UInt8]: [[UInt8]]] = [:]
        for member in before { beforeValues[member.key, default: []].append(member.value) }
        for (key, values) in beforeValues where key != Array(setKey.utf8) {
            guard let value = afterValues[key]?.first else {
                let name = String(decoding: key, as: UTF8.self)
                let merged = beforeValues.keys.contains { $0 != key && String(decoding: $0, as: UTF8.self) == name }
                if merged && allowKeyMerge { continue }
                Fuzz.fail(
                    "updateItems dropped the key \(show(key))"
                        + (merged ? " (merged with a canonically equivalent, byte-distinct key)" : ""))
            }
            guard values.contains(value) else { Fuzz.fail("updateItems changed the value of the key \(show(key))") }
        }
        let expected = Set(beforeValues.keys).union([Array(setKey.utf8)])
        if let extra = afterValues.keys.first(where: { !expected.contains($0) }) {
            Fuzz.fail("updateItems added the key \(show(extra))")
        }
    }

    static func show(_ bytes: [UInt8]) -> String {
        "\"\(String(decoding: bytes.prefix(80), as: UTF8.self))\" (UTF-8 \(bytes.prefix(40).map { String($0, radix: 16) }.joined(separator: " ")))"
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
