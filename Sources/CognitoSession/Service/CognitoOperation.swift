/// A Cognito user pools API operation: the `X-Amz-Target` suffix, and whether a lost request
/// may be sent again.
///
/// ``isIdempotent`` is `true` when sending the request twice does no more harm than sending it
/// once: reads, settings that overwrite, revocation, and the token-issuing calls (a repeated
/// InitiateAuth only opens another challenge or issues another set of tokens; a repeated
/// GetTokensFromRefreshToken falls in the pool's rotation grace period). It is `false` for calls
/// whose repeat fails or acts twice after the first one succeeded unseen (ConfirmSignUp,
/// ChangePassword, RespondToAuthChallenge, ForgetDevice, GlobalSignOut, SignUp, ...). See
/// ``RetryPolicy`` for how it is used.
package struct CognitoOperation: Hashable, Sendable, CustomStringConvertible {
    /// The operation name, e.g. `InitiateAuth`.
    package let name: String

    /// Whether the operation may be sent again after a failure that leaves unknown whether the
    /// service received it (a timeout, a lost connection, a bare 5xx from a proxy).
    package let isIdempotent: Bool

    package init(_ name: String, isIdempotent: Bool) {
        self.name = name
        self.isIdempotent = isIdempotent
    }

    /// What every `X-Amz-Target` of the user pools API starts with.
    package static let targetPrefix = "AWSCognitoIdentityProviderService."

    /// The `X-Amz-Target` header value.
    package var target: String { Self.targetPrefix + name }

    package var description: String { name }

    package static let initiateAuth = CognitoOperation("InitiateAuth", isIdempotent: true)
    package static let respondToAuthChallenge = CognitoOperation("RespondToAuthChallenge", isIdempotent: false)
    package static let getTokensFromRefreshToken = CognitoOperation("GetTokensFromRefreshToken", isIdempotent: true)
    package static let revokeToken = CognitoOperation("RevokeToken", isIdempotent: true)
    package static let globalSignOut = CognitoOperation("GlobalSignOut", isIdempotent: false)

    package static let signUp = CognitoOperation("SignUp", isIdempotent: false)
    package static let confirmSignUp = CognitoOperation("ConfirmSignUp", isIdempotent: false)
    package static let resendConfirmationCode = CognitoOperation("ResendConfirmationCode", isIdempotent: false)
    package static let forgotPassword = CognitoOperation("ForgotPassword", isIdempotent: false)
    package static let confirmForgotPassword = CognitoOperation("ConfirmForgotPassword", isIdempotent: false)

    package static let changePassword = CognitoOperation("ChangePassword", isIdempotent: false)
    package static let getUser = CognitoOperation("GetUser", isIdempotent: true)
    package static let updateUserAttributes = CognitoOperation("UpdateUserAttributes", isIdempotent: false)
    package static let deleteUserAttributes = CognitoOperation("DeleteUserAttributes", isIdempotent: false)
    package static let deleteUser = CognitoOperation("DeleteUser", isIdempotent: false)
    package static let getUserAttributeVerificationCode = CognitoOperation(
        "GetUserAttributeVerificationCode", isIdempotent: false)
    package static let verifyUserAttribute = CognitoOperation("VerifyUserAttribute", isIdempotent: false)

    package static let setUserMFAPreference = CognitoOperation("SetUserMFAPreference", isIdempotent: true)
    package static let setUserSettings = CognitoOperation("SetUserSettings", isIdempotent: true)
    package static let associateSoftwareToken = CognitoOperation("AssociateSoftwareToken", isIdempotent: false)
    package static let verifySoftwareToken = CognitoOperation("VerifySoftwareToken", isIdempotent: false)

    package static let confirmDevice = CognitoOperation("ConfirmDevice", isIdempotent: false)
    package static let updateDeviceStatus = CognitoOperation("UpdateDeviceStatus", isIdempotent: true)
    package static let forgetDevice = CognitoOperation("ForgetDevice", isIdempotent: false)
    package static let getDevice = CognitoOperation("GetDevice", isIdempotent: true)
    package static let listDevices = CognitoOperation("ListDevices", isIdempotent: true)

    package static let startWebAuthnRegistration = CognitoOperation("StartWebAuthnRegistration", isIdempotent: true)
    package static let completeWebAuthnRegistration = CognitoOperation(
        "CompleteWebAuthnRegistration", isIdempotent: false)
    package static let listWebAuthnCredentials = CognitoOperation("ListWebAuthnCredentials", isIdempotent: true)
    package static let deleteWebAuthnCredential = CognitoOperation("DeleteWebAuthnCredential", isIdempotent: false)

    /// Every operation the library calls.
    package static let all: [CognitoOperation] = [
        .initiateAuth, .respondToAuthChallenge, .getTokensFromRefreshToken, .revokeToken, .globalSignOut,
        .signUp, .confirmSignUp, .resendConfirmationCode, .forgotPassword, .confirmForgotPassword,
        .changePassword, .getUser, .updateUserAttributes, .deleteUserAttributes, .deleteUser,
        .getUserAttributeVerificationCode, .verifyUserAttribute,
        .setUserMFAPreference, .setUserSettings, .associateSoftwareToken, .verifySoftwareToken,
        .confirmDevice, .updateDeviceStatus, .forgetDevice, .getDevice, .listDevices,
        .startWebAuthnRegistration, .completeWebAuthnRegistration, .listWebAuthnCredentials,
        .deleteWebAuthnCredential,
    ]
}
