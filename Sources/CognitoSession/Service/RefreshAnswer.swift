/// What an error answer to a refresh (or a revocation) says about the refresh token: the one
/// table that decides whether stored tokens are cleared.
///
/// - ``misconfiguredClient`` (nothing is cleared): `NotAuthorizedException` naming the client secret
///   or SECRET_HASH ("Client … is configured for secret but secret was not received", "Unable to
///   verify secret hash for client …", "SecretHash does not match for the client").
/// - ``refreshTokenDead``: any other `NotAuthorizedException` (refresh token expired, revoked or
///   invalid; user disabled or gone), `UserNotFoundException` (user deleted),
///   `PasswordResetRequiredException` (reset by an administrator), `UserNotConfirmedException`,
///   `RefreshTokenReuseException` (a rotated token used after its grace period).
/// - ``other`` (nothing is cleared): anything else — throttling, 5xx, timeouts, dropped
///   connections, malformed answers, storage failures, unknown names.
///
/// The pool domain's token endpoint (``CognitoOAuth2Error``) in the same table: `invalid_grant` is
/// ``refreshTokenDead``; `invalid_client` (unknown client, missing or wrong secret) and
/// `unauthorized_client` (the app client may not use the grant) are ``misconfiguredClient``; every other
/// answer (429, 5xx, `invalid_request`, `invalid_scope`, a page that is not OAuth2) is ``other``.
///
/// Unlike amazon-cognito-identity-js, which drops the session on any refresh error, only a
/// ``refreshTokenDead`` answer clears the stored tokens (never the device keys).
package enum RefreshAnswer: Sendable, Equatable {
    /// The refresh token is worth nothing any more: sign in again.
    case refreshTokenDead
    /// The app client's secret was missing or wrong: the token may be fine, the configuration is not.
    case misconfiguredClient
    /// Anything else: keep every key and try again later.
    case other

    /// The verdict on `error`, whatever was thrown.
    package init(_ error: any Error) {
        if let oauth2 = error as? CognitoOAuth2Error {
            self = oauth2.isTerminal ? .refreshTokenDead : oauth2.isConfigurationError ? .misconfiguredClient : .other
            return
        }
        guard let service = error as? CognitoServiceError else {
            self = .other
            return
        }
        if Self.namesClientSecret(service) {
            self = .misconfiguredClient
        } else if Self.terminalNames.contains(service) {
            self = .refreshTokenDead
        } else {
            self = .other
        }
    }

    /// The exception names after which the refresh token cannot be used again.
    package static let terminalNames: Set<CognitoServiceError> = [
        .notAuthorized, .userNotFound, .passwordResetRequired, .userNotConfirmed, .refreshTokenReuse,
    ]

    /// `NotAuthorizedException` about the client secret or SECRET_HASH, which the service uses for
    /// a missing or wrong secret whatever the token.
    package static func namesClientSecret(_ error: CognitoServiceError) -> Bool {
        guard error == .notAuthorized, let message = error.message?.lowercased() else { return false }
        return message.contains("secret")
    }
}
