import Foundation

/// The access token: sent to Cognito's user APIs, and to your APIs as the bearer token.
///
/// Decoded, not verified: see ``CognitoJWTToken``.
public struct CognitoAccessToken: CognitoJWTToken, DecodedJWT {
    package let jwt: JWT

    /// Decodes `jwtToken` (not verified); a malformed token throws ``TokenError``.
    public init(jwtToken: String) throws(TokenError) { jwt = try JWT(jwtToken) }
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
