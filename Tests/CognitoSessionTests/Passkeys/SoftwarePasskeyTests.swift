import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("SoftwarePasskey: the client and authenticator checks, the JSON it answers with, what it shows")
struct SoftwarePasskeyTests {
    static let creation = """
        {"challenge":"AAECAwQFBgcICQoLDA0ODw","rp":{"id":"example.com","name":"Example"},
         "user":{"id":"dXNlci0x","name":"alice","displayName":"Alice"},
         "pubKeyCredParams":[{"type":"public-key","alg":-7}],"excludeCredentials":[]}
        """

    @Test("The registration JSON has the toJSON members; the attestation object holds the credential it names")
    func registrationShape() throws {
        let passkey = try SoftwarePasskey()
        let json = try JSONParser.parseObject(
            Array(try passkey.register(creationOptions: Self.creation, origin: "https://example.com").utf8))
        #expect(json["type"] == "public-key" && json["authenticatorAttachment"] == "platform")
        #expect(json["id"] == json["rawId"] && json["id"]?.stringValue == passkey.credentialId)
        #expect(json["clientExtensionResults"] == .object([:]) && json["response"]?["publicKeyAlgorithm"] == -7)
        let clientData = try #require(json["response"]?["clientDataJSON"]?.stringValue.flatMap(Base64URL.decode))
        let collected = try JSONParser.parseObject(clientData)
        #expect(collected["type"] == "webauthn.create" && collected["origin"] == "https://example.com")
        #expect(collected["challenge"] == "AAECAwQFBgcICQoLDA0ODw")
        let object = try CBORDecoder.decode(
            try #require(json["response"]?["attestationObject"]?.stringValue.flatMap(Base64URL.decode)))
        #expect(object[.text("fmt")] == .text("none") && object[.text("attStmt")] == .map([:]))
        let data = try AuthenticatorData(parsing: try #require(object[.text("authData")]?.bytesValue))
        #expect(data.rpIdHash == (try SHA256.hash(Array("example.com".utf8))))
        #expect(data.attestedCredential.map { Base64URL.encode($0.credentialId) } == passkey.credentialId)
        #expect(passkey.userHandle == "dXNlci0x" && passkey.relyingPartyId == "example.com")
    }

    @Test(
        "Like a browser it refuses an origin outside the RP, an algorithm not offered, and signing before registering")
    func clientChecks() throws {
        #expect(
            throws: SoftwarePasskeyError.originNotAllowed(origin: "https://example.org", relyingPartyId: "example.com")
        ) {
            try SoftwarePasskey().register(creationOptions: Self.creation, origin: "https://example.org")
        }
        #expect(
            throws: SoftwarePasskeyError.originNotAllowed(
                origin: "https://notexample.com", relyingPartyId: "example.com")
        ) {
            try SoftwarePasskey().register(creationOptions: Self.creation, origin: "https://notexample.com")
        }
        #expect(throws: SoftwarePasskeyError.unsupportedAlgorithm(-257)) {
            try SoftwarePasskey(algorithm: .rs256).register(
                creationOptions: Self.creation, origin: "https://example.com")
        }
        #expect(throws: SoftwarePasskeyError.noMatchingCredential) {
            try SoftwarePasskey().authenticate(
                requestOptions: #"{"challenge":"AAEC","rpId":"example.com"}"#, origin: "https://example.com")
        }
        #expect(throws: SoftwarePasskeyError.malformedOptions("creation options: not a JSON object")) {
            try SoftwarePasskey().register(creationOptions: "{", origin: "https://example.com")
        }
        #expect(throws: SoftwarePasskeyError.unsupportedAlgorithm(-8)) {
            try SoftwarePasskey(algorithm: COSEAlgorithm(rawValue: -8))
        }
    }

    @Test("An assertion is only made for the registered RP and for an allowCredentials list that names the passkey")
    func allowCredentials() throws {
        let passkey = try SoftwarePasskey()
        _ = try passkey.register(creationOptions: Self.creation, origin: "https://example.com")
        let id = try #require(passkey.credentialId)
        let other = #"{"challenge":"AAEC","rpId":"example.com","allowCredentials":[{"type":"public-key","id":"AAAA"}]}"#
        #expect(throws: SoftwarePasskeyError.noMatchingCredential) {
            try passkey.authenticate(requestOptions: other, origin: "https://example.com")
        }
        let mine =
            #"{"challenge":"AAEC","rpId":"example.com","allowCredentials":[{"type":"public-key","id":"\#(id)"}]}"#
        let assertion = try JSONParser.parseObject(
            Array(try passkey.authenticate(requestOptions: mine, origin: "https://login.example.com").utf8))
        #expect(assertion["id"]?.stringValue == id && assertion["response"]?["userHandle"] == "dXNlci0x")
        #expect(passkey.signatureCount == 1)
    }

    @Test("description and dump() show the algorithm, RP and credential id, never key material")
    func redaction() throws {
        let passkey = try SoftwarePasskey(algorithm: .rs256)
        let options = Self.creation.replacingOccurrences(of: "-7", with: "-257")
        let json = try JSONParser.parseObject(
            Array(try passkey.register(creationOptions: options, origin: "https://example.com").utf8))
        let id = try #require(passkey.credentialId)
        let attestation = try #require(json["response"]?["attestationObject"]?.stringValue)
        var dumped = ""
        dump(passkey, to: &dumped)
        for text in [passkey.description, dumped] {
            #expect(text.contains("RS256") && text.contains(id))
            #expect(!text.contains("EVP") && !text.contains(attestation))
        }
        #expect(!"\(SoftwarePasskeyError.libcrypto("EVP_DigestSign"))".isEmpty)
    }
}
