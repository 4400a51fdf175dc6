import Foundation

/// A token type that keeps its decoded ``JWT``: the accessors both token types share, written once.
package protocol DecodedJWT {
    /// The token, split and decoded.
    var jwt: JWT { get }
}

extension DecodedJWT {
    /// The compact JWT as received.
    public var jwtToken: String { jwt.token }
    /// The decoded claims.
    public var payload: [String: JSONValue] { jwt.payload }
    /// The `exp` claim.
    public var expiration: Date { Date(timeIntervalSince1970: jwt.expiration) }
    /// The `iat` claim, when present.
    public var issuedAt: Date? { jwt.issuedAt.map { Date(timeIntervalSince1970: $0) } }

    /// `exp` in seconds since 1970, as the validity check compares it.
    var expirationSeconds: Double { jwt.expiration }
    /// `iat` in seconds since 1970.
    var issuedAtSeconds: Double? { jwt.issuedAt }
}
