/// The refresh token: exchanged with Cognito for new access and ID tokens.
///
/// It is opaque (an encrypted JWE) and never decoded. An empty token means there is none.
/// The token's text never appears in `description`.
public struct CognitoRefreshToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The token as issued.
    public let token: String

    /// Wraps `token`, which may be empty.
    public init(token: String) { self.token = token }

    public var description: String {
        token.isEmpty ? "CognitoRefreshToken(empty)" : "CognitoRefreshToken(token: <redacted>)"
    }

    public var debugDescription: String { description }
}
