import CCognitoOpenSSL
import CognitoSession
import Foundation

/// Signs JSON Web Tokens with RS256 under an RSA key generated in-process (libcrypto), and
/// publishes the matching JSON Web Key Set, as a Cognito user pool does at
/// `/.well-known/jwks.json`.
package final class RS256Signer: @unchecked Sendable {
    // The EVP_PKEY is only read after init; libcrypto allows concurrent signing with one key.
    private let key: OpaquePointer
    /// The key id put in every token header and in the JWKS.
    package let keyID: String
    /// The JSON Web Key Set, as the service serves it.
    package let jwks: Data

    /// Generates a fresh 2048-bit RSA key.
    package convenience init(keyID: String = UUID().uuidString) throws {
        guard let key = CCognito_RSA_generate(2048) else {
            throw CryptoError.drainingLibcryptoErrors(at: "EVP_PKEY_Q_keygen")
        }
        try self.init(key: key, keyID: keyID)
    }

    /// Takes ownership of `key`.
    private init(key: OpaquePointer, keyID: String) throws {
        self.key = key
        self.keyID = keyID
        let n = try Self.parameter(key, "n"), e = try Self.parameter(key, "e")
        let jwk = [
            "alg": "RS256", "e": Base64URL.encode(e), "kid": keyID, "kty": "RSA",
            "n": Base64URL.encode(n), "use": "sig",
        ]
        jwks = try JSONEncoder.sorted.encode(["keys": [jwk]])
    }

    deinit { EVP_PKEY_free(key) }

    /// A signer for a key saved with ``privateKeyDER()`` (`cognito-session serve --state`).
    package convenience init(privateKeyDER der: [UInt8], keyID: String) throws {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var start = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &start, buffer.count)
        }
        guard let key else { throw CryptoError.drainingLibcryptoErrors(at: "d2i_AutoPrivateKey") }
        try self.init(key: key, keyID: keyID)
    }

    /// The private key, DER-encoded, to keep it across restarts.
    package func privateKeyDER() throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PrivateKey(key, &buffer)
        guard length > 0, let buffer else { throw CryptoError.drainingLibcryptoErrors(at: "i2d_PrivateKey") }
        defer { CCognito_OPENSSL_clear_free(buffer, Int(length)) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }

    /// A compact JWT `header.payload.signature` for the given claims.
    package func sign(claims: some Encodable) throws -> String {
        let header = try JSONEncoder.sorted.encode(["alg": "RS256", "kid": keyID])
        let payload = try JSONEncoder.sorted.encode(claims)
        let signingInput = Base64URL.encode(Array(header)) + "." + Base64URL.encode(Array(payload))
        let signature = try sign(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Whether `jwt` carries a valid RS256 signature from this key.
    package func verify(_ jwt: String) -> Bool {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])) else { return false }
        let input = Array("\(parts[0]).\(parts[1])".utf8)
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        let status = signature.withUnsafeBufferPointer { sig in
            input.withUnsafeBufferPointer {
                EVP_DigestVerify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count)
            }
        }
        ERR_clear_error()
        return status == 1
    }

    private func sign(_ input: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            throw CryptoError.drainingLibcryptoErrors(at: "EVP_DigestSignInit")
        }
        var length = 0
        guard input.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1
        else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_DigestSign") }
        var signature = [UInt8](repeating: 0, count: length)
        let status = signature.withUnsafeMutableBufferPointer { sig in
            input.withUnsafeBufferPointer {
                EVP_DigestSign(context, sig.baseAddress, &length, $0.baseAddress, $0.count)
            }
        }
        guard status == 1 else { throw CryptoError.drainingLibcryptoErrors(at: "EVP_DigestSign") }
        return Array(signature.prefix(length))
    }

    private static func parameter(_ key: OpaquePointer, _ name: String) throws -> [UInt8] {
        var value: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(key, name, &value) == 1, let value else {
            throw CryptoError.drainingLibcryptoErrors(at: "EVP_PKEY_get_bn_param")
        }
        defer { BN_free(value) }
        var out = [UInt8](repeating: 0, count: Int(CCognito_BN_num_bytes(value)))
        _ = out.withUnsafeMutableBufferPointer { BN_bn2bin(value, $0.baseAddress) }
        return out
    }
}

/// Base64url without padding (RFC 4648 §5), as JWTs use it.
package enum Base64URL {
    /// Encodes without padding.
    package static func encode(_ bytes: [UInt8]) -> String {
        // Byte by byte: String.replacingOccurrences goes through NSString on Linux, and was a tenth of a
        // sign-in's time in `serve`.
        let base64 = Data(bytes).base64EncodedData()
        return String(
            decoding: base64.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "+"): UInt8(ascii: "-")
                case UInt8(ascii: "/"): UInt8(ascii: "_")
                case UInt8(ascii: "="): nil
                default: byte
                }
            }, as: UTF8.self)
    }

    /// Decodes with or without padding; nil for anything else.
    package static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, so output is stable.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
