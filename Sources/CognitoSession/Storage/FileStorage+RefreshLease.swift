#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileStorage: RefreshCoordinating {
    /// Runs `body` holding an exclusive `flock` on a lock file of this lease's own beside the
    /// sessions file, so the processes of one host sharing the file refresh one at a time.
    ///
    /// The lock file is `<file>.lock.<hash>`, where the hash is the first 16 bytes of the SHA-256
    /// of `name` in hexadecimal (no user name appears in a file name). It is created `0600`, never
    /// followed if a symbolic link, must be a regular file of this user's, and is kept afterwards
    /// (removing it would race). The lock is tried without blocking, then again with a growing
    /// pause (2 ms up to 50 ms) until `timeout` has passed: then ``RefreshLeaseError/timedOut``.
    /// A holder that dies, even by `SIGKILL`, releases it: the kernel drops a `flock` with the
    /// last descriptor, and the descriptor is never inherited by a child process.
    public func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let lockName = try leaseFileName(for: name)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause = Duration.milliseconds(2)
        var lock: Int32?
        while true {
            lock = try await perform { try self.tryLease(lockName) }
            if lock != nil { break }
            let now = clock.now
            if now >= deadline { throw RefreshLeaseError.timedOut(name: name, after: timeout) }
            try await Task.sleep(for: min(pause, now.duration(to: deadline)))
            pause = min(pause * 2, .milliseconds(50))
        }
        guard let lock else { throw RefreshLeaseError.timedOut(name: name, after: timeout) }
        defer {
            flock(lock, LOCK_UN)
            close(lock)
        }
        return try await body()
    }

    /// The lock file's name for the lease `name`.
    package func leaseFileName(for name: String) throws -> String {
        let digest = try SHA256.hash(Array(name.utf8)).prefix(16)
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        return self.name + ".lock." + hex.joined()
    }

    /// Opens the lease's lock file (creating the folder if needed) and tries once to lock it; the
    /// descriptor when it is now held, nil when another holder has it.
    private func tryLease(_ lockName: String) throws(StorageError) -> Int32? {
        var folder = try openFolder()
        if folder == nil {
            try createDirectory(folderPath)
            folder = try openFolder()
        }
        guard let folder else { throw .lockFailed(folderPath, errorNumber: ENOENT, "the folder vanished") }
        defer { close(folder) }
        let fd = try openLockFile(lockName, in: folder)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            if error == EINTR { continue }
            close(fd)
            if error == EWOULDBLOCK { return nil }
            throw .lockFailed(folderPath + "/" + lockName, errorNumber: error, "flock failed")
        }
        return fd
    }
}
