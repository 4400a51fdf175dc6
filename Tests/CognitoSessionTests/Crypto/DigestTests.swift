import Testing

@testable import CognitoSession

@Suite("SHA-256, HMAC-SHA256 and HKDF-SHA256 known answers")
struct DigestTests {
    private func bytes(_ hex: String) throws -> [UInt8] { try Hex.decode(hex) }

    @Test(
        "SHA-256 of FIPS 180-2 messages",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(message: String, digest: String) throws {
        #expect(Hex.encode(try SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("SHA-256 over several parts equals SHA-256 of their concatenation")
    func sha256Parts() throws {
        let whole = try SHA256.hash(Array("abcdbcdecdefdefgefgh".utf8))
        let parts = try SHA256.hash(Array("abcd".utf8), [], Array("bcdecdefdefgefgh".utf8))
        #expect(whole == parts)
    }

    @Test("HMAC-SHA256 RFC 4231 cases 1, 2 and 6 (key longer than a block)")
    func hmac() throws {
        #expect(
            Hex.encode(
                try HMACSHA256.authenticationCode(
                    key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(
            Hex.encode(
                try HMACSHA256.authenticationCode(
                    key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            Hex.encode(
                try HMACSHA256.authenticationCode(
                    key: [UInt8](repeating: 0xaa, count: 131),
                    message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("HKDF-SHA256 RFC 5869 test case 1 (basic)")
    func hkdfCase1() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: bytes("000102030405060708090a0b0c"),
            info: bytes("f0f1f2f3f4f5f6f7f8f9"), outputByteCount: 42)
        #expect(
            Hex.encode(okm) == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    @Test("HKDF-SHA256 RFC 5869 test case 2 (long inputs)")
    func hkdfCase2() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: Array(0x00...0x4f), salt: Array(0x60...0xaf), info: Array(0xb0...0xff),
            outputByteCount: 82)
        #expect(
            Hex.encode(okm) == "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"
        )
    }

    @Test("HKDF-SHA256 RFC 5869 test case 3 (empty salt and info)")
    func hkdfCase3() throws {
        let okm = try HKDFSHA256.deriveKey(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: [], info: [], outputByteCount: 42)
        #expect(
            Hex.encode(okm) == "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
    }

    @Test("HKDF refuses an output length it cannot produce")
    func hkdfLength() {
        #expect(throws: CryptoError.valueTooLarge) {
            try HKDFSHA256.deriveKey(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: 255 * 32 + 1)
        }
    }

    @Test("Secure random returns the requested count and differs between calls")
    func random() throws {
        let first = try SecureRandom.bytes(count: 32)
        let second = try SecureRandom.bytes(count: 32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
    }

    @Test("secureClear zeroes and empties a buffer")
    func clear() {
        var secret: [UInt8] = [1, 2, 3]
        secret.secureClear()
        #expect(secret.isEmpty)
    }
}
