import CCognitoOpenSSL
import Foundation

/// An RSA public key from a JWK (`n`, `e`), held as a libcrypto EVP_PKEY and checking RS256 signatures.
package final class RSAPublicKey: @unchecked Sendable {
    // Only read after init; libcrypto allows concurrent verification with one EVP_PKEY.
    private let key: OpaquePointer

    /// Builds the key from big-endian `n` and `e`; refuses moduli under 2048 or over 8192 bits.
    package init(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) {
        guard modulus.count >= 256, modulus.count <= 1025, !exponent.isEmpty, exponent.count <= 8 else {
            throw CryptoError.valueTooLarge
        }
        let built = modulus.withUnsafeBufferPointer { n in
            exponent.withUnsafeBufferPointer { e in
                CCognito_RSA_public_key(n.baseAddress, n.count, e.baseAddress, e.count)
            }
        }
        guard let built else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_PKEY_fromdata") }
        guard EVP_PKEY_get_bits(built) >= 2048 else {
            EVP_PKEY_free(built)
            throw CryptoError.valueTooLarge
        }
        key = built
    }

    deinit { EVP_PKEY_free(key) }

    /// Whether `signature` is an RS256 (PKCS #1 v1.5, SHA-256) signature of `input` by this key.
    package func verifies(signature: [UInt8], of input: UnsafeBufferPointer<UInt8>) -> Bool {
        SHA256SignatureCheck.verifies(key: key, signature: signature, of: input)
    }
}

/// The usable signing keys of a JWKS document, by `kid`.
enum JWKSDocument {
    /// The longest JWKS answer read; Cognito's is under 2 KiB.
    static let maximumLength = 256 * 1024

    /// Parses `body`; keys that are not RSA, not for signatures, not RS256 or unreadable are left out.
    static func keys(in body: Data) throws(CognitoJWTVerifierError) -> [String: RSAPublicKey] {
        guard body.count <= maximumLength else { throw .malformedJWKS("larger than \(maximumLength) bytes") }
        guard let document = try? JSONParser.parseObject(body) else { throw .malformedJWKS("not a JSON object") }
        guard case .array(let entries)? = document["keys"] else { throw .malformedJWKS("no keys array") }
        var keys: [String: RSAPublicKey] = [:]
        for case .object(let jwk) in entries {
            guard jwk["kty"]?.stringValue == "RSA", let kid = jwk["kid"]?.stringValue else { continue }
            if let use = jwk["use"], use.stringValue != "sig" { continue }
            if let alg = jwk["alg"], alg.stringValue != "RS256" { continue }
            guard let n = jwk["n"]?.stringValue, let e = jwk["e"]?.stringValue,
                let modulus = JWT.base64URLDecode(n[...].utf8), let exponent = JWT.base64URLDecode(e[...].utf8),
                let key = try? RSAPublicKey(modulus: Array(modulus), exponent: Array(exponent))
            else { continue }
            keys[kid] = key
        }
        return keys
    }
}
