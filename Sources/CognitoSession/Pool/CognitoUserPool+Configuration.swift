import Foundation
import Logging

extension CognitoUserPool {
    /// Everything about a pool client beyond the pool, the client, its secret, the storage and the
    /// transport, with the defaults a server app wants.
    ///
    /// ```swift
    /// var configuration = CognitoUserPool.Configuration()
    /// configuration.logger = logger
    /// configuration.refreshTokenRotation = true
    /// let pool = try CognitoUserPool(userPoolId: id, clientId: client, clientSecret: nil,
    ///                                storage: storage, transport: URLSessionTransport(),
    ///                                configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// The service URL; nil for `https://cognito-idp.<region>.amazonaws.com/`. Plain `http` is
        /// accepted only for a loopback host.
        public var endpoint: URL?
        /// Backoff for throttling, 5xx and (for safe operations) network failures.
        public var retryPolicy: RetryPolicy
        /// Refresh with GetTokensFromRefreshToken, storing the new refresh token (for app clients
        /// that rotate refresh tokens).
        public var refreshTokenRotation: Bool
        /// The `DeviceName` given to ConfirmDevice.
        public var deviceName: String
        /// Request-level logs and warnings; never bodies or secrets.
        public var logger: Logger?
        /// Where "now" comes from (token validity, SRP timestamps).
        public var clock: any WallClock
        /// The user pool's domain (`https://<prefix>.auth.<region>.amazoncognito.com`, a custom domain, or
        /// plain `http` to a loopback host), or nil for a pool used without its OAuth2 endpoints.
        ///
        /// With a domain, `getSession()` refreshes through the domain's token endpoint
        /// (`POST /oauth2/token`, `grant_type=refresh_token`) — the path for sessions from the hosted UI
        /// (``CognitoUser/setSignInUserSession(_:)``) — except for a user with a remembered device, whose
        /// refresh token needs the device key that only InitiateAuth can carry. Without one, every refresh
        /// goes through InitiateAuth (or GetTokensFromRefreshToken with ``refreshTokenRotation``), which
        /// Cognito also accepts for hosted-UI refresh tokens. The domain also makes
        /// ``CognitoUserPool/oauth2Client``. See SessionsAndStorage.md, "Which refresh path".
        public var oauth2Domain: URL?
        /// When the storage coordinates refreshes across processes (``RefreshCoordinating``), how
        /// long a refresh waits for another holder's lease before failing with the retryable
        /// ``RefreshLeaseError/timedOut``. 30 seconds by default.
        public var refreshLeaseTimeout: Duration

        /// A configuration; every argument has the default a server app wants.
        public init(
            endpoint: URL? = nil, retryPolicy: RetryPolicy = .default, refreshTokenRotation: Bool = false,
            deviceName: String = "swift-cognito-session", logger: Logger? = nil,
            clock: any WallClock = SystemWallClock(), oauth2Domain: URL? = nil,
            refreshLeaseTimeout: Duration = .seconds(30)
        ) {
            self.endpoint = endpoint
            self.retryPolicy = retryPolicy
            self.refreshTokenRotation = refreshTokenRotation
            self.deviceName = deviceName
            self.logger = logger
            self.clock = clock
            self.oauth2Domain = oauth2Domain
            self.refreshLeaseTimeout = refreshLeaseTimeout
        }
    }

    /// Creates a pool client with a ``Configuration``.
    ///
    /// - Parameters:
    ///   - userPoolId: `<region>_<id>`; anything else throws ``CognitoConfigurationError/invalidUserPoolId``.
    ///   - clientId: the app client id.
    ///   - clientSecret: the app client secret, if the client has one.
    ///   - storage: where sessions live (the JS library's key layout).
    ///   - transport: how requests travel.
    ///   - configuration: the rest.
    public convenience init(
        userPoolId: String, clientId: String, clientSecret: String?, storage: any SessionStorage,
        transport: any HTTPTransport, configuration: Configuration
    ) throws {
        try self.init(
            userPoolId: userPoolId, clientId: clientId, clientSecret: clientSecret, storage: storage,
            transport: transport, configuration: configuration, retrySleep: { try await Task.sleep(for: $0) })
    }
}
