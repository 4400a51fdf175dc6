/// A refresh lease (see ``RefreshCoordinating``) could not be taken or was lost.
///
/// Two values are equal when they have the same kind; ``name``, ``timeout`` and ``reason`` are
/// diagnostics. The lease name holds a client id and a user name, never a token or a secret.
public struct RefreshLeaseError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case timedOut, lost
    }

    package let code: Code

    /// The lease concerned.
    public let name: String?

    /// How long the caller waited, for ``timedOut``.
    public let timeout: Duration?

    /// What happened, in words.
    public let reason: String?

    private init(_ code: Code, name: String? = nil, timeout: Duration? = nil, reason: String? = nil) {
        self.code = code
        self.name = name
        self.timeout = timeout
        self.reason = reason
    }

    /// Another holder kept the lease longer than the caller would wait. Nothing was changed;
    /// retryable.
    public static let timedOut = RefreshLeaseError(.timedOut)

    /// The lease was lost while held (for example the database connection holding it dropped), so
    /// another holder may have run at the same time. Retryable.
    public static let lost = RefreshLeaseError(.lost)

    /// ``timedOut`` for the lease `name`, after waiting `timeout`.
    public static func timedOut(name: String, after timeout: Duration? = nil) -> RefreshLeaseError {
        RefreshLeaseError(.timedOut, name: name, timeout: timeout)
    }

    /// ``lost`` for the lease `name`, with what happened.
    public static func lost(name: String, reason: String? = nil) -> RefreshLeaseError {
        RefreshLeaseError(.lost, name: name, reason: reason)
    }

    /// Both kinds are retryable: the lease is free again once its holder finishes or dies.
    public var isRetryable: Bool { true }

    public var description: String {
        let kind =
            switch code {
            case .timedOut: "RefreshLeaseError.timedOut: another holder kept the refresh lease too long"
            case .lost: "RefreshLeaseError.lost: the refresh lease was lost while held"
            }
        var details: [String] = []
        if let name { details.append("lease \(name)") }
        if let timeout { details.append("waited \(timeout)") }
        if let reason { details.append(reason) }
        return details.isEmpty ? kind : kind + " (" + details.joined(separator: "; ") + ")"
    }
}
