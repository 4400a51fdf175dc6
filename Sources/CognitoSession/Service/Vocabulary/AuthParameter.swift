/// The names of `AuthParameters` and `ChallengeResponses` members (and of the challenge
/// parameters the service sends back), spelled once.
package enum AuthParameter {
    package static let username = "USERNAME"
    package static let password = "PASSWORD"
    package static let newPassword = "NEW_PASSWORD"
    package static let secretHash = "SECRET_HASH"
    package static let deviceKey = "DEVICE_KEY"
    package static let srpA = "SRP_A"
    package static let srpB = "SRP_B"
    package static let salt = "SALT"
    package static let secretBlock = "SECRET_BLOCK"
    package static let passwordClaimSecretBlock = "PASSWORD_CLAIM_SECRET_BLOCK"
    package static let passwordClaimSignature = "PASSWORD_CLAIM_SIGNATURE"
    package static let timestamp = "TIMESTAMP"
    package static let refreshToken = "REFRESH_TOKEN"
    package static let challengeName = "CHALLENGE_NAME"
    package static let userIdForSRP = "USER_ID_FOR_SRP"
    package static let answer = "ANSWER"
    package static let smsMFACode = "SMS_MFA_CODE"
    package static let softwareTokenMFACode = "SOFTWARE_TOKEN_MFA_CODE"
    package static let emailOTPCode = "EMAIL_OTP_CODE"
    package static let smsOTPCode = "SMS_OTP_CODE"
    package static let preferredChallenge = "PREFERRED_CHALLENGE"
    /// WEB_AUTHN's answer: the authenticator's AuthenticationResponseJSON.
    package static let credential = "CREDENTIAL"
    /// WEB_AUTHN's challenge parameter: the PublicKeyCredentialRequestOptions JSON.
    package static let credentialRequestOptions = "CREDENTIAL_REQUEST_OPTIONS"
    package static let codeDeliveryDestination = "CODE_DELIVERY_DESTINATION"
    package static let codeDeliveryMedium = "CODE_DELIVERY_DELIVERY_MEDIUM"
    package static let mfasCanChoose = "MFAS_CAN_CHOOSE"
    package static let mfasCanSetup = "MFAS_CAN_SETUP"
    package static let userAttributes = "userAttributes"
    package static let requiredAttributes = "requiredAttributes"
    /// The prefix of attribute answers to NEW_PASSWORD_REQUIRED: `userAttributes.<name>`.
    package static let userAttributePrefix = "userAttributes."
}

/// `DeviceRememberedStatus` values of UpdateDeviceStatus.
package enum DeviceRememberedStatus {
    package static let remembered = "remembered"
    package static let notRemembered = "not_remembered"
}

/// `Status` of VerifySoftwareToken.
package enum VerifySoftwareTokenStatus {
    package static let success = "SUCCESS"
}
