import CCognitoOpenSSL

/// SHA-256 through libcrypto's EVP interface.
package enum SHA256 {
    /// Size of a digest in bytes.
    package static let byteCount = 32

    private static let algorithm = FetchedAlgorithm { EVP_MD_fetch(nil, "SHA256", nil) }

    /// The digest of the concatenation of `parts`.
    package static func hash(_ parts: [UInt8]...) throws(CryptoError) -> [UInt8] {
        try hash(parts: parts)
    }

    /// The digest of the concatenation of `parts`.
    package static func hash(parts: [[UInt8]]) throws(CryptoError) -> [UInt8] {
        guard let md = algorithm.pointer else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_MD_fetch") }
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

/// A libcrypto algorithm (an EVP_MD, EVP_MAC or EVP_KDF) fetched once; libcrypto reference-counts
/// it and allows concurrent use. Nil when the fetch failed.
private final class FetchedAlgorithm: @unchecked Sendable {
    let pointer: OpaquePointer?
    init(_ fetch: () -> OpaquePointer?) { pointer = fetch() }
}

/// HMAC with any digest libcrypto knows by name.
package enum HMAC {
    private static let algorithm = FetchedAlgorithm { EVP_MAC_fetch(nil, "HMAC", nil) }

    /// The authentication code of `message` under `key` with the digest named `digest`
    /// (`"SHA256"`, `"SHA1"`, ...), whose output is `byteCount` bytes.
    package static func authenticationCode(
        digest: String, byteCount: Int, key: [UInt8], message: [UInt8]
    )
        throws(CryptoError) -> [UInt8]
    {
        guard let mac = algorithm.pointer else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_MAC_fetch") }
        guard let context = EVP_MAC_CTX_new(mac) else {
            throw CryptoError.drainingLibcryptoErrors(at: "EVP_MAC_CTX_new")
        }
        defer { EVP_MAC_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: byteCount)
        var written = 0
        // EVP_MAC_init takes a NULL key as "keep the key set before", so an empty key needs an address.
        let keyBytes = key.isEmpty ? [0] : key
        let status: Int32 = OSSL_MAC_PARAM_DIGEST.withCString { parameter in
            digest.withCString { name in
                var parameters = [
                    OSSL_PARAM_construct_utf8_string(parameter, UnsafeMutablePointer(mutating: name), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return keyBytes.withUnsafeBufferPointer { keyBuffer in
                    guard EVP_MAC_init(context, keyBuffer.baseAddress, key.count, &parameters) == 1 else { return 0 }
                    if !message.isEmpty {
                        let updated = message.withUnsafeBufferPointer {
                            EVP_MAC_update(context, $0.baseAddress, $0.count)
                        }
                        guard updated == 1 else { return 0 }
                    }
                    return out.withUnsafeMutableBufferPointer {
                        EVP_MAC_final(context, $0.baseAddress, &written, $0.count)
                    }
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
    private static let algorithm = FetchedAlgorithm { EVP_KDF_fetch(nil, "HKDF", nil) }

    /// Extracts from `inputKeyMaterial` with `salt`, then expands with `info` to `outputByteCount`
    /// bytes (at most 255 × 32).
    package static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        guard outputByteCount > 0, outputByteCount <= 255 * SHA256.byteCount else { throw .valueTooLarge }
        guard let kdf = algorithm.pointer else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_KDF_fetch") }
        guard let context = EVP_KDF_CTX_new(kdf) else {
            throw CryptoError.drainingLibcryptoErrors(at: "EVP_KDF_CTX_new")
        }
        defer { EVP_KDF_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: outputByteCount)
        // An empty key still needs an address; an empty salt or info is left out, as RFC 5869 allows.
        let keyBytes = inputKeyMaterial.isEmpty ? [0] : inputKeyMaterial
        let status: Int32 = withHKDFParameterNames { digestName, keyName, saltName, infoName in
            "SHA256".withCString { digest in
                keyBytes.withUnsafeBytes { ikm in
                    salt.withUnsafeBytes { salt in
                        info.withUnsafeBytes { info in
                            var parameters = [
                                OSSL_PARAM_construct_utf8_string(digestName, UnsafeMutablePointer(mutating: digest), 0),
                                OSSL_PARAM_construct_octet_string(
                                    keyName, UnsafeMutableRawPointer(mutating: ikm.baseAddress),
                                    inputKeyMaterial.count),
                            ]
                            if !salt.isEmpty {
                                parameters.append(
                                    OSSL_PARAM_construct_octet_string(
                                        saltName, UnsafeMutableRawPointer(mutating: salt.baseAddress), salt.count))
                            }
                            if !info.isEmpty {
                                parameters.append(
                                    OSSL_PARAM_construct_octet_string(
                                        infoName, UnsafeMutableRawPointer(mutating: info.baseAddress), info.count))
                            }
                            parameters.append(OSSL_PARAM_construct_end())
                            return out.withUnsafeMutableBufferPointer {
                                EVP_KDF_derive(context, $0.baseAddress, $0.count, &parameters)
                            }
                        }
                    }
                }
            }
        }
        try check(status, "HKDF-SHA256")
        return out
    }

    /// Runs `body` with the C names of HKDF's parameters, valid for the duration of the call.
    private static func withHKDFParameterNames<T>(
        _ body: (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>) -> T
    ) -> T {
        OSSL_KDF_PARAM_DIGEST.withCString { digest in
            OSSL_KDF_PARAM_KEY.withCString { key in
                OSSL_KDF_PARAM_SALT.withCString { salt in
                    OSSL_KDF_PARAM_INFO.withCString { info in body(digest, key, salt, info) }
                }
            }
        }
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
