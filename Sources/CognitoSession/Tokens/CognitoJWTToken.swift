import Foundation

/// A JSON Web Token issued by Cognito: the access token or the ID token.
///
/// The payload is decoded once, when the token is made; a token that cannot be decoded, or
/// has no numeric `exp`, is refused with a ``TokenError``.
///
/// The header and payload are read by a strict RFC 8259 parser in time linear in the token: both
/// must be JSON objects, in valid UTF-8, nested at most 64 arrays and objects deep, with no claim
/// named twice and no number beyond a `Double`'s range; anything else is
/// ``TokenError/headerNotJSONObject`` or ``TokenError/payloadNotJSONObject``.
///
/// - Important: Tokens are decoded, not verified. The library only reads tokens Cognito issued
///   to it over TLS, to learn when they expire; it never checks their signatures. Code that
///   accepts a token from someone else (an API receiving a bearer token) must verify it against
///   the user pool's JSON Web Key Set before trusting any claim.
///
/// The token's text never appears in `description` or `debugDescription`.
public protocol CognitoJWTToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Decodes `jwtToken`.
    init(jwtToken: String) throws(TokenError)

    /// The token as issued: `header.payload.signature`.
    var jwtToken: String { get }

    /// Every claim of the payload.
    var payload: [String: JSONValue] { get }

    /// When the token expires: its `exp` claim.
    var expiration: Date { get }

    /// When the token was issued: its `iat` claim, if present.
    var issuedAt: Date? { get }
}

extension CognitoJWTToken {
    /// The longest token accepted, in UTF-8 bytes (32 KiB).
    public static var maximumLength: Int { JWT.maximumLength }

    /// The claim `name` when it is a string.
    package func string(_ claim: String) -> String? { payload[claim]?.stringValue }

    /// `sub`: the user's unique, immutable id in the pool (the app client's id for an M2M token).
    public var sub: String? { string("sub") }

    /// `iss`: the issuer, `https://cognito-idp.<region>.amazonaws.com/<pool id>`.
    public var issuer: String? { string("iss") }

    /// `token_use`: `"access"` or `"id"`.
    public var tokenUse: String? { string("token_use") }

    /// `origin_jti`: ties the token to the refresh token it came from (used by token revocation).
    public var originJti: String? { string("origin_jti") }

    /// `jti`: the token's unique id.
    public var jti: String? { string("jti") }

    /// `auth_time`: when the user authenticated.
    public var authTime: Date? {
        payload["auth_time"]?.numberValue.map { Date(timeIntervalSince1970: $0) }
    }

    /// `cognito:groups`: the user's groups; empty when absent.
    public var groups: [String] {
        guard case .array(let values)? = payload["cognito:groups"] else { return [] }
        return values.compactMap(\.stringValue)
    }

    public var description: String {
        "\(Self.self)(expiration: \(expiration.formatted(.iso8601)), jwtToken: <redacted>)"
    }

    public var debugDescription: String { description }
}
