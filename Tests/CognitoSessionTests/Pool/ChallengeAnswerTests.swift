import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("Challenge answers go to the challenge that is pending")
struct ChallengeAnswerTests {
    @Test("sendMFACode answers the pending SMS_MFA; naming TOTP instead is challengeMismatch and sends nothing")
    func codeForTheWrongFactor() async throws {
        let fixture = try await PoolFixture()
        try await fixture.local.enableSMSMFA(forUser: "alice")
        let user = fixture.pool.user(named: "alice")
        guard
            case .mfaRequired = try await user.authenticateUser(
                AuthenticationDetails(username: "alice", password: PoolFixture.password))
        else {
            Issue.record("no SMS challenge")
            return
        }
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .smsMFA))
        await fixture.local.clearRequestLog()
        let error = await #expect(throws: CognitoUserError.self) {
            try await user.sendMFACode(code, mfaType: .softwareToken)
        }
        #expect(error == .challengeMismatch)
        #expect(error?.detail == "SMS_MFA is pending, not SOFTWARE_TOKEN_MFA")
        #expect(await fixture.local.requests.isEmpty)
        // The challenge is still there: the right answer signs in.
        guard case .signedIn = try await user.sendMFACode(code, mfaType: .sms) else {
            Issue.record("not signed in")
            return
        }
    }

    @Test("A custom-challenge answer while NEW_PASSWORD_REQUIRED is pending is challengeMismatch")
    func wrongAnswerMethod() async throws {
        let fixture = try await PoolFixture()
        try await fixture.local.createUser(
            username: "carol", password: "Temporary-Pass-1", status: .forceChangePassword)
        let user = fixture.pool.user(named: "carol")
        guard
            case .newPasswordRequired = try await user.authenticateUser(
                AuthenticationDetails(username: "carol", password: "Temporary-Pass-1"))
        else {
            Issue.record("no NEW_PASSWORD_REQUIRED")
            return
        }
        await #expect(throws: CognitoUserError.challengeMismatch) { try await user.sendCustomChallengeAnswer("x") }
        await #expect(throws: CognitoUserError.challengeMismatch) { try await user.sendMFACode("123456") }
    }

    @Test("VerifySoftwareToken answering ERROR is softwareTokenNotVerified, not a made-up service error")
    func softwareTokenNotVerified() async throws {
        let fixture = try await MockSessionFixture()
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
        try await fixture.storage.updateItems(
            set: [
                fixture.keys.idToken(username: "alice"): MockSessionFixture.idToken(issued: issued),
                fixture.keys.accessToken(username: "alice"): MockSessionFixture.accessToken(issued: issued),
            ], remove: [])
        await fixture.mock.enqueue(.json(#"{"Status":"ERROR"}"#), for: "VerifySoftwareToken")
        await #expect(throws: CognitoUserError.softwareTokenNotVerified) {
            try await fixture.alice.verifySoftwareToken("123456")
        }
    }
}
