/// A first factor a user pool allows (`Policies.SignInPolicy.AllowedFirstAuthFactors` of CreateUserPool and
/// UpdateUserPool).
///
/// Open, like ``ChallengeName``: the constants name the factors the service knows; any other is kept.
public struct AuthFactor: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire name, e.g. `EMAIL_OTP`.
    public let rawValue: String

    /// A factor by its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The password (as PASSWORD or PASSWORD_SRP).
    public static let password = AuthFactor(rawValue: "PASSWORD")
    /// A one-time code by email.
    public static let emailOTP = AuthFactor(rawValue: "EMAIL_OTP")
    /// A one-time code by SMS.
    public static let smsOTP = AuthFactor(rawValue: "SMS_OTP")
    /// A passkey.
    public static let webAuthn = AuthFactor(rawValue: "WEB_AUTHN")

    /// The wire name.
    public var description: String { rawValue }
}
