import Foundation

/// The ID token: the user's identity and profile claims (`email`, `cognito:username`, ...).
///
/// Decoded, not verified: see ``CognitoJWTToken``.
public struct CognitoIdToken: CognitoJWTToken, DecodedJWT {
    package let jwt: JWT

    /// Decodes `jwtToken` (not verified); a malformed token throws ``TokenError``.
    public init(jwtToken: String) throws(TokenError) { jwt = try JWT(jwtToken) }
}

extension CognitoIdToken {
    /// `cognito:username`: the canonical user name.
    public var username: String? { string("cognito:username") }

    /// `aud`: the app client the token was issued to.
    public var clientId: String? { string("aud") }

    /// `email`, when the pool shares it.
    public var email: String? { string("email") }
}
