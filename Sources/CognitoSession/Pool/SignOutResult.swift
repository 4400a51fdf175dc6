/// What ``CognitoUser/signOut(revokingTokens:)`` did about the refresh token at the service.
///
/// Signing out always clears the user's tokens here; this says whether the refresh token (and
/// the tokens issued from it) can still be used by whoever holds a copy.
public enum SignOutResult: Sendable {
    /// RevokeToken succeeded: the refresh token and its access and ID tokens are dead.
    case revoked
    /// The revocation failed for a passing reason (network, timeout, 5xx, throttling, a refused
    /// client secret). The refresh token is kept in storage as a pending revocation and sent again
    /// at the next call of the pool that reaches the service for this user, or by
    /// ``CognitoUser/revokePendingTokens()``.
    case revocationPending(reason: any Error)
    /// Nothing was revoked, and nothing is pending.
    case notRevoked(NotRevokedReason)

    /// Why a sign-out revoked nothing.
    public enum NotRevokedReason: Sendable, Hashable, CustomStringConvertible {
        /// `signOut(revokingTokens: false)`.
        case notRequested
        /// No refresh token was stored for the user.
        case noRefreshToken
        /// The app client does not have token revocation enabled (the access token carries no
        /// `origin_jti`, or the service said so): the refresh token stays valid until it expires.
        case revocationNotEnabled
        /// The service said the refresh token was no longer valid (expired or revoked already).
        case refreshTokenInvalid
        /// The service refused the revocation for another reason (its error, kept).
        case refused(CognitoServiceError)

        /// In words.
        public var description: String {
            switch self {
            case .notRequested: "revocation was not requested"
            case .noRefreshToken: "no refresh token was stored"
            case .revocationNotEnabled:
                "token revocation is not enabled on the app client; the refresh token stays valid until it expires"
            case .refreshTokenInvalid: "the refresh token was no longer valid"
            case .refused(let error): "the service refused the revocation: \(error)"
            }
        }
    }

    var isRevocationNotEnabled: Bool {
        if case .notRevoked(.revocationNotEnabled) = self { true } else { false }
    }

    /// Whether the refresh token is known to be unusable now (revoked, or invalid already).
    public var refreshTokenIsDead: Bool {
        switch self {
        case .revoked, .notRevoked(.refreshTokenInvalid): true
        case .revocationPending, .notRevoked: false
        }
    }
}
