/// Where a sign-in stands: signed in, or waiting for the answer to a challenge.
///
/// Answer a challenge with the matching method of ``CognitoUser``:
/// `completeNewPasswordChallenge`, `sendMFACode`, `sendMFASelectionAnswer`,
/// `associateSoftwareToken` + `verifySoftwareToken`, or `sendCustomChallengeAnswer`; the choice-based
/// sign-in (``AuthFlow/userAuth``) adds `selectChallenge`, `sendPassword`, `sendMFACode` for the one-time
/// codes, and `sendWebAuthnCredential`.
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
    /// The user picks a first factor (`SELECT_CHALLENGE`, USER_AUTH) among those the pool offers:
    /// answer with `selectChallenge(_:password:clientMetadata:)`.
    case selectChallenge(availableChallenges: [ChallengeName])
    /// The service asks for the password (a `PASSWORD` or `PASSWORD_SRP` challenge, USER_AUTH): answer
    /// with `sendPassword(_:clientMetadata:)`.
    case passwordRequired
    /// A one-time code was sent by email (`EMAIL_OTP`): as the first factor of USER_AUTH, or as the second
    /// after a password. Answer with `sendMFACode(_:mfaType:clientMetadata:)`.
    case emailOTPRequired(codeDeliveryDetails: CodeDeliveryDetails)
    /// A one-time code was sent by SMS as the first factor (`SMS_OTP`, USER_AUTH). Answer with
    /// `sendMFACode(_:mfaType:clientMetadata:)`.
    case smsOTPRequired(codeDeliveryDetails: CodeDeliveryDetails)
    /// A passkey is asked for (`WEB_AUTHN`, USER_AUTH): `credentialRequestOptions` is the service's
    /// PublicKeyCredentialRequestOptions JSON for the authenticator; answer with the authenticator's
    /// AuthenticationResponseJSON through `sendWebAuthnCredential(_:clientMetadata:)`.
    case webAuthnRequired(credentialRequestOptions: String)
}
