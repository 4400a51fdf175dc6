import CognitoSession
import Foundation
import Testing

@Suite("TOTP software-token MFA through CognitoUser against moto", .againstMoto)
struct SoftwareTokenIntegrationTests {
    @Test(
        "associateSoftwareToken, verifySoftwareToken, setUserMfaPreference; the next sign-in answers .totpRequired",
        arguments: [AuthenticationFlowType.userSRPAuth, .userPasswordAuth], [false, true])
    func totpSetupThenSignInWithIt(flow: AuthenticationFlowType, withSecret: Bool) async throws {
        let moto = try await MotoPool.load()
        let pool = try withSecret ? moto.confidentialPool() : moto.pool()
        let user = try await pool.newUser()
        let email = user.username
        try await user.signIn()

        let secret = try await user.associateSoftwareToken()
        await #expect(throws: CognitoServiceError.codeMismatch) {
            try await user.verifySoftwareToken(try MotoTOTP.wrongCode(secret: secret))
        }
        let verified = try await MotoTOTP.withCurrentCode(secret: secret) { code in
            try await user.verifySoftwareToken(code, friendlyDeviceName: "integration")
        }
        guard case .signedIn = verified else { Issue.record("verifySoftwareToken answered \(verified)"); return }
        try await user.setUserMfaPreference(sms: nil, softwareToken: MFAPreference(enabled: true, preferred: true))
        let data = try await user.getUserData(bypassCache: true)
        #expect(data.mfaSettings == ["SOFTWARE_TOKEN_MFA"])
        #expect(data.preferredMFASetting == "SOFTWARE_TOKEN_MFA")

        let again = pool.user(named: email)
        let step = try await again.authenticateUser(
            AuthenticationDetails(username: email, password: MotoPool.password, authenticationFlowType: flow))
        guard case .totpRequired = step else { Issue.record("sign-in answered \(step)"); return }
        await #expect(throws: CognitoServiceError.codeMismatch) {
            try await again.sendMFACode(try MotoTOTP.wrongCode(secret: secret), mfaType: .softwareToken)
        }
        let signedIn = try await MotoTOTP.withCurrentCode(secret: secret) { code in
            try await again.sendMFACode(code, mfaType: .softwareToken)
        }
        guard case .signedIn(let session, _) = signedIn else { Issue.record("the code answered \(signedIn)"); return }
        #expect(!session.refreshToken.token.isEmpty)
        #expect(try await again.getSession().accessToken == session.accessToken)
    }
}
