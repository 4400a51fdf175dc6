/// The refusals of passkey registration and sign-in, with the service's exception names. Registration
/// (CompleteWebAuthnRegistration) names what failed; a sign-in answer (RespondToAuthChallenge) that fails
/// any check is `NotAuthorizedException`, as the service lists no WebAuthn exception for that call.
extension ServiceFault {
    static let webAuthnChallengeNotFound = ServiceFault(
        name: "WebAuthnChallengeNotFoundException",
        message: "The passkey registration challenge was not found or has expired.")
    static let webAuthnOriginNotAllowed = ServiceFault(
        name: "WebAuthnOriginNotAllowedException",
        message: "The passkey credential's origin does not match the user pool relying party id.")
    static let webAuthnRelyingPartyMismatch = ServiceFault(
        name: "WebAuthnRelyingPartyMismatchException",
        message: "The passkey credential is for another relying party than the user pool's.")
    static func webAuthnCredentialNotSupported(_ detail: String) -> ServiceFault {
        ServiceFault(
            name: "WebAuthnCredentialNotSupportedException",
            message: "The passkey credential is not supported: \(detail).")
    }
    static let webAuthnClientMismatch = ServiceFault(
        name: "WebAuthnClientMismatchException",
        message: "The access token is for another app client than the one that started the registration.")
    static let webAuthnConfigurationMissing = ServiceFault(
        name: "WebAuthnConfigurationMissingException",
        message: "The user pool has no passkey relying party id.")
    static let passkeyNotAccepted = notAuthorized("Passkey authentication failed.")
}
