import Foundation
import Testing

@testable import CognitoSession

/// Every service request and response shape that carries a password, token, SECRET_HASH, client
/// secret, SRP value, code or session string shows none of them when dumped.
@Suite("Service shapes show no secret")
struct RedactionServiceShapeTests {
    typealias R = RedactionTests
    static let token = "ACCESS-TOKEN-eyJraWQiOiJ"
    static let totpSecret = "TOTP-SECRET-JBSWY3DPEHPK3PXP"

    static var result: AuthenticationResult {
        AuthenticationResult(
            accessToken: R.access, idToken: R.id, refreshToken: R.refresh, expiresIn: 3600,
            tokenType: "Bearer",
            newDeviceMetadata: NewDeviceMetadata(
                deviceKey: "dk-1",
                deviceGroupKey: "gk-1"))
    }

    static let tokens = [R.access, R.id, R.refresh]

    @Test("Sign-in, challenge, refresh and sign-out shapes")
    func auth() {
        R.expectRedacted(
            InitiateAuthRequest(
                authFlow: .userSRPAuth, clientId: "client-id",
                authParameters: [
                    "USERNAME": "alice", "SRP_A": R.srpA, "SECRET_HASH": R.secretHash,
                    "PASSWORD": R.password, "REFRESH_TOKEN": R.refresh, "DEVICE_KEY": "dk-1",
                ],
                clientMetadata: ["m": R.code]),
            secrets: [R.srpA, R.secretHash, R.password, R.refresh, R.code],
            shown: ["USER_SRP_AUTH", "client-id", "alice", "SRP_A", "dk-1"])
        R.expectRedacted(
            RespondToAuthChallengeRequest(
                challengeName: .passwordVerifier, clientId: "client-id",
                challengeResponses: [
                    "USERNAME": "alice", "PASSWORD_CLAIM_SIGNATURE": R.claim,
                    "SECRET_HASH": R.secretHash, "NEW_PASSWORD": R.newPassword,
                    "SMS_MFA_CODE": R.code,
                ],
                session: R.session),
            secrets: [R.claim, R.secretHash, R.newPassword, R.code, R.session],
            shown: ["PASSWORD_VERIFIER", "alice", "PASSWORD_CLAIM_SIGNATURE"])
        R.expectRedacted(
            AuthChallengeResponse(
                challengeName: .passwordVerifier,
                challengeParameters: [
                    "USER_ID_FOR_SRP": "alice", "SRP_B": R.srpA, "SALT": R.code,
                    "SECRET_BLOCK": R.claim,
                ],
                session: R.session, authenticationResult: Self.result),
            secrets: [R.srpA, R.code, R.claim, R.session] + Self.tokens, shown: ["PASSWORD_VERIFIER", "alice", "SALT"])
        R.expectRedacted(Self.result, secrets: Self.tokens, shown: ["Bearer", "dk-1", "3600"])
        R.expectRedacted(
            GetTokensFromRefreshTokenResponse(authenticationResult: Self.result), secrets: Self.tokens,
            shown: ["Bearer"])
        R.expectRedacted(
            GetTokensFromRefreshTokenRequest(
                refreshToken: R.refresh, clientId: "client-id",
                clientSecret: R.clientSecret, deviceKey: "dk-1"),
            secrets: [R.refresh, R.clientSecret], shown: ["client-id", "dk-1"])
        R.expectRedacted(
            RevokeTokenRequest(token: R.refresh, clientId: "client-id", clientSecret: R.clientSecret),
            secrets: [R.refresh, R.clientSecret], shown: ["client-id"])
        R.expectRedacted(GlobalSignOutRequest(accessToken: Self.token), secrets: [Self.token], shown: ["accessToken"])
    }

    @Test("Account shapes")
    func account() {
        R.expectRedacted(
            ChangePasswordRequest(
                previousPassword: R.password, proposedPassword: R.newPassword,
                accessToken: Self.token),
            secrets: [R.password, R.newPassword, Self.token], shown: ["proposedPassword"])
        R.expectRedacted(GetUserRequest(accessToken: Self.token), secrets: [Self.token], shown: ["accessToken"])
        R.expectRedacted(
            UpdateUserAttributesRequest(
                userAttributes: [CognitoUserAttribute(name: "email", value: "a@example.com")],
                accessToken: Self.token),
            secrets: [Self.token], shown: ["a@example.com"])
        R.expectRedacted(
            DeleteUserAttributesRequest(userAttributeNames: ["nickname"], accessToken: Self.token),
            secrets: [Self.token], shown: ["nickname"])
        R.expectRedacted(DeleteUserRequest(accessToken: Self.token), secrets: [Self.token], shown: ["accessToken"])
        R.expectRedacted(
            GetUserAttributeVerificationCodeRequest(accessToken: Self.token, attributeName: "email"),
            secrets: [Self.token], shown: ["email"])
        R.expectRedacted(
            VerifyUserAttributeRequest(accessToken: Self.token, attributeName: "email", code: R.code),
            secrets: [Self.token, R.code], shown: ["email"])
    }

    @Test("Device shapes")
    func devices() {
        let config = DeviceSecretVerifierConfig(passwordVerifier: R.claim, salt: R.code)
        R.expectRedacted(
            ConfirmDeviceRequest(
                accessToken: Self.token, deviceKey: "dk-1", deviceSecretVerifierConfig: config,
                deviceName: "laptop"),
            secrets: [Self.token, R.claim, R.code], shown: ["dk-1", "laptop"])
        R.expectRedacted(
            UpdateDeviceStatusRequest(accessToken: Self.token, deviceKey: "dk-1", deviceRememberedStatus: "remembered"),
            secrets: [Self.token], shown: ["dk-1", "remembered"])
        R.expectRedacted(
            ForgetDeviceRequest(accessToken: Self.token, deviceKey: "dk-1"), secrets: [Self.token],
            shown: ["dk-1"])
        R.expectRedacted(
            GetDeviceRequest(deviceKey: "dk-1", accessToken: Self.token), secrets: [Self.token],
            shown: ["dk-1"])
        R.expectRedacted(
            ListDevicesRequest(accessToken: Self.token, limit: 10, paginationToken: "page-2"),
            secrets: [Self.token], shown: ["page-2"])
    }

    @Test("MFA shapes")
    func mfa() {
        R.expectRedacted(
            SetUserMFAPreferenceRequest(accessToken: Self.token, smsMfaSettings: MFASettings(enabled: true)),
            secrets: [Self.token], shown: ["smsMfaSettings"])
        R.expectRedacted(
            SetUserSettingsRequest(accessToken: Self.token, mfaOptions: [MFAOptionType(deliveryMedium: "SMS")]),
            secrets: [Self.token], shown: ["SMS"])
        R.expectRedacted(
            AssociateSoftwareTokenRequest(accessToken: Self.token, session: R.session),
            secrets: [Self.token, R.session], shown: ["session"])
        R.expectRedacted(
            AssociateSoftwareTokenResponse(secretCode: Self.totpSecret, session: R.session),
            secrets: [Self.totpSecret, R.session], shown: ["secretCode"])
        R.expectRedacted(
            VerifySoftwareTokenRequest(
                accessToken: Self.token, session: R.session, userCode: R.code,
                friendlyDeviceName: "phone"),
            secrets: [Self.token, R.session, R.code], shown: ["phone"])
        R.expectRedacted(
            VerifySoftwareTokenResponse(status: "SUCCESS", session: R.session), secrets: [R.session],
            shown: ["SUCCESS"])
    }

    @Test("Registration and password-reset shapes")
    func registration() {
        R.expectRedacted(
            SignUpRequest(clientId: "client-id", username: "alice", password: R.password, secretHash: R.secretHash),
            secrets: [R.password, R.secretHash], shown: ["alice", "client-id"])
        R.expectRedacted(
            SignUpResponse(userConfirmed: false, userSub: "sub-1", session: R.session),
            secrets: [R.session], shown: ["sub-1"])
        R.expectRedacted(
            ConfirmSignUpRequest(
                clientId: "client-id", username: "alice", confirmationCode: R.code,
                secretHash: R.secretHash, session: R.session),
            secrets: [R.code, R.secretHash, R.session], shown: ["alice"])
        R.expectRedacted(ConfirmSignUpResponse(session: R.session), secrets: [R.session], shown: ["session"])
        R.expectRedacted(
            ResendConfirmationCodeRequest(
                clientId: "client-id", username: "alice",
                secretHash: R.secretHash),
            secrets: [R.secretHash], shown: ["alice"])
        R.expectRedacted(
            ForgotPasswordRequest(clientId: "client-id", username: "alice", secretHash: R.secretHash),
            secrets: [R.secretHash], shown: ["alice"])
        R.expectRedacted(
            ConfirmForgotPasswordRequest(
                clientId: "client-id", username: "alice", confirmationCode: R.code,
                password: R.newPassword, secretHash: R.secretHash),
            secrets: [R.code, R.newPassword, R.secretHash], shown: ["alice"])
    }
}
