import CCognitoOpenSSL

/// Checks a signature over SHA-256 of a message with a public key held as a libcrypto EVP_PKEY:
/// RS256 (PKCS #1 v1.5) for an RSA key, ES256 (DER-encoded ECDSA) for an EC key — `EVP_DigestVerify`
/// picks the scheme from the key.
package enum SHA256SignatureCheck {
    /// Whether `signature` signs `message` under `key`; any libcrypto failure is a `false`, its error
    /// queue cleared.
    package static func verifies(
        key: OpaquePointer, signature: [UInt8], of message: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        let status = signature.withUnsafeBufferPointer { sig in
            EVP_DigestVerify(context, sig.baseAddress, sig.count, message.baseAddress, message.count)
        }
        if status != 1 { ERR_clear_error() }
        return status == 1
    }
}
