/// What every error this library throws shares, so a caller can handle them all in one place:
///
/// ```swift
/// do {
///     session = try await user.getSession()
/// } catch let error as any CognitoSessionError where error.isRetryable {
///     // try again later: the stored session is kept
/// } catch let error as any CognitoSessionError {
///     log.error("sign-in needed: \(error)", metadata: ["exception": "\(error.serviceExceptionName ?? "-")"])
/// }
/// ```
///
/// The conforming types are ``CognitoServiceError``, ``CognitoResponseError``, ``HTTPTransportError``,
/// ``CognitoConfigurationError``, ``CognitoUserError``, ``StorageError``, ``RefreshLeaseError``, ``TokenError``,
/// ``SRPError``, ``CryptoError``, ``CognitoJWTVerifierError`` and ``CognitoOAuth2Error``. Their descriptions
/// never hold a secret.
public protocol CognitoSessionError: Error, Sendable, CustomStringConvertible {
    /// Whether the same call may succeed later, unchanged: throttling, a 5xx, a dropped
    /// connection or a timeout, a storage that could not be read or written for the moment.
    /// `false` for refusals that stay refusals until something changes (a wrong password, a
    /// revoked token, a misconfiguration, malformed input).
    var isRetryable: Bool { get }

    /// The service's exception name (e.g. `NotAuthorizedException`) when the service refused,
    /// or refused a configuration; nil otherwise.
    var serviceExceptionName: String? { get }
}

extension CognitoSessionError {
    /// nil: the error did not come from the service.
    public var serviceExceptionName: String? { nil }
}
