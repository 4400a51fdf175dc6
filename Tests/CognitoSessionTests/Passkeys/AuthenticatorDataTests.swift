import Testing

@testable import CognitoSessionTesting

@Suite("Authenticator data: the layout of W3C WebAuthn §6.1")
struct AuthenticatorDataTests {
    let key = CBOR.map([.integer(1): .integer(2), .integer(3): .integer(-7)])
    let hash = [UInt8](repeating: 7, count: 32)

    @Test("RP id hash, flags, big-endian counter and the attested credential are read back as written")
    func roundTrip() throws {
        let credential = AuthenticatorData.AttestedCredential(
            aaguid: Array(repeating: 0, count: 16), credentialId: [1, 2, 3], publicKey: key)
        let bytes = AuthenticatorData.encode(
            rpIdHash: hash, flags: [.userPresent, .userVerified], signCount: 0x0102_0304, attestedCredential: credential
        )
        #expect(bytes[32] == 0x45 && Array(bytes[33..<37]) == [1, 2, 3, 4])
        let parsed = try AuthenticatorData(parsing: bytes)
        #expect(parsed.rpIdHash == hash && parsed.signCount == 0x0102_0304)
        #expect(parsed.flags == [.userPresent, .userVerified, .attestedCredentialData])
        #expect(parsed.attestedCredential?.credentialId == [1, 2, 3] && parsed.attestedCredential?.publicKey == key)
    }

    @Test("Short data, leftover bytes, an AT flag without credential data and a zero-length id are malformed")
    func malformed() {
        let plain = AuthenticatorData.encode(rpIdHash: hash, flags: .userPresent, signCount: 1)
        #expect(throws: AuthenticatorData.Failure.malformed) { try AuthenticatorData(parsing: Array(plain.prefix(36))) }
        #expect(throws: AuthenticatorData.Failure.malformed) { try AuthenticatorData(parsing: plain + [0]) }
        var flagged = plain
        flagged[32] |= 0x40
        #expect(throws: AuthenticatorData.Failure.malformed) { try AuthenticatorData(parsing: flagged) }
        let emptyId = flagged + [UInt8](repeating: 0, count: 16) + [0, 0] + key.encoded
        #expect(throws: AuthenticatorData.Failure.malformed) { try AuthenticatorData(parsing: emptyId) }
        #expect(throws: Never.self) { try AuthenticatorData(parsing: plain) }
    }
}
