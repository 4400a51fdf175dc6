/// A COSE algorithm identifier (IANA "COSE Algorithms"), as WebAuthn's `pubKeyCredParams` and
/// COSE keys name it. Open: any identifier can be represented; the pool and the software passkey
/// know ``es256`` and ``rs256``.
public struct COSEAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// ECDSA over P-256 with SHA-256 (`-7`).
    public static let es256 = COSEAlgorithm(rawValue: -7)
    /// RSASSA-PKCS1-v1_5 with SHA-256 (`-257`).
    public static let rs256 = COSEAlgorithm(rawValue: -257)

    public var description: String {
        switch self {
        case .es256: "ES256"
        case .rs256: "RS256"
        default: "COSE algorithm \(rawValue)"
        }
    }
}

/// The labels of a COSE_Key map (RFC 9052 §7, RFC 9053 §7.1, RFC 8230 §4).
enum COSEKeyLabel {
    static let keyType = CBOR.integer(1)
    static let algorithm = CBOR.integer(3)
    static let curve = CBOR.integer(-1)
    static let x = CBOR.integer(-2)
    static let y = CBOR.integer(-3)
    static let modulus = CBOR.integer(-1)
    static let exponent = CBOR.integer(-2)

    static let ellipticCurve = 2
    static let rsa = 3
    static let p256 = 1
}
