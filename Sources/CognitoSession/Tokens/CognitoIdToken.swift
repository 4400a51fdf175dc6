import Foundation

/// The ID token: the user's identity and profile claims (`email`, `cognito:username`, ...).
///
/// Decoded, not verified: see ``CognitoJWTToken``.
public struct CognitoIdToken: CognitoJWTToken {
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

extension CognitoIdToken {
    /// `cognito:username`: the canonical user name.
    public var username: String? { string("cognito:username") }

    /// `aud`: the app client the token was issued to.
    public var clientId: String? { string("aud") }

    /// `email`, when the pool shares it.
    public var email: String? { string("email") }
}
