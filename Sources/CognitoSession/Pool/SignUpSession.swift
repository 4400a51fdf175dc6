/// The `Session` that SignUp and ConfirmSignUp return: it signs the new user in with USER_AUTH
/// (``CognitoUser/signIn(afterSignUp:clientMetadata:)``) without asking for a factor again.
///
/// It works once, for a few minutes. It is a credential: never shown by `description` or `dump()`.
/// Keep ``rawValue`` only where a later request (another process, a web request) must take it up.
public struct SignUpSession: RawRepresentable, Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The session string as the service sent it.
    public let rawValue: String

    /// A session from the service's `Session` string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Never shows the session.
    public var description: String { "SignUpSession(<redacted>)" }

    /// The session is `<redacted>`.
    public var customMirror: Mirror { Mirror(self, children: ["rawValue": Redaction.marker]) }
}
