import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``SessionStorage`` kept in one JSON file: an object of string keys and string values.
///
/// - Every change is a read-modify-write under an exclusive `flock` on `<file>.lock`, so
///   writers in several threads or processes never lose one another's updates.
/// - The new content goes to a temporary file in the same directory, created `0600`, which is
///   `fsync`ed and renamed over the old file (then the directory is `fsync`ed). A reader, or a
///   crash at any moment, sees the old content or the new, never a torn file.
/// - A directory the store has to create is made `0700`. As ssh does for key files, the folder
///   holding the file must be owned by this user (the effective uid) and not writable by group
///   or others; the file and the lock file are opened without following a symbolic link
///   (`O_NOFOLLOW`) and must be regular files owned by this user. Anything else is
///   ``StorageError/insecurePermissions`` (or ``StorageError/readFailed`` for a directory, FIFO
///   or device, refused at once: the store never waits on one).
/// - Keys are compared byte for byte (their UTF-8), not by Unicode canonical equivalence: "José"
///   with U+00E9 and "José" with `e` + U+0301 are two keys.
/// - A file that is not a JSON object of strings, or names one key twice, is
///   ``StorageError/corruptFile``, and is left exactly as it is: the store never replaces data it
///   could not read. Any failure leaves the file's bytes unchanged.
/// - ``updateItems(set:remove:)`` and ``updateItems(set:remove:ifCurrent:)`` are atomic.
///
/// Nothing is touched until the first call; the lock file is kept (removing it would race).
/// Calls run on a private serial queue, so waiting for the lock never blocks Swift's
/// cooperative thread pool.
public final class FileStorage: SessionStorage {
    /// The largest file the store will read (16 MiB); anything larger is not a session file.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// The JSON file.
    public let fileURL: URL

    /// The uid that must own the folder, the file and the lock file.
    private let owner: uid_t

    private let queue = DispatchQueue(label: "CognitoSession.FileStorage")

    /// A store in `fileURL`, which need not exist yet, for the current user (the effective uid).
    public convenience init(fileURL: URL) { self.init(fileURL: fileURL, expectedOwner: geteuid()) }

    /// A store in `fileURL` whose folder, file and lock file must be owned by `expectedOwner`
    /// (tests use it to see a folder as someone else's).
    package init(fileURL: URL, expectedOwner: uid_t) {
        self.fileURL = fileURL
        self.owner = expectedOwner
    }

    /// The value stored under `key` (compared byte for byte), or nil.
    public func getItem(_ key: String) async throws -> String? {
        try await perform { try self.load()[ExactKey(key)] }
    }

    /// Stores `value` under `key`.
    public func setItem(_ key: String, value: String) async throws {
        try await perform { try self.modify { $0[ExactKey(key)] = value } }
    }

    /// Removes `key`.
    public func removeItem(_ key: String) async throws {
        try await perform { try self.modify { $0[ExactKey(key)] = nil } }
    }

    /// Removes every key.
    public func clear() async throws {
        try await perform { try self.modify { $0.removeAll() } }
    }

    /// Removes `remove`, then writes `set`, all at once.
    public func updateItems(set: [String: String], remove: [String]) async throws {
        try await perform {
            try self.modify { items in
                for key in remove { items[ExactKey(key)] = nil }
                for (key, value) in set { items[ExactKey(key)] = value }
            }
        }
    }

    /// Applies `set`/`remove` if every key in `expected` holds the given value (nil: absent):
    /// compared and written under the writers' lock, all at once. Returns whether it applied them.
    public func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    )
        async throws -> Bool
    {
        try await perform {
            try self.modify(if: { $0.matches(expected) }) { items in
                for key in remove { items[ExactKey(key)] = nil }
                for (key, value) in set { items[ExactKey(key)] = value }
            }
        }
    }

    /// `true`: one rename publishes every change at once.
    public var supportsAtomicUpdates: Bool { true }

    /// Every key and value in the file.
    ///
    /// Two keys that are byte-distinct but canonically equivalent (see the type's notes) are one
    /// key in a `[String: String]`: the value kept is the one under the key first in UTF-8 byte
    /// order. ``allItemPairs()`` returns every key.
    public func allItems() async throws -> [String: String] {
        try await perform { try self.load().stringDictionary }
    }

    /// Every key and value in the file, one pair per byte-distinct key, in UTF-8 byte order.
    public func allItemPairs() async throws -> [(key: String, value: String)] {
        try await perform { try self.load().sortedPairs }
    }

    // MARK: - File operations (on `queue`)

    private typealias Items = [ExactKey: String]

    private var path: String { fileURL.path }
    var folderPath: String { fileURL.deletingLastPathComponent().path }
    var name: String { fileURL.lastPathComponent }
    private var lockName: String { name + ".lock" }

    func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Reads the store; a missing folder or file (or an empty file) is an empty store.
    private func load() throws(StorageError) -> Items {
        guard let folder = try openFolder() else { return [:] }
        defer { close(folder) }
        return try readItems(in: folder)
    }

    /// Opens the folder holding the file and checks it is safe; nil when it does not exist.
    func openFolder() throws(StorageError) -> Int32? {
        let fd = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            if error == ENOENT { return nil }
            throw .readFailed(folderPath, errorNumber: error, "open of the folder failed")
        }
        do throws(StorageError) {
            guard let info = FileSafety.status(fd) else {
                throw StorageError.readFailed(folderPath, errorNumber: errno, "fstat of the folder failed")
            }
            try FileSafety.folder(info, path: folderPath, owner: owner)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Reads the file in `folder`; a missing (or empty) file is an empty store.
    private func readItems(in folder: Int32) throws(StorageError) -> Items {
        let fd = openat(folder, name, O_RDONLY | FileSafety.openFlags)
        if fd < 0 {
            let error = errno
            if error == ENOENT { return [:] }
            if let refused = FileSafety.symbolicLink(error, path: path) { throw refused }
            throw .readFailed(path, errorNumber: error, "open failed")
        }
        defer { close(fd) }

        guard let info = FileSafety.status(fd) else { throw .readFailed(path, errorNumber: errno, "fstat failed") }
        try FileSafety.regularFile(info, path: path, owner: owner)
        guard FileSafety.clearNonBlocking(fd) else { throw .readFailed(path, errorNumber: errno, "fcntl failed") }
        if info.st_size > Self.maximumFileSize {
            throw .corruptFile(path, "larger than \(Self.maximumFileSize) bytes")
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
        do {
            return try SessionFileParser.parse(bytes)
        } catch {
            throw .corruptFile(path, error.reason)
        }
    }

    /// Applies `change` to the file's content under the writers' lock, and writes the result
    /// unless nothing changed.
    ///
    /// A change that would change nothing in the current content (removing a missing key) is
    /// done without taking the lock or creating anything.
    private func modify(_ change: (inout Items) -> Void) throws(StorageError) {
        _ = try modify(if: { _ in true }, change)
    }

    /// Applies `change` when `condition` holds for the file's content, comparing and writing under
    /// the writers' lock; returns whether the condition held.
    ///
    /// A first look without the lock (a consistent snapshot: the file is only ever replaced
    /// whole) answers a condition that fails, or a change that would change nothing, without
    /// taking the lock or creating anything.
    private func modify(if condition: (Items) -> Bool, _ change: (inout Items) -> Void) throws(StorageError) -> Bool {
        var folder = try openFolder()
        defer { if let folder { close(folder) } }
        var current = try folder.map { fd throws(StorageError) in try readItems(in: fd) } ?? [:]
        guard condition(current) else { return false }
        let unchanged = current
        change(&current)
        if current == unchanged { return true }

        if folder == nil {
            try createDirectory(folderPath)
            folder = try openFolder()
        }
        guard let folder else { throw .writeFailed(folderPath, errorNumber: ENOENT, "the folder vanished") }
        let lock = try lockWriters(in: folder)
        defer {
            flock(lock, LOCK_UN)
            close(lock)
        }
        let before = try readItems(in: folder)
        guard condition(before) else { return false }
        var after = before
        change(&after)
        if after != before { try replaceFile(with: after, in: folder) }
        return true
    }

    /// Opens `<file>.lock` in `folder` and takes an exclusive lock on it, waiting as long as it takes.
    private func lockWriters(in folder: Int32) throws(StorageError) -> Int32 {
        let fd = try openLockFile(lockName, in: folder)
        let lockPath = folderPath + "/" + lockName
        while flock(fd, LOCK_EX) != 0 {
            let error = errno
            if error == EINTR { continue }
            close(fd)
            throw .lockFailed(lockPath, errorNumber: error, "flock failed")
        }
        return fd
    }

    /// Opens the lock file `lockName` in `folder`: created `0600`, not followed if a link, and
    /// checked to be a regular file of this user's.
    func openLockFile(_ lockName: String, in folder: Int32) throws(StorageError) -> Int32 {
        let lockPath = folderPath + "/" + lockName
        let fd = openat(folder, lockName, O_RDWR | O_CREAT | FileSafety.openFlags, 0o600)
        if fd < 0 {
            let error = errno
            if let refused = FileSafety.symbolicLink(error, path: lockPath) { throw refused }
            throw .lockFailed(lockPath, errorNumber: error, "open failed")
        }
        do throws(StorageError) {
            guard let info = FileSafety.status(fd) else {
                throw StorageError.lockFailed(lockPath, errorNumber: errno, "fstat failed")
            }
            try FileSafety.regularFile(info, path: lockPath, owner: owner)
            guard FileSafety.clearNonBlocking(fd) else {
                throw StorageError.lockFailed(lockPath, errorNumber: errno, "fcntl failed")
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Writes `items` to a temporary file beside the store, syncs it and renames it over the
    /// store; on any failure the temporary file is removed and the store is untouched.
    private func replaceFile(with items: Items, in folder: Int32) throws(StorageError) {
        let data = SessionFileEncoder.encode(items)
        let temporaryName = "." + name + ".tmp-\(getpid())-\(UInt64.random(in: .min ... .max))"
        let temporaryPath = folderPath + "/" + temporaryName
        let fd = openat(folder, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .writeFailed(temporaryPath, errorNumber: errno, "open failed") }
        var renamed = false
        defer { if !renamed { unlinkat(folder, temporaryName, 0) } }

        let written = Result { () throws(StorageError) in try writeAndSync(data, to: fd, path: temporaryPath) }
        close(fd)
        try written.get()

        guard renameat(folder, temporaryName, folder, name) == 0 else {
            throw .writeFailed(path, errorNumber: errno, "rename failed")
        }
        renamed = true
        _ = fsync(folder)  // best effort: the new content is in place; some file systems cannot
    }

    /// Writes all of `data` to `fd`, sets it `0600` whatever the umask, and syncs it.
    private func writeAndSync(_ data: [UInt8], to fd: Int32, path: String) throws(StorageError) {
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

    /// Creates `directory` and any missing parents, each `0700`.
    func createDirectory(_ directory: String) throws(StorageError) {
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
