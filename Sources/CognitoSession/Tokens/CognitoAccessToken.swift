import Foundation

/// The access token: sent to Cognito's user APIs, and to your APIs as the bearer token.
///
/// Decoded, not verified: see ``CognitoJWTToken``.
public struct CognitoAccessToken: CognitoJWTToken {
    private let jwt: JWT

    /// Decodes `jwtToken` (not verified); a malformed token throws ``TokenError``.
    public init(jwtToken: String) throws(TokenError) { jwt = try JWT(jwtToken) }

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
