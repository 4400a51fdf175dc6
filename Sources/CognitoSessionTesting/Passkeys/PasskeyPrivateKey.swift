import CCognitoOpenSSL
import CognitoSession

/// A software passkey's key pair, generated in-process and held only as a libcrypto EVP_PKEY (which
/// clears its private parts when freed). Nothing here reads the private key out.
final class PasskeyPrivateKey: @unchecked Sendable {
    // Only read after init; libcrypto allows concurrent signing with one EVP_PKEY.
    private let key: OpaquePointer
    let algorithm: COSEAlgorithm
    /// The public half as a COSE_Key.
    let coseKey: CBOR

    /// A fresh P-256 (ES256) or 2048-bit RSA (RS256) key pair.
    init(algorithm: COSEAlgorithm) throws(SoftwarePasskeyError) {
        let generated: OpaquePointer?
        switch algorithm {
        case .es256: generated = CCognito_EC_P256_generate()
        case .rs256: generated = CCognito_RSA_generate(2048)
        default: throw .unsupportedAlgorithm(algorithm.rawValue)
        }
        guard let generated else { throw .libcrypto("EVP_PKEY_Q_keygen") }
        do {
            coseKey = algorithm == .es256 ? try Self.ellipticCurveKey(generated) : try Self.rsaKey(generated)
        } catch {
            EVP_PKEY_free(generated)
            throw error
        }
        self.key = generated
        self.algorithm = algorithm
    }

    private static func ellipticCurveKey(_ key: OpaquePointer) throws(SoftwarePasskeyError) -> CBOR {
        var point = [UInt8](repeating: 0, count: 65)
        var length = 0
        let status = point.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, $0.baseAddress, $0.count, &length)
        }
        guard status == 1, length == 65, point[0] == 0x04 else { throw .libcrypto("EVP_PKEY_get_octet_string_param") }
        return .map([
            COSEKeyLabel.keyType: .integer(COSEKeyLabel.ellipticCurve),
            COSEKeyLabel.algorithm: .integer(COSEAlgorithm.es256.rawValue),
            COSEKeyLabel.curve: .integer(COSEKeyLabel.p256), COSEKeyLabel.x: .bytes(Array(point[1...32])),
            COSEKeyLabel.y: .bytes(Array(point[33...64])),
        ])
    }

    private static func rsaKey(_ key: OpaquePointer) throws(SoftwarePasskeyError) -> CBOR {
        .map([
            COSEKeyLabel.keyType: .integer(COSEKeyLabel.rsa),
            COSEKeyLabel.algorithm: .integer(COSEAlgorithm.rs256.rawValue),
            COSEKeyLabel.modulus: .bytes(try bigNumber(key, OSSL_PKEY_PARAM_RSA_N)),
            COSEKeyLabel.exponent: .bytes(try bigNumber(key, OSSL_PKEY_PARAM_RSA_E)),
        ])
    }

    deinit { EVP_PKEY_free(key) }

    /// The SHA-256 signature of `message`: DER-encoded ECDSA for ES256, PKCS #1 v1.5 for RS256.
    func sign(_ message: [UInt8]) throws(SoftwarePasskeyError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .libcrypto("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            throw .libcrypto("EVP_DigestSignInit")
        }
        var length = 0
        guard message.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1
        else { throw .libcrypto("EVP_DigestSign") }
        var signature = [UInt8](repeating: 0, count: length)
        let status = signature.withUnsafeMutableBufferPointer { sig in
            message.withUnsafeBufferPointer {
                EVP_DigestSign(context, sig.baseAddress, &length, $0.baseAddress, $0.count)
            }
        }
        guard status == 1 else { throw .libcrypto("EVP_DigestSign") }
        return Array(signature.prefix(length))
    }

    private static func bigNumber(_ key: OpaquePointer, _ name: String) throws(SoftwarePasskeyError) -> [UInt8] {
        var value: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(key, name, &value) == 1, let value else {
            throw .libcrypto("EVP_PKEY_get_bn_param")
        }
        defer { BN_free(value) }
        var out = [UInt8](repeating: 0, count: Int(CCognito_BN_num_bytes(value)))
        _ = out.withUnsafeMutableBufferPointer { BN_bn2bin(value, $0.baseAddress) }
        return out
    }
}
