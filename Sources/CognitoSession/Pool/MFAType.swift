/// A second factor, as SELECT_MFA_TYPE and MFA_SETUP name it.
public struct MFAType: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The wire name, which is also the factor's challenge name (e.g. `SMS_MFA`).
    public let rawValue: String

    /// A factor by its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    private init(_ challenge: ChallengeName) { rawValue = challenge.rawValue }

    /// A code sent by SMS.
    public static let sms = MFAType(.smsMFA)
    /// A code from an authenticator app (TOTP).
    public static let softwareToken = MFAType(.softwareTokenMFA)
    /// A code sent by email (`EMAIL_OTP`).
    public static let email = MFAType(.emailOTP)

    /// The factors this library answers.
    public static var allCases: [MFAType] { [.sms, .softwareToken, .email] }

    /// The challenge that asks for this factor's code.
    public var challengeName: ChallengeName { ChallengeName(rawValue: rawValue) }

    /// The wire name.
    public var description: String { rawValue }
}
