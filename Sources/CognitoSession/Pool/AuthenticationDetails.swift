/// What a sign-in needs: the user name, the password, and optional data for Lambda triggers.
public struct AuthenticationDetails: Sendable {
    /// The user name, or an alias (email, phone number) when the pool allows it.
    public var username: String
    /// The password (empty for custom authentication without SRP).
    public var password: String
    /// Sent to the pre-authentication trigger as `ClientMetadata`.
    ///
    /// amazon-cognito-identity-js sends `ValidationData`, when present, *instead of* the client
    /// metadata. This library sends both, merged, with the client metadata winning on a clash.
    public var validationData: [String: String]
    /// Passed to Lambda triggers as `ClientMetadata`.
    public var clientMetadata: [String: String]
    /// Extra `AuthParameters` (custom authentication without SRP).
    public var authParameters: [String: String]

    /// Details for a sign-in.
    public init(
        username: String, password: String = "", validationData: [String: String] = [:],
        clientMetadata: [String: String] = [:], authParameters: [String: String] = [:]
    ) {
        self.username = username
        self.password = password
        self.validationData = validationData
        self.clientMetadata = clientMetadata
        self.authParameters = authParameters
    }

    /// The `ClientMetadata` sent with the sign-in, or nil when there is none.
    var metadata: [String: String]? {
        let merged = validationData.merging(clientMetadata) { $1 }
        return merged.isEmpty ? nil : merged
    }
}

extension AuthenticationDetails: CustomStringConvertible {
    /// Never shows the password.
    public var description: String { "AuthenticationDetails(username: \(username), password: <redacted>)" }
}

/// How `authenticateUser(_:)` signs in.
public enum AuthenticationFlowType: String, Sendable, CaseIterable {
    /// Secure Remote Password: the password never leaves the process (the default).
    case userSRPAuth = "USER_SRP_AUTH"
    /// The password is sent to the service over TLS.
    case userPasswordAuth = "USER_PASSWORD_AUTH"
    /// Custom authentication that starts with SRP, then the pool's custom challenges.
    case customAuth = "CUSTOM_AUTH"
}

/// A second factor.
public enum MFAType: String, Sendable, CaseIterable {
    /// A code sent by SMS.
    case sms = "SMS_MFA"
    /// A code from an authenticator app (TOTP).
    case softwareToken = "SOFTWARE_TOKEN_MFA"
}

/// Where a sign-in stands: signed in, or waiting for the answer to a challenge.
///
/// Answer a challenge with the matching method of ``CognitoUser``:
/// `completeNewPasswordChallenge`, `sendMFACode`, `sendMFASelectionAnswer`,
/// `associateSoftwareToken` + `verifySoftwareToken`, or `sendCustomChallengeAnswer`.
public enum AuthenticationStep: Sendable {
    /// Signed in. `userConfirmationNecessary` is true when the pool remembers devices only on the
    /// user's say-so: call `setDeviceStatusRemembered()` if the user agrees.
    case signedIn(session: CognitoUserSession, userConfirmationNecessary: Bool)
    /// The user must choose a new password (`NEW_PASSWORD_REQUIRED`). `userAttributes` are the
    /// user's current attributes (without the ones a client may not write); `requiredAttributes`
    /// must be given to `completeNewPasswordChallenge`.
    case newPasswordRequired(userAttributes: [String: String], requiredAttributes: [String])
    /// A code was sent by SMS (`SMS_MFA`).
    case mfaRequired(codeDeliveryDetails: CodeDeliveryDetails)
    /// A code from the authenticator app is needed (`SOFTWARE_TOKEN_MFA`).
    case totpRequired
    /// The user picks a factor (`SELECT_MFA_TYPE`).
    case selectMFAType(options: [MFAType])
    /// The pool requires MFA and the user has none: set up TOTP (`MFA_SETUP`).
    case mfaSetup(options: [MFAType])
    /// A custom challenge from the pool's triggers (`CUSTOM_CHALLENGE`).
    case customChallenge(parameters: [String: String])
}
