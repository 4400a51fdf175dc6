import ArgumentParser
import CognitoSession

/// `login --factor`: the first factor to sign in with (the choice-based sign-in, USER_AUTH).
enum SignInFactor: String, CaseIterable, ExpressibleByArgument {
    case password
    case passwordSRP = "password-srp"
    case emailOTP = "email-otp"
    case smsOTP = "sms-otp"

    /// The factor's challenge name (`PREFERRED_CHALLENGE`).
    var challenge: ChallengeName {
        switch self {
        case .password: .password
        case .passwordSRP: .passwordSRP
        case .emailOTP: .emailOTP
        case .smsOTP: .smsOTP
        }
    }

    /// The factor a challenge name stands for, if the tool can answer it.
    init?(_ challenge: ChallengeName) {
        guard let factor = Self.allCases.first(where: { $0.challenge == challenge }) else { return nil }
        self = factor
    }

    /// Whether the factor takes the password.
    var usesPassword: Bool { self == .password || self == .passwordSRP }
}
