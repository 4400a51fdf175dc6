import CCognitoOpenSSL

/// SHA-256 through libcrypto's EVP interface.
package enum SHA256 {
    /// Size of a digest in bytes.
    package static let byteCount = 32

    private final class Algorithm: @unchecked Sendable {
        // An EVP_MD fetched once; libcrypto reference-counts it and allows concurrent use.
        let md: OpaquePointer?
        init() { md = EVP_MD_fetch(nil, "SHA256", nil) }
    }

    private static let algorithm = Algorithm()

    /// The digest of the concatenation of `parts`.
    package static func hash(_ parts: [UInt8]...) throws(CryptoError) -> [UInt8] {
        try hash(parts: parts)
    }

    /// The digest of the concatenation of `parts`.
    package static func hash(parts: [[UInt8]]) throws(CryptoError) -> [UInt8] {
        guard let md = algorithm.md else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_MD_fetch") }
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        try check(EVP_DigestInit_ex2(context, md, nil), "EVP_DigestInit_ex2")
        for part in parts where !part.isEmpty {
            let status = part.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            try check(status, "EVP_DigestUpdate")
        }
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        try check(status, "EVP_DigestFinal_ex")
        return digest
    }
}

/// HMAC-SHA256 (RFC 2104) through libcrypto's EVP_MAC interface.
package enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    package static func authenticationCode(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try HMAC.authenticationCode(digest: "SHA256", byteCount: SHA256.byteCount, key: key, message: message)
    }
}

/// HMAC with any digest libcrypto knows by name.
package enum HMAC {
    /// The authentication code of `message` under `key` with the digest named `digest`
    /// (`"SHA256"`, `"SHA1"`, ...), whose output is `byteCount` bytes.
    package static func authenticationCode(digest: String, byteCount: Int, key: [UInt8], message: [UInt8])
        throws(CryptoError) -> [UInt8]
    {
        var out = [UInt8](repeating: 0, count: byteCount)
        var written = 0
        let status = key.withUnsafeBufferPointer { key in
            message.withUnsafeBufferPointer { message in
                out.withUnsafeMutableBufferPointer { out in
                    CCognito_HMAC(digest, key.baseAddress, key.count, message.baseAddress, message.count,
                                  out.baseAddress, out.count, &written)
                }
            }
        }
        try check(status, "HMAC")
        guard written == byteCount else { throw CryptoError.drainingLibcryptoErrors(at: "HMAC") }
        return out
    }
}

/// HKDF-SHA256 (RFC 5869) through libcrypto's EVP_KDF interface.
package enum HKDFSHA256 {
    /// Extracts from `inputKeyMaterial` with `salt`, then expands with `info` to `outputByteCount`
    /// bytes (at most 255 × 32).
    package static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        guard outputByteCount > 0, outputByteCount <= 255 * SHA256.byteCount else { throw .valueTooLarge }
        var out = [UInt8](repeating: 0, count: outputByteCount)
        let status = inputKeyMaterial.withUnsafeBufferPointer { ikm in
            salt.withUnsafeBufferPointer { salt in
                info.withUnsafeBufferPointer { info in
                    out.withUnsafeMutableBufferPointer { out in
                        CCognito_HKDF_SHA256(ikm.baseAddress, ikm.count, salt.baseAddress, salt.count,
                                             info.baseAddress, info.count, out.baseAddress, out.count)
                    }
                }
            }
        }
        try check(status, "HKDF-SHA256")
        return out
    }
}

/// Cryptographically secure random bytes from libcrypto's private DRBG.
package enum SecureRandom {
    /// `count` random bytes.
    package static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        let status = out.withUnsafeMutableBufferPointer { RAND_priv_bytes($0.baseAddress, Int32($0.count)) }
        try check(status, "RAND_priv_bytes")
        return out
    }
}
