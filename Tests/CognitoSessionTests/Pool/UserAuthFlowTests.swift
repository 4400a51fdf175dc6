import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// The choice-based sign-in (USER_AUTH) against LocalUserPool: every first factor, the selection, email MFA
/// after a password, sign-in after sign-up, devices, and the refusals of wrong, expired and repeated codes.
@Suite("USER_AUTH against LocalUserPool")
struct UserAuthFlowTests {
    static let allFactors: [AuthFactor] = [.password, .emailOTP, .smsOTP]

    static func fixture(
        secret: Bool = true, tracking: LocalUserPool.DeviceTracking = .off, factors: [AuthFactor] = allFactors
    ) async throws -> PoolFixture {
        let fixture = try await PoolFixture(secret: secret, tracking: tracking)
        await fixture.local.setAllowedFirstAuthFactors(factors)
        return fixture
    }

    static func details(_ preferred: ChallengeName?, password: String = "") -> AuthenticationDetails {
        AuthenticationDetails(
            username: "alice", password: password, authenticationFlowType: .userAuth, preferredChallenge: preferred)
    }

    static func userAuthRequests(_ fixture: PoolFixture) async -> [LocalUserPool.LoggedRequest] {
        await fixture.local.requests(for: "InitiateAuth").filter { $0.authFlow == "USER_AUTH" }
    }

    @Test("PASSWORD first: one InitiateAuth with the password signs in")
    func password() async throws {
        let fixture = try await Self.fixture()
        let step = try await fixture.pool.user(named: "alice").authenticateUser(
            Self.details(.password, password: PoolFixture.password))
        guard case .signedIn(let session, _) = step else { Issue.record("\(step)"); return }
        #expect(session.isValid())
        let requests = await Self.userAuthRequests(fixture)
        #expect(requests.map(\.parameterNames) == [["PASSWORD", "PREFERRED_CHALLENGE", "SECRET_HASH", "USERNAME"]])
        #expect(await fixture.local.requests(for: "RespondToAuthChallenge").isEmpty)
    }

    @Test("PASSWORD first with a wrong password is NotAuthorizedException")
    func wrongPassword() async throws {
        let fixture = try await Self.fixture()
        let error = await #expect(throws: CognitoServiceError.self) {
            try await fixture.pool.user(named: "alice").authenticateUser(Self.details(.password, password: "nope"))
        }
        #expect(error?.serviceExceptionName == "NotAuthorizedException")
    }

    @Test("PASSWORD_SRP first: the SRP exchange under USER_AUTH; a wrong password fails its proof")
    func passwordSRP() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        guard
            case .signedIn = try await user.authenticateUser(
                Self.details(.passwordSRP, password: PoolFixture.password))
        else { Issue.record("not signed in"); return }
        #expect(
            await fixture.local.requests(for: "RespondToAuthChallenge").map(\.challengeName) == ["PASSWORD_VERIFIER"])
        let error = await #expect(throws: CognitoServiceError.self) {
            try await user.authenticateUser(Self.details(.passwordSRP, password: "Wrong-Horse-1"))
        }
        #expect(error?.serviceExceptionName == "NotAuthorizedException")
    }

    @Test("EMAIL_OTP first: the code sent by email signs in")
    func emailOTP() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(Self.details(.emailOTP))
        guard case .emailOTPRequired(let delivery) = step else { Issue.record("\(step)"); return }
        #expect(delivery.destination == "a***@example.com" && delivery.deliveryMedium == "EMAIL")
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
        guard case .signedIn(let session, _) = try await user.sendMFACode(code) else {
            Issue.record("not signed in")
            return
        }
        #expect(session.idToken.email == "alice@example.com")
        #expect(try await user.getSession().accessToken.jwtToken == session.accessToken.jwtToken)
    }

    @Test("SMS_OTP first: the code sent by SMS signs in")
    func smsOTP() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(Self.details(.smsOTP))
        guard case .smsOTPRequired(let delivery) = step else { Issue.record("\(step)"); return }
        #expect(delivery.deliveryMedium == "SMS" && delivery.destination == "+*******0100")
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .smsOTP))
        guard case .signedIn = try await user.sendMFACode(code) else { Issue.record("not signed in"); return }
    }

    @Test(
        "No preference: SELECT_CHALLENGE offers the allowed factors; each choice signs in",
        arguments: [ChallengeName.password, .passwordSRP, .emailOTP, .smsOTP])
    func select(choice: ChallengeName) async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        let first = try await user.authenticateUser(Self.details(nil))
        guard case .selectChallenge(let available) = first else { Issue.record("\(first)"); return }
        #expect(available == [.password, .passwordSRP, .emailOTP, .smsOTP])
        var step = try await user.selectChallenge(choice, password: PoolFixture.password)
        switch step {
        case .emailOTPRequired:
            step = try await user.sendMFACode(
                try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP)))
        case .smsOTPRequired:
            step = try await user.sendMFACode(
                try #require(await fixture.local.lastCode(for: "alice", purpose: .smsOTP)))
        default: break
        }
        guard case .signedIn = step else { Issue.record("\(step)"); return }
    }

    @Test("Selecting the password without it: the service asks (PASSWORD, PASSWORD_SRP) and sendPassword answers")
    func passwordAskedAfterSelection() async throws {
        for choice in [ChallengeName.password, .passwordSRP] {
            let fixture = try await Self.fixture()
            let user = fixture.pool.user(named: "alice")
            _ = try await user.authenticateUser(Self.details(nil))
            let asked = try await user.selectChallenge(choice)
            guard case .passwordRequired = asked else { Issue.record("\(asked)"); continue }
            guard case .signedIn = try await user.sendPassword(PoolFixture.password) else {
                Issue.record("not signed in with \(choice)")
                continue
            }
        }
    }

    @Test("The pool's default allows the password only; a one-time code preferred anyway gets SELECT_CHALLENGE")
    func defaultPolicy() async throws {
        let fixture = try await PoolFixture()
        #expect(await fixture.local.allowedFirstAuthFactors == [.password])
        let user = fixture.pool.user(named: "alice")
        let step = try await user.authenticateUser(Self.details(.emailOTP))
        guard case .selectChallenge(let available) = step else { Issue.record("\(step)"); return }
        #expect(available == [.password, .passwordSRP])
        #expect(await fixture.local.lastCode(for: "alice", purpose: .emailOTP) == nil)
        await #expect(throws: CognitoServiceError.self) { try await user.selectChallenge(.emailOTP) }
    }

    @Test("A client without ALLOW_USER_AUTH refuses the flow")
    func clientWithoutUserAuth() async throws {
        let fixture = try await Self.fixture()
        try await fixture.local.setExplicitAuthFlows(
            ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], forClient: fixture.client.id)
        let error = await #expect(throws: CognitoServiceError.self) {
            try await fixture.pool.user(named: "alice").authenticateUser(Self.details(.emailOTP))
        }
        #expect(error?.serviceExceptionName == "InvalidParameterException")
        try await fixture.local.setExplicitAuthFlows(
            ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], forClient: fixture.client.id)
        guard
            case .emailOTPRequired = try await fixture.pool.user(named: "alice").authenticateUser(
                Self.details(.emailOTP))
        else { Issue.record("USER_AUTH refused"); return }
    }

    @Test("A wrong code is CodeMismatchException and the right one still signs in")
    func wrongCodeThenRight() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(.emailOTP))
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
        let error = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode("000000x") }
        #expect(error?.serviceExceptionName == "CodeMismatchException")
        guard case .signedIn = try await user.sendMFACode(code) else { Issue.record("not signed in"); return }
    }

    @Test("Three wrong codes end the sign-in: the right code is then NotAuthorizedException")
    func tooManyAttempts() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(.smsOTP))
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .smsOTP))
        for _ in 0..<3 {
            let error = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode("wrong") }
            #expect(error?.serviceExceptionName == "CodeMismatchException")
        }
        let error = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode(code) }
        #expect(error?.serviceExceptionName == "NotAuthorizedException")
        #expect(error?.message == "Invalid session for the user.")
    }

    @Test("A code past its 3 minutes is ExpiredCodeException while the client's longer session lives on")
    func expiredCode() async throws {
        let fixture = try await Self.fixture()
        try await fixture.local.setAuthSessionValidity(minutes: 15, forClient: fixture.client.id)
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(.emailOTP))
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
        fixture.clock.advance(by: 181)
        let error = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode(code) }
        #expect(error?.serviceExceptionName == "ExpiredCodeException")
    }

    @Test("With the default 3-minute session, a late answer finds the session expired")
    func expiredSession() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(.emailOTP))
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
        fixture.clock.advance(by: 181)
        let error = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode(code) }
        #expect(error?.serviceExceptionName == "NotAuthorizedException")
        #expect(error?.message == "Invalid session for the user, session is expired.")
    }

    @Test("Email MFA after a password: EMAIL_OTP follows SRP and USER_AUTH's PASSWORD; its code signs in")
    func emailMFA() async throws {
        let fixture = try await Self.fixture()
        try await fixture.local.enableEmailMFA(forUser: "alice")
        for details in [
            AuthenticationDetails(username: "alice", password: PoolFixture.password),
            Self.details(.password, password: PoolFixture.password),
        ] {
            let user = fixture.pool.user(named: "alice")
            let step = try await user.authenticateUser(details)
            guard case .emailOTPRequired = step else { Issue.record("\(step)"); continue }
            let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
            guard case .signedIn = try await user.sendMFACode(code, mfaType: .email) else {
                Issue.record("not signed in")
                continue
            }
        }
    }

    @Test("A one-time code as the first factor is not followed by MFA; the password is")
    func passwordlessSkipsMFA() async throws {
        let fixture = try await Self.fixture()
        try await fixture.local.enableSMSMFA(forUser: "alice")
        let user = fixture.pool.user(named: "alice")
        guard
            case .mfaRequired = try await user.authenticateUser(Self.details(.password, password: PoolFixture.password))
        else { Issue.record("no SMS MFA after the password"); return }
        _ = try await user.authenticateUser(Self.details(.emailOTP))
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP))
        guard case .signedIn = try await user.sendMFACode(code) else { Issue.record("MFA after EMAIL_OTP"); return }
    }

    @Test("Sign-up, confirmation and sign-in with ConfirmSignUp's Session; the session works once")
    func signInAfterSignUp() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.pool.signUp(
            username: "carol", password: "Carol-Pass-1",
            userAttributes: [CognitoUserAttribute(name: "email", value: "carol@example.com")])
        let code = try #require(await fixture.local.lastCode(for: "carol", purpose: .signUp))
        let session = try #require(try await result.user.confirmRegistration(code: code, session: result.session))
        guard case .signedIn(let signedIn, _) = try await result.user.signIn(afterSignUp: session) else {
            Issue.record("not signed in")
            return
        }
        #expect(signedIn.username == "carol")
        #expect(await Self.userAuthRequests(fixture).map { $0.fieldNames.contains("Session") } == [true])
        let error = await #expect(throws: CognitoServiceError.self) {
            try await fixture.pool.user(named: "carol").signIn(afterSignUp: session)
        }
        #expect(error?.serviceExceptionName == "NotAuthorizedException")
    }

    @Test("Without SignUp's Session, ConfirmSignUp returns none")
    func confirmWithoutSession() async throws {
        let fixture = try await Self.fixture()
        let result = try await fixture.pool.signUp(username: "dan", password: "Dan-Pass-12")
        #expect(result.session != nil)
        let code = try #require(await fixture.local.lastCode(for: "dan", purpose: .signUp))
        #expect(try await result.user.confirmRegistration(code: code) == nil)
    }

    @Test(
        "Devices: a USER_AUTH sign-in remembers the device; the next sends DEVICE_KEY, passes device SRP, refreshes with it"
    )
    func devices() async throws {
        let fixture = try await Self.fixture(tracking: .always)
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(.emailOTP))
        _ = try await user.sendMFACode(try #require(await fixture.local.lastCode(for: "alice", purpose: .emailOTP)))
        let keys = StorageKeys(clientId: fixture.client.id)
        let deviceKey = try #require(await fixture.storage.allItems()[keys.deviceKey(username: "alice")])
        #expect(await fixture.local.deviceStatus(forUser: "alice", deviceKey: deviceKey)?.confirmed == true)

        await fixture.local.clearRequestLog()
        let again = fixture.pool.user(named: "alice")
        _ = try await again.authenticateUser(Self.details(.smsOTP))
        guard
            case .signedIn = try await again.sendMFACode(
                try #require(await fixture.local.lastCode(for: "alice", purpose: .smsOTP)))
        else { Issue.record("not signed in"); return }
        #expect(await Self.userAuthRequests(fixture).first?.parameterNames.contains("DEVICE_KEY") == true)
        let answered = await fixture.local.requests(for: "RespondToAuthChallenge")
        #expect(answered.map(\.challengeName) == ["SMS_OTP", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        #expect(answered.allSatisfy { $0.parameterNames.contains("DEVICE_KEY") })
        #expect(await fixture.storage.allItems()[keys.deviceKey(username: "alice")] == deviceKey)

        fixture.clock.advance(by: 3601)
        let refreshed = try await again.getSession()
        #expect(refreshed.isValid())
        #expect(await fixture.refreshRequests().map { $0.parameterNames.contains("DEVICE_KEY") } == [true])
    }

    @Test("An answer for the wrong step sends nothing: sendPassword during SELECT_CHALLENGE")
    func answerMismatch() async throws {
        let fixture = try await Self.fixture()
        let user = fixture.pool.user(named: "alice")
        _ = try await user.authenticateUser(Self.details(nil))
        await fixture.local.clearRequestLog()
        await #expect(throws: CognitoUserError.challengeMismatch) { try await user.sendPassword("x") }
        await #expect(throws: CognitoUserError.challengeMismatch) { try await user.sendWebAuthnCredential("{}") }
        #expect(await fixture.local.requests.isEmpty)
    }
}
