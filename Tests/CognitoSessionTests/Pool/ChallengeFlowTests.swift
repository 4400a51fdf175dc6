import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("CognitoUser sign-in flows and challenges against LocalUserPool")
struct ChallengeFlowTests {
    @Test("USER_PASSWORD_AUTH signs in (set the JS way, on the user); a wrong password is NotAuthorizedException")
    @available(*, deprecated, message: "exercises the deprecated authenticationFlowType property")
    func passwordAuth() async throws {
        let fixture = try await PoolFixture()
        let user = fixture.pool.user(named: "alice")
        user.authenticationFlowType = .userPasswordAuth
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: PoolFixture.password))
        guard case .signedIn(let session, _) = step else { Issue.record("not signed in"); return }
        #expect(session.isValid())
        #expect(await fixture.local.requests.first?.authFlow == "USER_PASSWORD_AUTH")
        let error = await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "wrong"))
        }
        #expect(error?.message == "Incorrect username or password.")
    }

    @Test("NEW_PASSWORD_REQUIRED: unwritable attributes are not offered back; required ones are sent")
    func newPassword() async throws {
        let fixture = try await PoolFixture()
        await fixture.local.setRequiredAttributes(["name"])
        try await fixture.local.createUser(
            username: "carol", password: "Temporary-1",
            attributes: ["email": "c@example.com", "email_verified": "true"],
            status: .forceChangePassword)
        let user = fixture.pool.user(named: "carol")
        let step = try await user.authenticateUser(AuthenticationDetails(username: "carol", password: "Temporary-1"))
        guard case .newPasswordRequired(let attributes, let required) = step else { Issue.record("\(step)"); return }
        #expect(attributes == ["email": "c@example.com"])
        #expect(required == ["name"])
        let done = try await user.completeNewPasswordChallenge(
            "Brand-New-Pass-1", requiredAttributes: ["name": "Carol"])
        guard case .signedIn = done else { Issue.record("\(done)"); return }
        #expect(try await fixture.local.attributes(ofUser: "carol")["name"] == "Carol")
    }

    @Test("SMS_MFA with the code the pool sent; a wrong code leaves the challenge to retry")
    func smsMFA() async throws {
        let fixture = try await PoolFixture()
        try await fixture.local.enableSMSMFA(forUser: "alice")
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: PoolFixture.password))
        guard case .mfaRequired(let details) = step else { Issue.record("\(step)"); return }
        #expect(details.deliveryMedium == "SMS" && details.destination == "+*******0100")
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .smsMFA))
        guard case .signedIn = try await user.sendMFACode(code) else { Issue.record("not signed in"); return }
        await #expect(throws: CognitoUserError.noChallengeInProgress) { try await user.sendMFACode(code) }
    }

    @Test("SELECT_MFA_TYPE then SOFTWARE_TOKEN_MFA with an RFC 6238 code")
    func selectAndTOTP() async throws {
        let fixture = try await PoolFixture()
        let secret = try await fixture.local.enableTOTPMFA(forUser: "alice")
        try await fixture.local.enableSMSMFA(forUser: "alice")
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: PoolFixture.password))
        guard case .selectMFAType(let options) = step else { Issue.record("\(step)"); return }
        #expect(options == [.sms, .softwareToken])
        guard case .totpRequired = try await user.sendMFASelectionAnswer(.softwareToken) else {
            Issue.record("no TOTP"); return
        }
        let code = try TOTP.code(secret: secret, at: fixture.clock.now())
        guard case .signedIn = try await user.sendMFACode(code, mfaType: .softwareToken) else {
            Issue.record("no"); return
        }
        let answers = await fixture.local.requests(for: "RespondToAuthChallenge").last
        #expect(answers?.parameterNames == ["SOFTWARE_TOKEN_MFA_CODE", "USERNAME"])
    }

    @Test("MFA_SETUP with a remembered-device pool: the device is confirmed after TOTP set-up (JS defect #6)")
    func mfaSetupConfirmsDevice() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        await fixture.local.setMFAConfiguration(.required)
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: PoolFixture.password))
        guard case .mfaSetup(let options) = step else { Issue.record("\(step)"); return }
        #expect(options == [.softwareToken])
        let secret = try await user.associateSoftwareToken()
        let done = try await user.verifySoftwareToken(
            try TOTP.code(secret: secret, at: fixture.clock.now()),
            friendlyDeviceName: "phone")
        guard case .signedIn = done else { Issue.record("\(done)"); return }
        #expect(await fixture.local.requests(for: "ConfirmDevice").count == 1)
        fixture.clock.advance(by: 3600)
        #expect(try await user.getSession().isValid())  // the device-bound refresh works
    }

    @Test("MFA after which the service asks DEVICE_SRP_AUTH: answered with the new Session (JS defect #5)")
    func mfaThenDevice() async throws {
        let fixture = try await PoolFixture(tracking: .userOptIn)
        let (first, _, confirmation) = try await fixture.signIn()
        #expect(confirmation)
        try await first.setDeviceStatusNotRemembered()  // not remembered: MFA is not skipped
        try await fixture.local.enableSMSMFA(forUser: "alice")
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: PoolFixture.password))
        guard case .mfaRequired = step else { Issue.record("\(step)"); return }
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .smsMFA))
        guard case .signedIn = try await user.sendMFACode(code) else { Issue.record("not signed in"); return }
        let steps = await fixture.local.requests(for: "RespondToAuthChallenge").suffix(4).map(\.challengeName)
        #expect(steps == ["PASSWORD_VERIFIER", "SMS_MFA", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
    }

    @Test("CUSTOM_AUTH with SRP (authenticateUser) and without (initiateAuth)")
    func customAuth() async throws {
        let fixture = try await PoolFixture()
        await fixture.local.setCustomAuth(
            .init(
                define: { history in
                    switch history.last?.challengeName {
                    case "SRP_A": .challenge("PASSWORD_VERIFIER")
                    case "CUSTOM_CHALLENGE": history.last!.challengeResult ? .issueTokens : .fail
                    default: .challenge("CUSTOM_CHALLENGE")
                    }
                },
                create: { _ in
                    .init(publicParameters: ["question": "capital of France"], privateParameters: ["a": "Paris"])
                },
                verify: { expected, answer in expected["a"] == answer }))
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(
                username: "alice", password: PoolFixture.password, authenticationFlowType: .customAuth))
        guard case .customChallenge(let parameters) = step else { Issue.record("\(step)"); return }
        #expect(parameters["question"] == "capital of France")
        guard case .signedIn = try await user.sendCustomChallengeAnswer("Paris") else { Issue.record("no"); return }

        let other = fixture.pool.user(named: "alice")
        guard case .customChallenge = try await other.initiateAuth(AuthenticationDetails(username: "alice")) else {
            Issue.record("no challenge"); return
        }
        await #expect(throws: CognitoServiceError.notAuthorized) { try await other.sendCustomChallengeAnswer("Lyon") }
    }

    @Test("A device the service no longer knows is forgotten locally and the sign-in retried once without it")
    func staleDevice() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        try await fixture.signIn()
        let keys = StorageKeys(clientId: "app-client")
        let oldKey = try #require(await fixture.storedItems()[keys.deviceKey(username: "alice")])
        try await fixture.local.removeDevice(forUser: "alice", deviceKey: oldKey)
        let (_, session, _) = try await fixture.signIn()
        let newKey = try #require(await fixture.storedItems()[keys.deviceKey(username: "alice")])
        #expect(newKey != oldKey)
        #expect(session.accessToken.deviceKey == newKey)
    }

    @Test("Sign-up, confirmation, resend; an unconfirmed user is refused with UserNotConfirmedException")
    func signUp() async throws {
        let fixture = try await PoolFixture(secret: true)
        let result = try await fixture.pool.signUp(
            username: "dave", password: "Long-Enough-1",
            userAttributes: [CognitoUserAttribute(name: "email", value: "d@x.org")])
        #expect(!result.userConfirmed)
        #expect(result.codeDeliveryDetails?.deliveryMedium == "EMAIL")
        #expect(result.userSub.count == 36)
        await #expect(throws: CognitoServiceError.userNotConfirmed) {
            try await result.user.authenticateUser(AuthenticationDetails(username: "dave", password: "Long-Enough-1"))
        }
        try await result.user.resendConfirmationCode()
        let code = try #require(await fixture.local.lastCode(for: "dave", purpose: .signUp))
        await #expect(throws: CognitoServiceError.codeMismatch) {
            try await result.user.confirmRegistration(code: "000")
        }
        try await result.user.confirmRegistration(code: code)
        try await fixture.signIn("dave", password: "Long-Enough-1")
    }

    @Test("currentUser reads LastAuthUser; a malformed pool id throws")
    func currentUser() async throws {
        let fixture = try await PoolFixture()
        #expect(try await fixture.pool.currentUser() == nil)
        try await fixture.signIn()
        #expect(try await fixture.pool.currentUser()?.username == "alice")
        #expect(throws: CognitoConfigurationError.invalidUserPoolId) {
            try CognitoUserPool(
                userPoolId: "not a pool", clientId: "c", clientSecret: nil, endpoint: nil,
                storage: MemoryStorage(), transport: fixture.local)
        }
        #expect(throws: CognitoConfigurationError.insecureEndpoint) {
            try CognitoUserPool(
                userPoolId: "us-east-1_Abc", clientId: "c", clientSecret: nil,
                endpoint: URL(string: "http://cognito.example.com/"), storage: MemoryStorage(),
                transport: fixture.local)
        }
    }
}
