import Foundation
import Testing
import CognitoSessionTesting
@testable import CognitoSession

@Suite("TOTP software-token MFA against moto", .againstMoto)
struct SoftwareTokenIntegrationTests {
    @Test("Associate, verify and prefer a software token; sign-in then answers SOFTWARE_TOKEN_MFA")
    func totpSetupThenSignInWithIt() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let accessToken = try await client.signIn(username).accessToken

        let secret = try #require(try await client.service.send(AssociateSoftwareTokenRequest(accessToken: accessToken)).secretCode)
        let wrongCode = try wrongTOTP(secret: secret)
        await #expect(throws: CognitoServiceError.codeMismatch) {
            try await client.service.send(VerifySoftwareTokenRequest(accessToken: accessToken, userCode: wrongCode))
        }
        let verified = try await client.withCurrentTOTP(secret: secret) { code in
            try await client.service.send(VerifySoftwareTokenRequest(
                accessToken: accessToken, userCode: code, friendlyDeviceName: "integration"))
        }
        #expect(verified.status == "SUCCESS")

        _ = try await client.service.send(SetUserMFAPreferenceRequest(
            accessToken: accessToken, softwareTokenMfaSettings: MFASettings(enabled: true, preferredMfa: true)))
        let user = try await client.getUser(accessToken)
        #expect(user.userMFASettingList == ["SOFTWARE_TOKEN_MFA"])
        #expect(user.preferredMfaSetting == "SOFTWARE_TOKEN_MFA")

        let challenge = try await client.initiatePasswordAuth(username)
        #expect(challenge.challengeName == "SOFTWARE_TOKEN_MFA")
        #expect(challenge.authenticationResult == nil)
        func answer(_ code: String) async throws -> AuthChallengeResponse {
            try await client.service.send(RespondToAuthChallengeRequest(
                challengeName: "SOFTWARE_TOKEN_MFA", clientId: client.clientId,
                challengeResponses: ["USERNAME": username, "SOFTWARE_TOKEN_MFA_CODE": code], session: challenge.session))
        }
        await #expect(throws: CognitoServiceError.codeMismatch) { try await answer(try wrongTOTP(secret: secret)) }
        let signedIn = try await client.withCurrentTOTP(secret: secret, answer)
        #expect(signedIn.authenticationResult?.refreshToken != nil)
    }

    /// A code that is not the current one: the current code with its last digit changed.
    private func wrongTOTP(secret: String) throws -> String {
        let code = try TOTP.code(secret: secret, at: Date())
        let last = try #require(code.last?.wholeNumberValue)
        return String(code.dropLast()) + String((last + 1) % 10)
    }
}
