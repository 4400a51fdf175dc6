import Foundation

/// Which Cognito token a verifier accepts: the `token_use` claim.
public enum CognitoTokenUse: String, Sendable, Hashable {
    /// An ID token (`token_use` `id`; the client id is its `aud`).
    case id
    /// An access token (`token_use` `access`; the client id is its `client_id`).
    case access
}

/// The claims of a token ``CognitoJWTVerifier`` verified: signature, issuer, use, client, times and
/// requirements checked.
public struct CognitoVerifiedClaims: Sendable, Hashable, CustomStringConvertible {
    /// Every claim of the payload.
    public let payload: [String: JSONValue]
    /// `iss`: the issuer of the pool that signed the token.
    public let issuer: String
    /// The header's `kid`: which of the pool's keys signed it.
    public let keyID: String

    /// `sub`, when present (an M2M access token has the app client's id here).
    public var subject: String? { payload["sub"]?.stringValue }
    /// `token_use`, when it is `id` or `access`.
    public var tokenUse: CognitoTokenUse? { payload["token_use"]?.stringValue.flatMap(CognitoTokenUse.init) }
    /// The app client: `client_id` of an access token, `aud` of an ID token.
    public var clientId: String? { payload["client_id"]?.stringValue ?? payload["aud"]?.stringValue }
    /// `username` (access) or `cognito:username` (ID), when present.
    public var username: String? { payload["username"]?.stringValue ?? payload["cognito:username"]?.stringValue }
    /// `exp`.
    public var expiration: Date { Date(timeIntervalSince1970: payload["exp"]?.numberValue ?? 0) }
    /// The space-separated `scope` claim, split.
    public var scopes: Set<String> {
        Set((payload["scope"]?.stringValue ?? "").split(separator: " ").map(String.init))
    }
    /// `cognito:groups`.
    public var groups: Set<String> {
        guard case .array(let values)? = payload["cognito:groups"] else { return [] }
        return Set(values.compactMap(\.stringValue))
    }

    /// The claim named `name`.
    public subscript(name: String) -> JSONValue? { payload[name] }

    /// The issuer, key id and claim names; no claim value (a payload can hold personal data).
    public var description: String {
        "CognitoVerifiedClaims(iss: \(issuer), kid: \(keyID), claims: \(payload.keys.sorted().joined(separator: ", ")))"
    }
}
