import Foundation

/// A JWT split into its parts and its payload decoded, without verifying the signature.
///
/// The library reads only tokens Cognito issued to it, over TLS, so it decodes them to learn
/// their expiry and claims; it does not check their signatures. A server that accepts tokens
/// from clients must verify them against the user pool's JWKS itself.
package struct JWT: Sendable, Hashable {
    /// The longest token accepted, in UTF-8 bytes. Cognito's tokens are a few kilobytes.
    static let maximumLength = 32 * 1024

    let token: String
    let payload: [String: JSONValue]
    /// `exp`, in seconds since 1970.
    let expiration: Double
    /// `iat`, in seconds since 1970, when present.
    let issuedAt: Double?

    init(_ token: String) throws(TokenError) {
        guard token.utf8.count <= Self.maximumLength else { throw .tooLarge }
        let segments = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw .segmentCount }

        guard let header = Self.base64URLDecode(segments[0]) else { throw .headerEncoding }
        guard (try? JSONParser.parseObject(header)) != nil else { throw .headerNotJSONObject }
        guard let payloadData = Self.base64URLDecode(segments[1]) else { throw .payloadEncoding }
        guard let payload = try? JSONParser.parseObject(payloadData) else { throw .payloadNotJSONObject }
        guard segments[2].allSatisfy(Self.isBase64URLCharacter) else { throw .signatureEncoding }

        guard let exp = payload["exp"] else { throw .expirationMissing }
        guard let expiration = exp.numberValue, expiration.isFinite else { throw .expirationNotNumber }
        var issuedAt: Double?
        if let iat = payload["iat"], iat != .null {
            guard let value = iat.numberValue, value.isFinite else { throw .issuedAtNotNumber }
            issuedAt = value
        }

        self.token = token
        self.payload = payload
        self.expiration = expiration
        self.issuedAt = issuedAt
    }

    /// Decodes base64url, with or without `=` padding; nil for anything else, including empty input.
    static func base64URLDecode(_ segment: Substring.UTF8View) -> Data? {
        var body = segment[...]
        var padding = 0
        while body.last == UInt8(ascii: "="), padding < 2 {
            body = body.dropLast()
            padding += 1
        }
        guard !body.isEmpty, body.allSatisfy(isBase64URLCharacter), body.count % 4 != 1 else { return nil }
        if padding > 0, (body.count + padding) % 4 != 0 { return nil }

        var base64 = body.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        base64.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4))
        return Data(base64Encoded: Data(base64))
    }

    static func isBase64URLCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
