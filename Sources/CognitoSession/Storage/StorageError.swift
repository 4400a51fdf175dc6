/// A failure of a ``SessionStorage`` from this library, or of reading a session back from one.
///
/// Two values are equal when they have the same kind; the other properties are diagnostics.
/// No stored value (token, device secret) is ever placed in an error or its description;
/// paths and key names are.
public struct StorageError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case corruptFile, readFailed, writeFailed, lockFailed, insecurePermissions, invalidStoredToken
    }

    package let code: Code

    /// The file concerned, for file errors.
    public let path: String?

    /// The storage key concerned, for ``invalidStoredToken``.
    public let key: String?

    /// The `errno` of the failing system call, when there was one.
    public let errorNumber: Int32?

    /// What was wrong, in words (never a stored value).
    public let reason: String?

    private init(
        _ code: Code, path: String? = nil, key: String? = nil, errorNumber: Int32? = nil, reason: String? = nil
    ) {
        self.code = code
        self.path = path
        self.key = key
        self.errorNumber = errorNumber
        self.reason = reason
    }

    /// The storage file exists but is not a JSON object of strings, or names a key twice. It was
    /// left as it was.
    public static let corruptFile = StorageError(.corruptFile)

    /// The storage file could not be read (permissions, not a regular file — a directory, FIFO
    /// or device is refused without waiting on it — or an I/O error).
    public static let readFailed = StorageError(.readFailed)

    /// A change could not be written; the file still holds its previous content.
    public static let writeFailed = StorageError(.writeFailed)

    /// The lock that serialises writers could not be created or taken.
    public static let lockFailed = StorageError(.lockFailed)

    /// The session folder, file or lock file is not safe to trust, as ssh judges a key file: the
    /// folder is not owned by this user (the effective uid) or is writable by group or others, or
    /// the file or lock file is a symbolic link or is owned by someone else. Nothing was read,
    /// followed or written; ``reason`` says what to fix (e.g. `chmod 700 <folder>`).
    public static let insecurePermissions = StorageError(.insecurePermissions)

    /// A stored access or ID token could not be decoded. Nothing was removed.
    public static let invalidStoredToken = StorageError(.invalidStoredToken)

    package static func corruptFile(_ path: String, _ reason: String) -> StorageError {
        StorageError(.corruptFile, path: path, reason: reason)
    }

    package static func readFailed(_ path: String, errorNumber: Int32?, _ reason: String) -> StorageError {
        StorageError(.readFailed, path: path, errorNumber: errorNumber, reason: reason)
    }

    package static func writeFailed(_ path: String, errorNumber: Int32?, _ reason: String) -> StorageError {
        StorageError(.writeFailed, path: path, errorNumber: errorNumber, reason: reason)
    }

    package static func lockFailed(_ path: String, errorNumber: Int32, _ reason: String) -> StorageError {
        StorageError(.lockFailed, path: path, errorNumber: errorNumber, reason: reason)
    }

    package static func insecurePermissions(_ path: String, _ reason: String) -> StorageError {
        StorageError(.insecurePermissions, path: path, reason: reason)
    }

    package static func invalidStoredToken(key: String, reason: String) -> StorageError {
        StorageError(.invalidStoredToken, key: key, reason: reason)
    }

    public var description: String {
        let kind =
            switch code {
            case .corruptFile: "StorageError.corruptFile: the file is not a JSON object of strings"
            case .readFailed: "StorageError.readFailed: the file could not be read"
            case .writeFailed: "StorageError.writeFailed: the change could not be written"
            case .lockFailed: "StorageError.lockFailed: the writers' lock could not be taken"
            case .insecurePermissions: "StorageError.insecurePermissions: the session folder or file is not safe to use"
            case .invalidStoredToken: "StorageError.invalidStoredToken: a stored token could not be decoded"
            }
        var details: [String] = []
        if let path { details.append("path \(path)") }
        if let key { details.append("key \(key)") }
        if let reason { details.append(reason) }
        if let errorNumber { details.append("errno \(errorNumber)") }
        return details.isEmpty ? kind : kind + " (" + details.joined(separator: "; ") + ")"
    }
}

extension StorageError {
    /// Whether the store may work again unchanged: a read, write or lock that failed (not a corrupt or unsafe file).
    public var isRetryable: Bool { [.readFailed, .writeFailed, .lockFailed].contains(code) }
}
