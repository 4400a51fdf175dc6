#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checks ``FileStorage`` makes on what it opens, as ssh does for key files: every one is
/// made on an open descriptor (`fstat`), so what is checked is what is then read or written.
enum FileSafety {
    /// The open flags for the session file and its lock file: never follow a symbolic link, and
    /// never wait on a FIFO or device (``regularFile(_:path:owner:)`` then refuses it).
    static let openFlags = O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC

    /// The status of `fd`, or nil with `errno` set.
    static func status(_ fd: Int32) -> stat? {
        var info = stat()
        return fstat(fd, &info) == 0 ? info : nil
    }

    /// Refuses a session folder not owned by `owner`, or writable by group or others.
    static func folder(_ info: stat, path: String, owner: uid_t) throws(StorageError) {
        guard info.st_uid == owner else {
            throw .insecurePermissions(
                path,
                "the folder is owned by uid \(info.st_uid), not uid \(owner) "
                    + "(this user): use a folder of your own, or chown \(owner) \(path)")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw .insecurePermissions(
                path,
                "the folder is writable by group or others "
                    + "(mode \(octal(info.st_mode))): chmod 700 \(path)")
        }
    }

    /// Refuses anything but a regular file owned by `owner`: a directory, FIFO, device or socket
    /// is ``StorageError/readFailed``, a file of someone else's ``StorageError/insecurePermissions``.
    static func regularFile(_ info: stat, path: String, owner: uid_t) throws(StorageError) {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw .readFailed(path, errorNumber: type == S_IFDIR ? EISDIR : nil, "not a regular file (\(kind(type)))")
        }
        guard info.st_uid == owner else {
            throw .insecurePermissions(
                path,
                "the file is owned by uid \(info.st_uid), not uid \(owner) "
                    + "(this user); it was not used: remove it, or chown \(owner) \(path)")
        }
    }

    /// The error for an `open` with ``openFlags`` that failed with `error` on `path`, when that
    /// failure means a symbolic link was refused; nil otherwise.
    static func symbolicLink(_ error: Int32, path: String) -> StorageError? {
        guard error == ELOOP else { return nil }
        return .insecurePermissions(path, "a symbolic link, which is not followed: replace it with the file itself")
    }

    /// Clears `O_NONBLOCK` on `fd`, once it is known to be a regular file.
    static func clearNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0
    }

    private static func kind(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a file"
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
