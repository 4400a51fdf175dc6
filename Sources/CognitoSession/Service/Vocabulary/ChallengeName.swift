/// A `ChallengeName` of InitiateAuth and RespondToAuthChallenge: what the service asks next.
///
/// Open, like swift-http-types' `HTTPRequest.Method`: any name the service sends is kept, and the
/// constants name those this library answers.
public struct ChallengeName: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire name, e.g. `PASSWORD_VERIFIER`.
    public let rawValue: String

    /// A challenge by its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The SRP exchange's second step: prove the password.
    public static let passwordVerifier = ChallengeName(rawValue: "PASSWORD_VERIFIER")
    /// The remembered device's SRP exchange starts.
    public static let deviceSRPAuth = ChallengeName(rawValue: "DEVICE_SRP_AUTH")
    /// The remembered device proves its password.
    public static let devicePasswordVerifier = ChallengeName(rawValue: "DEVICE_PASSWORD_VERIFIER")
    /// A code sent by SMS.
    public static let smsMFA = ChallengeName(rawValue: "SMS_MFA")
    /// A code from an authenticator app (TOTP).
    public static let softwareTokenMFA = ChallengeName(rawValue: "SOFTWARE_TOKEN_MFA")
    /// A code sent by email, as a second factor or a first one (USER_AUTH).
    public static let emailOTP = ChallengeName(rawValue: "EMAIL_OTP")
    /// A code sent by SMS as a first factor (USER_AUTH).
    public static let smsOTP = ChallengeName(rawValue: "SMS_OTP")
    /// The user picks a second factor.
    public static let selectMFAType = ChallengeName(rawValue: "SELECT_MFA_TYPE")
    /// The user picks a first factor (USER_AUTH): the offered ones are the response's `AvailableChallenges`.
    public static let selectChallenge = ChallengeName(rawValue: "SELECT_CHALLENGE")
    /// The password, sent to the service over TLS, as a first factor (USER_AUTH).
    public static let password = ChallengeName(rawValue: "PASSWORD")
    /// The password proven with SRP as a first factor (USER_AUTH): PASSWORD_VERIFIER follows.
    public static let passwordSRP = ChallengeName(rawValue: "PASSWORD_SRP")
    /// A passkey (WebAuthn) as a first factor (USER_AUTH): the challenge carries `CREDENTIAL_REQUEST_OPTIONS`,
    /// the answer is the authenticator's `CREDENTIAL`.
    public static let webAuthn = ChallengeName(rawValue: "WEB_AUTHN")
    /// The pool requires MFA and the user has none yet.
    public static let mfaSetup = ChallengeName(rawValue: "MFA_SETUP")
    /// A challenge from the pool's custom authentication triggers.
    public static let customChallenge = ChallengeName(rawValue: "CUSTOM_CHALLENGE")
    /// The user must choose a new password.
    public static let newPasswordRequired = ChallengeName(rawValue: "NEW_PASSWORD_REQUIRED")
    /// CUSTOM_AUTH's opening SRP step (the `CHALLENGE_NAME` auth parameter).
    public static let srpA = ChallengeName(rawValue: "SRP_A")

    /// The wire name.
    public var description: String { rawValue }
}
