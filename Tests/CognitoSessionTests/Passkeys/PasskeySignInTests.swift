import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("Passkey sign-in: USER_AUTH's WEB_AUTHN through CognitoUser against LocalUserPool")
struct PasskeySignInTests {
    /// Alice on a client with a secret (SECRET_HASH on every step), WEB_AUTHN allowed, with a passkey.
    static func registered(_ passkey: SoftwarePasskey) async throws -> PasskeyFixture {
        let fixture = try await PasskeyFixture(secret: true)
        await fixture.local.setAllowedFirstAuthFactors([.password, .webAuthn])
        try await fixture.register(passkey)
        return fixture
    }

    /// A fresh user object that starts USER_AUTH preferring WEB_AUTHN; the step's request options.
    static func start(_ fixture: PasskeyFixture) async throws -> (CognitoUser, String) {
        let user = fixture.base.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth, preferredChallenge: .webAuthn))
        guard case .webAuthnRequired(let options) = step else { throw FixtureError.notSignedIn }
        return (user, options)
    }

    @Test(
        "PREFERRED_CHALLENGE=WEB_AUTHN: the options name the RP and the passkey; the assertion signs in",
        arguments: [COSEAlgorithm.es256, .rs256])
    func preferred(algorithm: COSEAlgorithm) async throws {
        let passkey = try SoftwarePasskey(algorithm: algorithm)
        let fixture = try await Self.registered(passkey)
        let (user, options) = try await Self.start(fixture)
        let parsed = try JSONParser.parseObject(Array(options.utf8))
        #expect(parsed["rpId"] == "example.com")
        #expect(parsed["allowCredentials"]?[0]?["id"]?.stringValue == passkey.credentialId)
        let step = try await user.sendWebAuthnCredential(
            try passkey.authenticate(requestOptions: options, origin: PasskeyFixture.origin))
        guard case .signedIn(let session, _) = step else { Issue.record("\(step)"); return }
        #expect(session.isValid())
        #expect(try await user.getSession().accessToken.jwtToken == session.accessToken.jwtToken)
        let answer = try #require(await fixture.local.requests(for: "RespondToAuthChallenge").last)
        #expect(
            answer.challengeName == "WEB_AUTHN" && answer.parameterNames == ["CREDENTIAL", "SECRET_HASH", "USERNAME"])
        #expect(
            await fixture.local.passkeySignatureCount(
                forUser: "alice", credentialId: try #require(passkey.credentialId)) == 1)
    }

    @Test("Without a preference SELECT_CHALLENGE offers WEB_AUTHN, and picking it asks for the passkey")
    func selectChallenge() async throws {
        let passkey = try SoftwarePasskey()
        let fixture = try await Self.registered(passkey)
        let user = fixture.base.pool.user(named: "alice")
        let first = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth))
        guard case .selectChallenge(let available) = first else { Issue.record("\(first)"); return }
        #expect(available.contains(.webAuthn) && available.contains(.password))
        let second = try await user.selectChallenge(.webAuthn)
        guard case .webAuthnRequired(let options) = second else { Issue.record("\(second)"); return }
        let step = try await user.sendWebAuthnCredential(
            try passkey.authenticate(requestOptions: options, origin: PasskeyFixture.origin))
        guard case .signedIn = step else { Issue.record("\(step)"); return }
    }

    @Test("WEB_AUTHN is not offered to a user without a passkey")
    func notOffered() async throws {
        let fixture = try await PasskeyFixture()
        await fixture.local.setAllowedFirstAuthFactors([.password, .webAuthn])
        let user = fixture.base.pool.user(named: "alice")
        let step = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", authenticationFlowType: .userAuth))
        guard case .selectChallenge(let available) = step else { Issue.record("\(step)"); return }
        #expect(!available.contains(.webAuthn))
    }

    @Test(
        "Refused with NotAuthorizedException: a bad signature, another sign-in's challenge, a wrong origin or RP id, a replayed counter"
    )
    func refusals() async throws {
        let passkey = try SoftwarePasskey(checksClient: false)
        let fixture = try await Self.registered(passkey)
        let origin = PasskeyFixture.origin
        let (first, earlier) = try await Self.start(fixture)
        let signed = try passkey.authenticate(requestOptions: earlier, origin: origin)
        let (second, options) = try await Self.start(fixture)
        guard
            case .signedIn = try await second.sendWebAuthnCredential(
                try passkey.authenticate(requestOptions: options, origin: origin))
        else { throw FixtureError.notSignedIn }  // the pool's counter is now 2
        _ = first
        let answers: [(String, @Sendable (String) throws -> String)] = [
            (
                "bad signature",
                {
                    try tamper(
                        passkey.authenticate(requestOptions: $0, origin: origin), "response", "signature", with: flipped
                    )
                }
            ),
            ("another sign-in's challenge", { _ in signed }),
            ("wrong origin", { try passkey.authenticate(requestOptions: $0, origin: "https://evil.example") }),
            (
                "wrong RP id",
                {
                    try passkey.authenticate(requestOptions: tamper($0, "rpId") { _ in "evil.example" }, origin: origin)
                }
            ),
            (
                "replayed counter",
                {
                    passkey.signatureCount = 1
                    return try passkey.authenticate(requestOptions: $0, origin: origin)
                }
            ),
        ]
        for (name, answer) in answers {
            let (user, options) = try await Self.start(fixture)
            let credential = try answer(options)
            await #expect(throws: CognitoServiceError.notAuthorized, "\(name)") {
                _ = try await user.sendWebAuthnCredential(credential)
            }
        }
        // The passkey still signs in afterwards, with its counter past the highest seen.
        passkey.signatureCount = 10
        let (last, lastOptions) = try await Self.start(fixture)
        let step = try await last.sendWebAuthnCredential(
            try passkey.authenticate(requestOptions: lastOptions, origin: origin))
        guard case .signedIn = step else { Issue.record("\(step)"); return }
    }
}
