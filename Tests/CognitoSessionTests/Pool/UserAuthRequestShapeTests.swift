import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// The exact requests of the choice-based sign-in (USER_AUTH), over MockTransport: alice has a remembered
/// device and the client a secret, so every request carries USERNAME, SECRET_HASH and DEVICE_KEY.
@Suite("USER_AUTH request shapes")
struct UserAuthRequestShapeTests {
    static let secret = "shape-secret"
    static let device = "us-east-1_device-alice"

    static func hash(_ name: String) throws -> JSONValue {
        .string(
            Data(
                try HMACSHA256.authenticationCode(
                    key: Array(secret.utf8), message: Array((name + MockSessionFixture.clientId).utf8))
            ).base64EncodedString())
    }

    static func challenge(
        _ name: String, session: String, parameters: [String: String] = [:], available: [String]? = nil
    )
        -> MockResponse
    {
        var object: [String: Any] = ["ChallengeName": name, "Session": session, "ChallengeParameters": parameters]
        if let available { object["AvailableChallenges"] = available }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)) ?? Data()
        return .json(String(decoding: data, as: UTF8.self))
    }

    static func tokens() -> MockResponse { MockSessionFixture.refreshAnswer(refreshToken: "refresh-new") }

    @Test("PREFERRED_CHALLENGE=PASSWORD sends the password in InitiateAuth: one request, then tokens")
    func preferredPassword() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(Self.tokens(), for: "InitiateAuth")
        let step = try await fixture.alice.authenticateUser(
            AuthenticationDetails(
                username: "alice", password: "pw", authenticationFlowType: .userAuth, preferredChallenge: .password))
        guard case .signedIn(let session, _) = step else { Issue.record("\(step)"); return }
        #expect(session.refreshToken.token == "refresh-new")
        let body = try #require(await fixture.mock.requests(for: "InitiateAuth").first?.json)
        #expect(
            body
                == .object([
                    "AuthFlow": "USER_AUTH", "ClientId": .string(MockSessionFixture.clientId),
                    "AuthParameters": .object([
                        "USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "pw",
                        "SECRET_HASH": try Self.hash("alice"), "DEVICE_KEY": .string(Self.device),
                    ]),
                ]))
    }

    @Test("PREFERRED_CHALLENGE=PASSWORD_SRP sends SRP_A, then PASSWORD_VERIFIER for USER_ID_FOR_SRP")
    func preferredPasswordSRP() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(
            Self.challenge(
                "PASSWORD_VERIFIER", session: "s-verify",
                parameters: [
                    "SRP_B": "abcdef0123456789", "SALT": "0a1b2c", "SECRET_BLOCK": "c2VjcmV0LWJsb2Nr",
                    "USER_ID_FOR_SRP": "alice", "USERNAME": "alice",
                ]),
            for: "InitiateAuth")
        await fixture.mock.enqueue(Self.tokens(), for: "RespondToAuthChallenge")
        let step = try await fixture.alice.authenticateUser(
            AuthenticationDetails(
                username: "alice", password: "pw", authenticationFlowType: .userAuth,
                preferredChallenge: .passwordSRP))
        guard case .signedIn = step else { Issue.record("\(step)"); return }
        let initiate = try #require(await fixture.mock.requests(for: "InitiateAuth").first?.json)
        guard case .object(let parameters)? = initiate["AuthParameters"] else { Issue.record("none"); return }
        #expect(Set(parameters.keys) == ["USERNAME", "PREFERRED_CHALLENGE", "SRP_A", "SECRET_HASH", "DEVICE_KEY"])
        #expect(parameters["PREFERRED_CHALLENGE"] == "PASSWORD_SRP")
        let verify = try #require(await fixture.mock.requests(for: "RespondToAuthChallenge").first?.json)
        #expect(verify["ChallengeName"] == "PASSWORD_VERIFIER")
        #expect(verify["Session"] == "s-verify")
        guard case .object(let answers)? = verify["ChallengeResponses"] else { Issue.record("none"); return }
        #expect(
            Set(answers.keys) == [
                "USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP", "SECRET_HASH",
                "DEVICE_KEY",
            ])
        #expect(answers["SECRET_HASH"] == (try Self.hash("alice")))
    }

    @Test("No preference: SELECT_CHALLENGE's AvailableChallenges, ANSWER=EMAIL_OTP, then EMAIL_OTP_CODE")
    func selectEmailOTP() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(
            Self.challenge("SELECT_CHALLENGE", session: "s-1", available: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]),
            for: "InitiateAuth")
        await fixture.mock.enqueue(
            Self.challenge(
                "EMAIL_OTP", session: "s-2",
                parameters: [
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@example.com",
                    "USERNAME": "alice",
                ]),
            Self.tokens(), for: "RespondToAuthChallenge")
        let user = fixture.alice
        let first = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth))
        guard case .selectChallenge(let available) = first else { Issue.record("\(first)"); return }
        #expect(available == [.password, .passwordSRP, .emailOTP])
        let second = try await user.selectChallenge(.emailOTP)
        guard case .emailOTPRequired(let delivery) = second else { Issue.record("\(second)"); return }
        #expect(delivery.destination == "a***@example.com" && delivery.deliveryMedium == "EMAIL")
        guard case .signedIn = try await user.sendMFACode("123456") else { Issue.record("not signed in"); return }

        let initiate = try #require(await fixture.mock.requests(for: "InitiateAuth").first?.json)
        #expect(
            initiate["AuthParameters"]
                == .object([
                    "USERNAME": "alice", "SECRET_HASH": try Self.hash("alice"), "DEVICE_KEY": .string(Self.device),
                ]))
        let answers = await fixture.mock.requests(for: "RespondToAuthChallenge").compactMap(\.json)
        #expect(answers.count == 2)
        #expect(
            answers.first
                == .object([
                    "ChallengeName": "SELECT_CHALLENGE", "ClientId": .string(MockSessionFixture.clientId),
                    "Session": "s-1",
                    "ChallengeResponses": .object([
                        "USERNAME": "alice", "ANSWER": "EMAIL_OTP", "SECRET_HASH": try Self.hash("alice"),
                        "DEVICE_KEY": .string(Self.device),
                    ]),
                ]))
        #expect(
            answers.last
                == .object([
                    "ChallengeName": "EMAIL_OTP", "ClientId": .string(MockSessionFixture.clientId), "Session": "s-2",
                    "ChallengeResponses": .object([
                        "USERNAME": "alice", "EMAIL_OTP_CODE": "123456", "SECRET_HASH": try Self.hash("alice"),
                        "DEVICE_KEY": .string(Self.device),
                    ]),
                ]))
    }

    @Test("SELECT_CHALLENGE answered with ANSWER=PASSWORD carries the password in the same request")
    func selectPassword() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(
            Self.challenge("SELECT_CHALLENGE", session: "s-1", available: ["PASSWORD", "SMS_OTP"]), for: "InitiateAuth")
        await fixture.mock.enqueue(Self.tokens(), for: "RespondToAuthChallenge")
        let user = fixture.alice
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth))
        guard case .signedIn = try await user.selectChallenge(.password, password: "pw") else {
            Issue.record("not signed in")
            return
        }
        let answer = try #require(await fixture.mock.requests(for: "RespondToAuthChallenge").first?.json)
        #expect(answer["ChallengeName"] == "SELECT_CHALLENGE")
        #expect(
            answer["ChallengeResponses"]
                == .object([
                    "USERNAME": "alice", "ANSWER": "PASSWORD", "PASSWORD": "pw", "SECRET_HASH": try Self.hash("alice"),
                    "DEVICE_KEY": .string(Self.device),
                ]))
    }

    @Test("PREFERRED_CHALLENGE=SMS_OTP: the SMS_OTP step and its SMS_OTP_CODE answer, for the canonical name")
    func smsOTP() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(
            Self.challenge(
                "SMS_OTP", session: "s-1",
                parameters: [
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******0100",
                    "USERNAME": "alice",
                ]),
            for: "InitiateAuth")
        await fixture.mock.enqueue(Self.tokens(), for: "RespondToAuthChallenge")
        let user = fixture.alice
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth, preferredChallenge: .smsOTP))
        guard case .smsOTPRequired(let delivery) = step else { Issue.record("\(step)"); return }
        #expect(delivery.destination == "+*******0100")
        // Naming another factor than the pending one sends nothing.
        await #expect(throws: CognitoUserError.challengeMismatch) { try await user.sendMFACode("1", mfaType: .sms) }
        guard case .signedIn = try await user.sendMFACode("654321") else { Issue.record("not signed in"); return }
        let initiate = try #require(await fixture.mock.requests(for: "InitiateAuth").first?.json)
        #expect(initiate["AuthParameters"]?["PREFERRED_CHALLENGE"] == "SMS_OTP")
        let answers = await fixture.mock.requests(for: "RespondToAuthChallenge").compactMap(\.json)
        #expect(answers.count == 1)
        #expect(answers.first?["ChallengeName"] == "SMS_OTP")
        #expect(
            answers.first?["ChallengeResponses"]
                == .object([
                    "USERNAME": "alice", "SMS_OTP_CODE": "654321", "SECRET_HASH": try Self.hash("alice"),
                    "DEVICE_KEY": .string(Self.device),
                ]))
    }

    @Test("WEB_AUTHN: the step carries CREDENTIAL_REQUEST_OPTIONS; the answer sends CREDENTIAL as given")
    func webAuthn() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        let options = #"{"challenge":"Y2hhbGxlbmdl","rpId":"example.com","timeout":180000}"#
        await fixture.mock.enqueue(
            Self.challenge(
                "WEB_AUTHN", session: "s-1", parameters: ["CREDENTIAL_REQUEST_OPTIONS": options, "USERNAME": "alice"]),
            for: "InitiateAuth")
        await fixture.mock.enqueue(Self.tokens(), for: "RespondToAuthChallenge")
        let user = fixture.alice
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth, preferredChallenge: .webAuthn))
        guard case .webAuthnRequired(let given) = step else { Issue.record("\(step)"); return }
        #expect(given == options)
        let credential = #"{"id":"abc","rawId":"abc","type":"public-key","response":{}}"#
        guard case .signedIn = try await user.sendWebAuthnCredential(credential) else {
            Issue.record("not signed in")
            return
        }
        let answer = try #require(await fixture.mock.requests(for: "RespondToAuthChallenge").first?.json)
        #expect(answer["ChallengeName"] == "WEB_AUTHN")
        #expect(answer["Session"] == "s-1")
        #expect(
            answer["ChallengeResponses"]
                == .object([
                    "USERNAME": "alice", "CREDENTIAL": .string(credential), "SECRET_HASH": try Self.hash("alice"),
                    "DEVICE_KEY": .string(Self.device),
                ]))
    }

    @Test("A WEB_AUTHN challenge without CREDENTIAL_REQUEST_OPTIONS is malformedChallenge")
    func webAuthnWithoutOptions() async throws {
        let fixture = try await MockSessionFixture()
        await fixture.mock.enqueue(Self.challenge("WEB_AUTHN", session: "s-1"), for: "InitiateAuth")
        let error = await #expect(throws: CognitoUserError.self) {
            try await fixture.alice.authenticateUser(
                AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth))
        }
        #expect(error == .malformedChallenge("CREDENTIAL_REQUEST_OPTIONS"))
    }

    @Test("Sign-in after sign-up: ConfirmSignUp takes SignUp's Session; InitiateAuth carries the one it returns")
    func afterSignUp() async throws {
        let fixture = try await MockSessionFixture(clientSecret: Self.secret)
        await fixture.mock.enqueue(
            .json(#"{"UserConfirmed":false,"UserSub":"sub-carol","Session":"signup-session"}"#), for: "SignUp")
        await fixture.mock.enqueue(.json(#"{"Session":"confirmed-session"}"#), for: "ConfirmSignUp")
        await fixture.mock.enqueue(Self.tokens(), for: "InitiateAuth")
        let result = try await fixture.pool.signUp(username: "carol", password: "Pass-word-1")
        let signUpSession = try #require(result.session)
        #expect(!"\(signUpSession)".contains("signup-session"))
        let confirmed = try #require(
            try await result.user.confirmRegistration(code: "123456", session: signUpSession))
        #expect(!String(reflecting: confirmed).contains("confirmed-session"))
        guard case .signedIn = try await result.user.signIn(afterSignUp: confirmed) else {
            Issue.record("not signed in")
            return
        }
        let confirm = try #require(await fixture.mock.requests(for: "ConfirmSignUp").first?.json)
        #expect(confirm["Session"] == "signup-session")
        let initiate = try #require(await fixture.mock.requests(for: "InitiateAuth").first?.json)
        #expect(
            initiate
                == .object([
                    "AuthFlow": "USER_AUTH", "ClientId": .string(MockSessionFixture.clientId),
                    "Session": "confirmed-session",
                    "AuthParameters": .object(["USERNAME": "carol", "SECRET_HASH": try Self.hash("carol")]),
                ]))
    }

    @Test("InitiateAuth's session is redacted in dump()")
    func initiateAuthSessionRedacted() {
        let request = InitiateAuthRequest(
            authFlow: .userAuth, clientId: "c", authParameters: ["USERNAME": "u"], clientMetadata: nil,
            session: "very-secret-session")
        var out = ""
        dump(request, to: &out)
        #expect(!out.contains("very-secret-session"))
    }
}
