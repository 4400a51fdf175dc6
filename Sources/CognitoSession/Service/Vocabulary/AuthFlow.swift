/// An `AuthFlow` of InitiateAuth: how a sign-in starts.
///
/// Open, like swift-http-types' `HTTPRequest.Method`: the constants name the flows this library
/// speaks, and `AuthFlow(rawValue:)` carries any other the service adds.
public struct AuthFlow: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire name, e.g. `USER_SRP_AUTH`.
    public let rawValue: String

    /// A flow by its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Secure Remote Password: the password never leaves the process (the default).
    public static let userSRPAuth = AuthFlow(rawValue: "USER_SRP_AUTH")
    /// The password is sent to the service over TLS.
    public static let userPasswordAuth = AuthFlow(rawValue: "USER_PASSWORD_AUTH")
    /// Custom authentication: the pool's Lambda triggers decide the challenges (SRP first, or not).
    public static let customAuth = AuthFlow(rawValue: "CUSTOM_AUTH")
    /// A refresh with the refresh token.
    public static let refreshTokenAuth = AuthFlow(rawValue: "REFRESH_TOKEN_AUTH")
    /// The choice-based sign-in: the user picks (or prefers) a first factor.
    public static let userAuth = AuthFlow(rawValue: "USER_AUTH")

    /// The wire name.
    public var description: String { rawValue }
}
