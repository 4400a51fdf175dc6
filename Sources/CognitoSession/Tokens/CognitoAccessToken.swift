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

extension CognitoAccessToken {
    /// `username`: the canonical user name (absent from an M2M token).
    public var username: String? { string("username") }

    /// `client_id`: the app client the token was issued to.
    public var clientId: String? { string("client_id") }

    /// The space-separated `scope` claim, split; empty when absent.
    public var scopes: [String] { string("scope")?.split(separator: " ").map(String.init) ?? [] }

    /// `device_key`: the remembered device the token was issued to, if any.
    public var deviceKey: String? { string("device_key") }
}
