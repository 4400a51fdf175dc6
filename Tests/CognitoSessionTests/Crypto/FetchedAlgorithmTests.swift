import Testing

@testable import CognitoSession

/// HMAC and HKDF run on EVP_MAC / EVP_KDF handles fetched once and shared.
@Suite("HMAC and HKDF through algorithms fetched once")
struct FetchedAlgorithmTests {
    @Test("HMAC-SHA256 with an empty key and message; HMAC-SHA1 RFC 2202 case 1")
    func edges() throws {
        #expect(
            Hex.encode(try HMACSHA256.authenticationCode(key: [], message: []))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        #expect(
            Hex.encode(
                try HMAC.authenticationCode(
                    digest: "SHA1", byteCount: 20, key: [UInt8](repeating: 0x0b, count: 20),
                    message: Array("Hi There".utf8)))
                == "b617318655057264e28bc0b6fb378c8ef146be00")
    }

    @Test("A digest libcrypto does not know is a typed error")
    func unknownDigest() {
        #expect(throws: CryptoError.self) {
            try HMAC.authenticationCode(digest: "NO-SUCH-DIGEST", byteCount: 32, key: [1], message: [2])
        }
    }

    @Test("Concurrent HMAC and HKDF on the shared handles agree with one another")
    func concurrent() async throws {
        let key: [UInt8] = Array(0..<32)
        let expectedMAC = try HMACSHA256.authenticationCode(key: key, message: [1, 2, 3])
        let expectedKey = try HKDFSHA256.deriveKey(inputKeyMaterial: key, salt: [9], info: [7], outputByteCount: 16)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let mac = try HMACSHA256.authenticationCode(key: key, message: [1, 2, 3])
                    let derived = try HKDFSHA256.deriveKey(
                        inputKeyMaterial: key, salt: [9], info: [7], outputByteCount: 16)
                    return mac == expectedMAC && derived == expectedKey
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 })
    }
}
