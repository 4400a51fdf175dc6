import CCognitoOpenSSL
import CognitoSession

/// A credential's public key, from its COSE_Key, as a libcrypto EVP_PKEY: checks ES256 (DER-encoded
/// ECDSA) and RS256 signatures.
final class WebAuthnPublicKey: @unchecked Sendable {
    // Only read after init; libcrypto allows concurrent verification with one EVP_PKEY.
    private let key: OpaquePointer
    /// The algorithm the COSE key names.
    let algorithm: COSEAlgorithm

    enum Failure: Error { case unsupported, malformed }

    /// Reads an EC2 P-256 key with alg -7 or an RSA key (2048 to 8192 bits) with alg -257.
    init(coseKey: CBOR) throws(Failure) {
        guard case .map = coseKey, let type = coseKey[COSEKeyLabel.keyType]?.integerValue,
            let alg = coseKey[COSEKeyLabel.algorithm]?.integerValue
        else { throw .malformed }
        algorithm = COSEAlgorithm(rawValue: alg)
        switch (type, algorithm) {
        case (COSEKeyLabel.ellipticCurve, .es256):
            guard coseKey[COSEKeyLabel.curve]?.integerValue == COSEKeyLabel.p256 else { throw .unsupported }
            guard let x = coseKey[COSEKeyLabel.x]?.bytesValue, let y = coseKey[COSEKeyLabel.y]?.bytesValue,
                x.count == 32, y.count == 32
            else { throw .malformed }
            let point = [0x04] + x + y
            guard let built = point.withUnsafeBufferPointer({ CCognito_EC_P256_public_key($0.baseAddress, $0.count) })
            else {
                ERR_clear_error()
                throw .malformed
            }
            key = built
        case (COSEKeyLabel.rsa, .rs256):
            guard let n = coseKey[COSEKeyLabel.modulus]?.bytesValue, let e = coseKey[COSEKeyLabel.exponent]?.bytesValue,
                (256...1025).contains(n.count), (1...8).contains(e.count)
            else { throw .malformed }
            let built = n.withUnsafeBufferPointer { n in
                e.withUnsafeBufferPointer { e in CCognito_RSA_public_key(n.baseAddress, n.count, e.baseAddress, e.count)
                }
            }
            guard let built else {
                ERR_clear_error()
                throw .malformed
            }
            guard EVP_PKEY_get_bits(built) >= 2048 else {
                EVP_PKEY_free(built)
                throw .unsupported
            }
            key = built
        default:
            throw .unsupported
        }
    }

    deinit { EVP_PKEY_free(key) }

    /// Whether `signature` signs `message` under this key with SHA-256.
    func verifies(signature: [UInt8], of message: [UInt8]) -> Bool {
        message.withUnsafeBufferPointer { SHA256SignatureCheck.verifies(key: key, signature: signature, of: $0) }
    }
}
