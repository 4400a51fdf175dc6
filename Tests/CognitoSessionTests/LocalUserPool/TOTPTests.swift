import Foundation
import Testing

@testable import CognitoSessionTesting

@Suite("TOTP (RFC 6238) and base32")
struct TOTPTests {
    // RFC 6238 appendix B, SHA-1, seed "12345678901234567890"; 6-digit codes are the last 6 digits.
    @Test(
        "RFC 6238 SHA-1 test vectors",
        arguments: [
            (Int64(59), "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"),
            (1_234_567_890, "005924"), (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ])
    func rfcVectors(time: Int64, code: String) throws {
        let secret = Base32.encode(Array("12345678901234567890".utf8))
        #expect(secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(try TOTP.code(secret: secret, at: Date(timeIntervalSince1970: TimeInterval(time))) == code)
    }

    @Test("Base32 round-trips, accepts lower case and padding, refuses foreign characters")
    func base32() throws {
        let bytes: [UInt8] = [0, 1, 2, 250, 251, 252, 253]
        #expect(try Base32.decode(Base32.encode(bytes)) == bytes)
        #expect(try Base32.decode("mzxw6===") == Array("foo".utf8))
        #expect(throws: (any Error).self) { try Base32.decode("MZ1W6") }
    }
}

@Suite("RS256 token signing")
struct RS256SignerTests {
    @Test("Signs a token its key verifies; a changed payload or signature fails; JWKS names the key")
    func signAndVerify() throws {
        let signer = try RS256Signer(keyID: "test-key")
        let jwt = try signer.sign(claims: ["sub": "abc", "token_use": "access"])
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(signer.verify(jwt))
        let header = try JSONSerialization.jsonObject(with: Data(try #require(Base64URL.decode(parts[0]))))
        #expect((header as? [String: String]) == ["alg": "RS256", "kid": "test-key"])
        let forgedPayload = Base64URL.encode(Array(#"{"sub":"evil","token_use":"access"}"#.utf8))
        #expect(!signer.verify(parts[0] + "." + forgedPayload + "." + parts[2]))
        #expect(!signer.verify(parts[0] + "." + parts[1] + "." + Base64URL.encode([1, 2, 3])))
        #expect(!(try RS256Signer()).verify(jwt))

        let jwks = try JSONSerialization.jsonObject(with: signer.jwks) as? [String: [[String: String]]]
        let key = try #require(jwks?["keys"]?.first)
        #expect(key["kid"] == "test-key")
        #expect(key["alg"] == "RS256")
        #expect(key["kty"] == "RSA")
        #expect(Base64URL.decode(try #require(key["n"]))?.count == 256)
        #expect(key["e"] == "AQAB")
    }
}
