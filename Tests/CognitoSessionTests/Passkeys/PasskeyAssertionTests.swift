import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("Passkey assertions: LocalUserPool's relying party checks what SoftwarePasskey signs")
struct PasskeyAssertionTests {
    /// Alice with one registered passkey.
    struct Registered {
        let fixture: PasskeyFixture
        let passkey: SoftwarePasskey

        init(_ passkey: SoftwarePasskey) async throws {
            fixture = try await PasskeyFixture()
            self.passkey = passkey
            try await fixture.register(passkey)
        }

        /// Verifies `assertion` against `challenge` as the pool's WEB_AUTHN answer does; the new counter.
        func verify(_ assertion: String, challenge: [UInt8]) async throws -> UInt32 {
            try await fixture.local.verifyPasskeyAssertion(
                username: "alice", credential: assertion, challenge: challenge)
        }

        /// The refusal of `assertion`, or nil when it verifies.
        func refusal(_ assertion: String, challenge: [UInt8]) async -> String? {
            do {
                _ = try await verify(assertion, challenge: challenge)
                return nil
            } catch let fault as ServiceFault {
                return fault.name
            } catch {
                return "\(error)"
            }
        }
    }

    static func options(_ challenge: [UInt8], rpId: String = "example.com", allow: [String] = []) -> String {
        let allowed = allow.map { "{\"type\":\"public-key\",\"id\":\"\($0)\"}" }.joined(separator: ",")
        return
            "{\"challenge\":\"\(Base64URL.encode(challenge))\",\"rpId\":\"\(rpId)\",\"allowCredentials\":[\(allowed)]}"
    }

    @Test(
        "ES256 and RS256 assertions verify; the counter moves up with each", arguments: [COSEAlgorithm.es256, .rs256])
    func verifies(algorithm: COSEAlgorithm) async throws {
        let registered = try await Registered(try SoftwarePasskey(algorithm: algorithm))
        let challenge = try SecureRandom.bytes(count: 32)
        let id = try #require(registered.passkey.credentialId)
        let first = try registered.passkey.authenticate(
            requestOptions: Self.options(challenge, allow: [id]), origin: PasskeyFixture.origin)
        #expect(try await registered.verify(first, challenge: challenge) == 1)
        let second = try registered.passkey.authenticate(
            requestOptions: Self.options(challenge), origin: PasskeyFixture.origin)
        #expect(try await registered.verify(second, challenge: challenge) == 2)
    }

    @Test("Refused with NotAuthorizedException: a bad signature, another challenge, origin, RP id or user handle")
    func refusals() async throws {
        let registered = try await Registered(try SoftwarePasskey(checksClient: false))
        let challenge = try SecureRandom.bytes(count: 32)
        let origin = PasskeyFixture.origin
        let good = try registered.passkey.authenticate(requestOptions: Self.options(challenge), origin: origin)
        let cases: [(String, String)] = [
            ("bad signature", try tamper(good, "response", "signature", with: flipped)),
            ("changed authenticator data", try tamper(good, "response", "authenticatorData", with: flipped)),
            (
                "another challenge",
                try registered.passkey.authenticate(
                    requestOptions: Self.options(try SecureRandom.bytes(count: 32)), origin: origin)
            ),
            (
                "wrong origin",
                try registered.passkey.authenticate(
                    requestOptions: Self.options(challenge), origin: "https://evil.example")
            ),
            (
                "wrong RP id",
                try registered.passkey.authenticate(
                    requestOptions: Self.options(challenge, rpId: "evil.example"), origin: origin)
            ),
            ("another user", try tamper(good, "response", "userHandle", with: flipped)),
            ("unknown credential", try tamper(tamper(good, "id", with: flipped), "rawId", with: flipped)),
        ]
        for (name, assertion) in cases {
            #expect(await registered.refusal(assertion, challenge: challenge) == "NotAuthorizedException", "\(name)")
        }
        #expect(await registered.refusal(good, challenge: challenge) == nil)
    }

    @Test("A counter that does not move up (a cloned authenticator) is refused; a passkey that never counts is not")
    func counter() async throws {
        let registered = try await Registered(try SoftwarePasskey())
        let challenge = try SecureRandom.bytes(count: 32)
        let first = try registered.passkey.authenticate(
            requestOptions: Self.options(challenge), origin: PasskeyFixture.origin)
        #expect(try await registered.verify(first, challenge: challenge) == 1)
        #expect(await registered.refusal(first, challenge: challenge) == "NotAuthorizedException")  // replayed
        registered.passkey.signatureCount = 0
        let cloned = try registered.passkey.authenticate(
            requestOptions: Self.options(challenge), origin: PasskeyFixture.origin)
        #expect(await registered.refusal(cloned, challenge: challenge) == "NotAuthorizedException")
        #expect(
            await registered.fixture.local.passkeySignatureCount(
                forUser: "alice", credentialId: try #require(registered.passkey.credentialId)) == 1)

        let synced = try await Registered(try SoftwarePasskey(countsSignatures: false))
        for _ in 0..<2 {
            let assertion = try synced.passkey.authenticate(
                requestOptions: Self.options(challenge), origin: PasskeyFixture.origin)
            #expect(try await synced.verify(assertion, challenge: challenge) == 0)
        }
    }

    @Test("With user verification required, an assertion without the UV flag is refused")
    func userVerification() async throws {
        let registered = try await Registered(try SoftwarePasskey(verifiesUser: false))
        let challenge = try SecureRandom.bytes(count: 32)
        let origin = PasskeyFixture.origin
        await registered.fixture.local.setWebAuthnConfiguration(
            relyingPartyId: "example.com", userVerification: .required)
        let assertion = try registered.passkey.authenticate(requestOptions: Self.options(challenge), origin: origin)
        #expect(await registered.refusal(assertion, challenge: challenge) == "NotAuthorizedException")
        await registered.fixture.local.setWebAuthnConfiguration(relyingPartyId: "example.com")
        #expect(await registered.refusal(assertion, challenge: challenge) == nil)
    }
}
