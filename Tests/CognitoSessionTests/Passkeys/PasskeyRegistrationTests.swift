import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("Passkey registration and management: CognitoUser, SoftwarePasskey and LocalUserPool's verifier")
struct PasskeyRegistrationTests {
    @Test("StartWebAuthnRegistration's options carry a fresh challenge, the RP, the user handle and ES256/RS256")
    func creationOptions() async throws {
        let fixture = try await PasskeyFixture()
        let first = try JSONParser.parseObject(Array(try await fixture.user.startWebAuthnRegistration().utf8))
        let second = try JSONParser.parseObject(Array(try await fixture.user.startWebAuthnRegistration().utf8))
        #expect(first["rp"]?["id"] == "example.com")
        #expect(
            first["pubKeyCredParams"]
                == .array([
                    .object(["type": "public-key", "alg": -7]), .object(["type": "public-key", "alg": -257]),
                ]))
        let challenge = try #require(first["challenge"]?.stringValue.flatMap(Base64URL.decode))
        #expect(challenge.count == 32 && first["challenge"] != second["challenge"])
        #expect(first["user"]?["name"] == "alice" && first["user"]?["id"]?.stringValue?.isEmpty == false)
        #expect(first["authenticatorSelection"]?["userVerification"] == "preferred")
    }

    @Test("ES256, RS256 and packed self attestation register; the list shows each once with its RP id")
    func registerAndList() async throws {
        let fixture = try await PasskeyFixture()
        let passkeys = [
            try SoftwarePasskey(), try SoftwarePasskey(algorithm: .rs256),
            try SoftwarePasskey(attestation: .packedSelf),
            try SoftwarePasskey(algorithm: .rs256, attestation: .packedSelf),
        ]
        for passkey in passkeys { try await fixture.register(passkey) }
        let list = try await fixture.user.listWebAuthnCredentials()
        #expect(list.credentials.map(\.credentialId) == passkeys.map(\.credentialId))
        #expect(
            list.credentials.allSatisfy {
                $0.relyingPartyId == "example.com" && $0.authenticatorTransports == ["internal"]
            })
        #expect(list.credentials.first?.authenticatorAttachment == "platform")
        #expect(list.nextToken == nil)
        #expect(passkeys.allSatisfy { $0.userHandle != nil && $0.relyingPartyId == "example.com" })
    }

    @Test("ListWebAuthnCredentials pages with NextToken; DeleteWebAuthnCredential removes one, then is not found")
    func pagesAndDelete() async throws {
        let fixture = try await PasskeyFixture()
        var ids: [String] = []
        for _ in 0..<3 {
            let passkey = try SoftwarePasskey()
            try await fixture.register(passkey)
            ids.append(try #require(passkey.credentialId))
        }
        let first = try await fixture.user.listWebAuthnCredentials(maxResults: 2)
        #expect(first.credentials.map(\.credentialId) == Array(ids[0..<2]))
        #expect(first.nextToken == "2")
        let second = try await fixture.user.listWebAuthnCredentials(maxResults: 2, nextToken: first.nextToken)
        #expect(second.credentials.map(\.credentialId) == [ids[2]] && second.nextToken == nil)
        try await fixture.user.deleteWebAuthnCredential(id: ids[1])
        #expect(try await fixture.user.listWebAuthnCredentials().credentials.map(\.credentialId) == [ids[0], ids[2]])
        await #expect(throws: CognitoServiceError(name: "ResourceNotFoundException")) {
            try await fixture.user.deleteWebAuthnCredential(id: ids[1])
        }
        await #expect(throws: CognitoServiceError(name: "InvalidParameterException")) {
            _ = try await fixture.user.listWebAuthnCredentials(maxResults: 21)
        }
    }

    @Test("A credential for an older challenge, or after the challenge expired, is WebAuthnChallengeNotFoundException")
    func staleChallenge() async throws {
        let fixture = try await PasskeyFixture()
        let old = try await fixture.user.startWebAuthnRegistration()
        _ = try await fixture.user.startWebAuthnRegistration()
        let credential = try SoftwarePasskey().register(creationOptions: old, origin: PasskeyFixture.origin)
        await #expect(throws: CognitoServiceError(name: "WebAuthnChallengeNotFoundException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: credential)
        }
        let current = try await fixture.user.startWebAuthnRegistration()
        let late = try SoftwarePasskey().register(creationOptions: current, origin: PasskeyFixture.origin)
        fixture.base.clock.advance(by: 181)
        await #expect(throws: CognitoServiceError(name: "WebAuthnChallengeNotFoundException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: late)
        }
    }

    @Test(
        "An origin outside the RP is WebAuthnOriginNotAllowedException; another RP id is WebAuthnRelyingPartyMismatch")
    func originAndRelyingParty() async throws {
        let fixture = try await PasskeyFixture()
        let careless = try SoftwarePasskey(checksClient: false)
        await #expect(throws: CognitoServiceError(name: "WebAuthnOriginNotAllowedException")) {
            try await fixture.register(careless, origin: "https://example.org")
        }
        await #expect(throws: CognitoServiceError(name: "WebAuthnOriginNotAllowedException")) {
            try await fixture.register(careless, origin: "http://app.example.com")
        }
        let options = try await fixture.user.startWebAuthnRegistration()
        let foreign = try tamper(options, "rp", "id") { _ in "other.example" }
        let credential = try careless.register(creationOptions: foreign, origin: PasskeyFixture.origin)
        await #expect(throws: CognitoServiceError(name: "WebAuthnRelyingPartyMismatchException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: credential)
        }
        #expect(try await fixture.user.listWebAuthnCredentials().credentials.isEmpty)
    }

    @Test("A tampered attestation is refused: a broken packed signature, a changed credential id, an unknown format")
    func tamperedAttestation() async throws {
        let fixture = try await PasskeyFixture()
        let options = try await fixture.user.startWebAuthnRegistration()
        let packed = try SoftwarePasskey(attestation: .packedSelf).register(
            creationOptions: options, origin: PasskeyFixture.origin)
        let object = try #require(
            try JSONParser.parse(Array(packed.utf8))["response"]?["attestationObject"]?.stringValue.flatMap(
                Base64URL.decode))
        guard case .map(var members) = try CBORDecoder.decode(object),
            case .map(var statement)? = members[.text("attStmt")],
            var signature = statement[.text("sig")]?.bytesValue
        else { throw FixtureError.notSignedIn }
        signature[signature.count - 1] ^= 1
        statement[.text("sig")] = .bytes(signature)
        members[.text("attStmt")] = .map(statement)
        let broken = try tamper(packed, "response", "attestationObject") { _ in
            .string(Base64URL.encode(CBOR.map(members).encoded))
        }
        await #expect(throws: CognitoServiceError(name: "InvalidParameterException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: broken)
        }
        members[.text("attStmt")] = .map([:])
        members[.text("fmt")] = .text("tpm")
        let tpm = try tamper(packed, "response", "attestationObject") { _ in
            .string(Base64URL.encode(CBOR.map(members).encoded))
        }
        await #expect(throws: CognitoServiceError(name: "WebAuthnCredentialNotSupportedException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: tpm)
        }
        let renamed = try tamper(packed, "id", with: flipped)
        await #expect(throws: CognitoServiceError(name: "InvalidParameterException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: renamed)
        }
        try await fixture.user.completeWebAuthnRegistration(credential: packed)
        #expect(try await fixture.user.listWebAuthnCredentials().credentials.count == 1)
    }

    @Test("Required user verification refuses a credential without the UV flag; the passkey refuses such options")
    func userVerification() async throws {
        let fixture = try await PasskeyFixture(userVerification: .required)
        let options = try await fixture.user.startWebAuthnRegistration()
        #expect(throws: SoftwarePasskeyError.userVerificationUnavailable) {
            try SoftwarePasskey(verifiesUser: false).register(creationOptions: options, origin: PasskeyFixture.origin)
        }
        let relaxed = try tamper(options, "authenticatorSelection", "userVerification") { _ in "discouraged" }
        let credential = try SoftwarePasskey(verifiesUser: false).register(
            creationOptions: relaxed, origin: PasskeyFixture.origin)
        await #expect(throws: CognitoServiceError(name: "InvalidParameterException")) {
            try await fixture.user.completeWebAuthnRegistration(credential: credential)
        }
    }

    @Test("A pool without a relying party id answers WebAuthnConfigurationMissingException; bad JSON is never sent")
    func configurationAndMalformed() async throws {
        let fixture = try await PasskeyFixture()
        await #expect(throws: CognitoUserError.malformedPasskeyCredential) {
            try await fixture.user.completeWebAuthnRegistration(credential: "[1, 2]")
        }
        #expect(await fixture.local.requests(for: "CompleteWebAuthnRegistration").isEmpty)
        await fixture.local.setWebAuthnConfiguration(relyingPartyId: nil)
        await #expect(throws: CognitoServiceError(name: "WebAuthnConfigurationMissingException")) {
            _ = try await fixture.user.startWebAuthnRegistration()
        }
    }

    @Test(
        "New options list the registered passkey in excludeCredentials, so the same passkey refuses to register again")
    func duplicate() async throws {
        let fixture = try await PasskeyFixture()
        let passkey = try SoftwarePasskey()
        try await fixture.register(passkey)
        let options = try await fixture.user.startWebAuthnRegistration()
        #expect(throws: SoftwarePasskeyError.alreadyRegistered) {
            try passkey.register(creationOptions: options, origin: PasskeyFixture.origin)
        }
    }
}
