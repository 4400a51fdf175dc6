import Foundation

/// The ID token: the user's identity and profile claims (`email`, `cognito:username`, ...).
///
/// Decoded, not verified: see ``CognitoJWTToken``.
public struct CognitoIdToken: CognitoJWTToken {
    private let jwt: JWT

    public init(jwtToken: String) throws(TokenError) { jwt = try JWT(jwtToken) }

    public var jwtToken: String { jwt.token }
    public var payload: [String: JSONValue] { jwt.payload }
    public var expiration: Date { Date(timeIntervalSince1970: jwt.expiration) }
    public var issuedAt: Date? { jwt.issuedAt.map { Date(timeIntervalSince1970: $0) } }

    /// `exp` in seconds since 1970, as the validity check compares it.
    var expirationSeconds: Double { jwt.expiration }
    /// `iat` in seconds since 1970.
    var issuedAtSeconds: Double? { jwt.issuedAt }
}
