#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A ``SessionStorage`` kept in one JSON file: an object of string keys and string values.
///
/// - Every change is a read-modify-write under an exclusive `flock` on `<file>.lock`, so
///   writers in several threads or processes never lose one another's updates.
/// - The new content goes to a temporary file in the same directory, created `0600`, which is
///   `fsync`ed and renamed over the old file (then the directory is `fsync`ed). A reader, or a
///   crash at any moment, sees the old content or the new, never a torn file.
/// - A directory the store has to create is made `0700`.
/// - A file that is not a JSON object of strings is ``StorageError/corruptFile``, and is left
///   exactly as it is: the store never replaces data it could not read.
/// - ``updateItems(set:remove:)`` is atomic.
///
/// Nothing is touched until the first call; the lock file is kept (removing it would race).
/// Calls run on a private serial queue, so waiting for the lock never blocks Swift's
/// cooperative thread pool.
public final class FileStorage: SessionStorage {
    /// The largest file the store will read (16 MiB); anything larger is not a session file.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// The JSON file.
    public let fileURL: URL

    private let queue = DispatchQueue(label: "CognitoSession.FileStorage")

    /// A store in `fileURL`, which need not exist yet.
    public init(fileURL: URL) { self.fileURL = fileURL }

    /// The value stored under `key`, or nil.
    public func getItem(_ key: String) async throws -> String? {
        try await perform { try self.readItems()[key] }
    }

    /// Stores `value` under `key`.
    public func setItem(_ key: String, value: String) async throws {
        try await perform { try self.modify { $0[key] = value } }
    }

    /// Removes `key`.
    public func removeItem(_ key: String) async throws {
        try await perform { try self.modify { $0[key] = nil } }
    }

    /// Removes every key.
    public func clear() async throws {
        try await perform { try self.modify { $0.removeAll() } }
    }

    /// Removes `remove`, then writes `set`, all at once.
    public func updateItems(set: [String: String], remove: [String]) async throws {
        try await perform {
            try self.modify { items in
                for key in remove { items[key] = nil }
                items.merge(set) { _, new in new }
            }
        }
    }

    /// `true`: one rename publishes every change at once.
    public var supportsAtomicUpdates: Bool { true }

    /// Every key and value in the file.
    public func allItems() async throws -> [String: String] {
        try await perform { try self.readItems() }
    }

    // MARK: - File operations (on `queue`)

    private var path: String { fileURL.path }

    private func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Reads the file; a missing (or empty) file is an empty store.
    private func readItems() throws(StorageError) -> [String: String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            if error == ENOENT { return [:] }
            throw .readFailed(path, errorNumber: error, "open failed")
        }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .readFailed(path, errorNumber: errno, "fstat failed") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .readFailed(path, errorNumber: EISDIR, "not a regular file")
        }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path, errorNumber: errno, "read failed")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[..<count])
            if bytes.count > Self.maximumFileSize {
                throw .corruptFile(path, "larger than \(Self.maximumFileSize) bytes")
            }
        }
        if bytes.isEmpty { return [:] }
        guard let items = try? JSONDecoder().decode([String: String].self, from: Data(bytes)) else {
            throw .corruptFile(path, "not a JSON object of strings")
        }
        return items
    }

    /// Applies `change` to the file's content under the writers' lock, and writes the result
    /// unless nothing changed.
    ///
    /// A change that would change nothing in the current content (removing a missing key) is
    /// done without taking the lock or creating anything.
    private func modify(_ change: (inout [String: String]) -> Void) throws(StorageError) {
        var current = try readItems()
        let unchanged = current
        change(&current)
        if current == unchanged { return }

        let directory = fileURL.deletingLastPathComponent().path
        try createDirectory(directory)
        let lock = try lockWriters()
        defer {
            flock(lock, LOCK_UN)
            close(lock)
        }
        let before = try readItems()
        var after = before
        change(&after)
        if after != before { try replaceFile(with: after, in: directory) }
    }

    /// Opens `<file>.lock` (created `0600`) and takes an exclusive lock on it.
    private func lockWriters() throws(StorageError) -> Int32 {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .lockFailed(lockPath, errorNumber: errno, "open failed") }
        while flock(fd, LOCK_EX) != 0 {
            let error = errno
            if error == EINTR { continue }
            close(fd)
            throw .lockFailed(lockPath, errorNumber: error, "flock failed")
        }
        return fd
    }

    /// Writes `items` to a temporary file beside the store, syncs it and renames it over the
    /// store; on any failure the temporary file is removed and the store is untouched.
    private func replaceFile(with items: [String: String], in directory: String) throws(StorageError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(items) else {
            throw .writeFailed(path, errorNumber: nil, "could not encode the items")
        }

        let temporaryPath = directory + "/." + fileURL.lastPathComponent
            + ".tmp-\(getpid())-\(UInt64.random(in: .min ... .max))"
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .writeFailed(temporaryPath, errorNumber: errno, "open failed") }
        var renamed = false
        defer { if !renamed { unlink(temporaryPath) } }

        let written = Result { () throws(StorageError) in try writeAndSync(data, to: fd, path: temporaryPath) }
        close(fd)
        try written.get()

        guard rename(temporaryPath, path) == 0 else { throw .writeFailed(path, errorNumber: errno, "rename failed") }
        renamed = true
        syncDirectory(directory)
    }

    /// Writes all of `data` to `fd`, sets it `0600` whatever the umask, and syncs it.
    private func writeAndSync(_ data: Data, to fd: Int32, path: String) throws(StorageError) {
        guard fchmod(fd, 0o600) == 0 else { throw .writeFailed(path, errorNumber: errno, "fchmod failed") }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path, errorNumber: errno, "write failed")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw .writeFailed(path, errorNumber: errno, "fsync failed") }
    }

    /// Makes the rename durable. Best effort: the new content is already in place, and some
    /// file systems cannot sync a directory.
    private func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Creates `directory` and any missing parents, each `0700`.
    private func createDirectory(_ directory: String) throws(StorageError) {
        if mkdir(directory, 0o700) == 0 {
            _ = chmod(directory, 0o700)
            return
        }
        let error = errno
        if error == EEXIST { return }
        let parent = (directory as NSString).deletingLastPathComponent
        guard error == ENOENT, !parent.isEmpty, parent != directory else {
            throw .writeFailed(directory, errorNumber: error, "mkdir failed")
        }
        try createDirectory(parent)
        if mkdir(directory, 0o700) == 0 {
            _ = chmod(directory, 0o700)
        } else if errno != EEXIST {
            throw .writeFailed(directory, errorNumber: errno, "mkdir failed")
        }
    }
}
