import Foundation

/// A refusal the in-process pool sends back as the service would: an exception name, a message,
/// and an HTTP status (400 unless the fault is the server's).
struct ServiceFault: Error {
    let name: String
    let message: String
    var status: Int = 400

    static func notAuthorized(_ message: String) -> ServiceFault {
        .init(name: "NotAuthorizedException", message: message)
    }
    static func invalidParameter(_ message: String) -> ServiceFault {
        .init(name: "InvalidParameterException", message: message)
    }
    static func resourceNotFound(_ message: String) -> ServiceFault {
        .init(name: "ResourceNotFoundException", message: message)
    }
    static let userNotFound = ServiceFault(name: "UserNotFoundException", message: "User does not exist.")
    static let incorrectPassword = notAuthorized("Incorrect username or password.")
    static let codeMismatch = ServiceFault(
        name: "CodeMismatchException", message: "Invalid verification code provided, please try again.")
    static let expiredCode = ServiceFault(
        name: "ExpiredCodeException", message: "Invalid code provided, please request a code again.")
    static let expiredSession = notAuthorized("Invalid session for the user, session is expired.")
    static let deviceNotFound = resourceNotFound("Device does not exist.")

    static func missing(_ field: String) -> ServiceFault {
        invalidParameter(
            "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: "
                + "Member must not be null")
    }
}

/// A mistake in how a test set up the pool (an unknown user, a duplicate name): thrown by the
/// administration methods of ``LocalUserPool``, never sent over the wire.
public struct LocalUserPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable { case userExists, userNotFound, clientNotFound, invalidUserPoolId }
    private let code: Code
    /// The user name or client id concerned.
    public let subject: String

    private init(_ code: Code, _ subject: String) {
        self.code = code
        self.subject = subject
    }

    /// A user with that name (or alias) exists already.
    public static func userExists(_ name: String) -> Self { .init(.userExists, name) }
    /// No user has that name.
    public static func userNotFound(_ name: String) -> Self { .init(.userNotFound, name) }
    /// No app client has that id.
    public static func clientNotFound(_ id: String) -> Self { .init(.clientNotFound, id) }
    /// The pool id is not `<region>_<id>`.
    public static func invalidUserPoolId(_ id: String) -> Self { .init(.invalidUserPoolId, id) }

    /// Compares the kind only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        switch code {
        case .userExists: "LocalUserPoolError.userExists: \(subject)"
        case .userNotFound: "LocalUserPoolError.userNotFound: \(subject)"
        case .clientNotFound: "LocalUserPoolError.clientNotFound: \(subject)"
        case .invalidUserPoolId: "LocalUserPoolError.invalidUserPoolId: \(subject)"
        }
    }
}
