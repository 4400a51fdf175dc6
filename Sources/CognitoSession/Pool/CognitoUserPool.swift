import Foundation
import Logging

/// A Cognito user pool app client: where users sign up and sign in.
///
/// ```swift
/// let pool = try CognitoUserPool(userPoolId: "us-east-1_AbC123", clientId: "client-id",
///                                clientSecret: nil, endpoint: nil,
///                                storage: FileStorage(fileURL: sessionsFile), transport: URLSessionTransport())
/// let user = pool.user(named: "alice")
/// ```
///
/// One pool value is meant to live as long as the app: it owns the refresh coordination that
/// makes concurrent `getSession()` calls for one user share a single refresh, across every
/// ``CognitoUser`` it made.
public final class CognitoUserPool: Sendable {
    /// The pool id, `<region>_<id>`.
    public let userPoolId: String
    /// The app client id.
    public let clientId: String
    /// The region, from the pool id.
    public var region: String { poolID.region }
    /// The pool name, the part of the id after `_` (SRP's realm; JS `getUserPoolName()`).
    public var poolName: String { poolID.poolName }
    /// Where sessions and device keys are kept.
    public let storage: any SessionStorage
    /// Whether refreshes use GetTokensFromRefreshToken (for app clients with refresh-token rotation).
    public let refreshTokenRotation: Bool
    /// The `DeviceName` sent when a device is confirmed.
    public let deviceName: String
    /// The client of the pool's domain (``Configuration/oauth2Domain``) for this app client, with the pool's
    /// secret, transport, clock, logger and retry policy: the hosted UI's sign-in
    /// (``CognitoOAuth2Client/authorization(redirectURI:scopes:identityProvider:idpIdentifier:loginHint:prompt:lang:)``
    /// and ``CognitoOAuth2Client/exchange(code:state:for:)``), revocation and `userInfo`. Nil without a domain.
    public let oauth2Client: CognitoOAuth2Client?
    /// How long a refresh waits for the storage's refresh lease (see ``RefreshCoordinating``).
    public let refreshLeaseTimeout: Duration

    let poolID: UserPoolID
    let credentials: AppClientCredentials
    var clientSecret: String? { credentials.clientSecret }
    let service: CognitoServiceClient
    let clock: any WallClock
    let logger: Logger?
    let refreshes = RefreshCoordinator()
    /// Refreshed sessions the storage failed to take, by user: served and stored at the next call.
    let unsavedSessions = Locked<[UserKey: CognitoUserSession]>([:])
    /// Bumped at every sign-in and sign-out of a user, so a refresh that was in flight meanwhile
    /// neither brings signed-out tokens back nor clears a new sign-in's.
    private let sessionGenerations = Locked<[UserKey: Int]>([:])

    /// The user's sign-in generation (see `sessionGenerations`).
    func sessionGeneration(of key: UserKey) -> Int { sessionGenerations.withLock { $0[key] ?? 0 } }

    /// A sign-in or sign-out of the user happened.
    func newSessionGeneration(for key: UserKey) { sessionGenerations.withLock { $0[key, default: 0] += 1 } }
    var store: SessionStore { SessionStore(storage: storage, clientId: clientId, clock: clock) }

    /// Creates a pool client.
    ///
    /// - Parameters:
    ///   - userPoolId: `<region>_<id>`; anything else throws ``CognitoConfigurationError/invalidUserPoolId``.
    ///   - clientId: the app client id.
    ///   - clientSecret: the app client secret, if the client has one: `SECRET_HASH` is then sent on
    ///     every call that needs it, computed over the user name the service expects at that step.
    ///   - endpoint: the service URL; nil for `https://cognito-idp.<region>.amazonaws.com/`. Plain
    ///     `http` is accepted only for a loopback host.
    ///   - storage: where sessions live (the JS library's key layout).
    ///   - transport: how requests travel.
    ///   - clock: where "now" comes from (token validity, SRP timestamps).
    ///   - logger: request-level debug logs; never bodies or secrets.
    ///   - retryPolicy: backoff for throttling, 5xx and (for safe operations) network failures.
    ///   - refreshTokenRotation: refresh with GetTokensFromRefreshToken, storing the new refresh token.
    ///   - deviceName: the `DeviceName` given to ConfirmDevice.
    public convenience init(
        userPoolId: String, clientId: String, clientSecret: String? = nil, endpoint: URL? = nil,
        storage: any SessionStorage = MemoryStorage(), transport: any HTTPTransport = URLSessionTransport(),
        clock: any WallClock = SystemWallClock(), logger: Logger? = nil, retryPolicy: RetryPolicy = .default,
        refreshTokenRotation: Bool = false, deviceName: String = "swift-cognito-session"
    ) throws {
        try self.init(
            userPoolId: userPoolId, clientId: clientId, clientSecret: clientSecret, endpoint: endpoint,
            storage: storage, transport: transport, clock: clock, logger: logger, retryPolicy: retryPolicy,
            refreshTokenRotation: refreshTokenRotation, deviceName: deviceName,
            retrySleep: { try await Task.sleep(for: $0) })
    }

    /// The argument-per-field form of the designated initialiser; tests inject `retrySleep`.
    package convenience init(
        userPoolId: String, clientId: String, clientSecret: String?, endpoint: URL?,
        storage: any SessionStorage, transport: any HTTPTransport, clock: any WallClock, logger: Logger?,
        retryPolicy: RetryPolicy, refreshTokenRotation: Bool, deviceName: String,
        retrySleep: @escaping CognitoServiceClient.Sleeper
    ) throws {
        try self.init(
            userPoolId: userPoolId, clientId: clientId, clientSecret: clientSecret, storage: storage,
            transport: transport,
            configuration: Configuration(
                endpoint: endpoint, retryPolicy: retryPolicy, refreshTokenRotation: refreshTokenRotation,
                deviceName: deviceName, logger: logger, clock: clock),
            retrySleep: retrySleep)
    }

    /// The designated initialiser; tests inject `retrySleep` so backoff takes no real time.
    package init(
        userPoolId: String, clientId: String, clientSecret: String?, storage: any SessionStorage,
        transport: any HTTPTransport, configuration: Configuration, retrySleep: @escaping CognitoServiceClient.Sleeper
    ) throws {
        let poolID = try UserPoolID(userPoolId)
        let serviceEndpoint =
            try configuration.endpoint.map { url throws(CognitoConfigurationError) in
                try ServiceEndpoint(override: url)
            } ?? ServiceEndpoint(region: poolID.region)
        self.poolID = poolID
        self.userPoolId = userPoolId
        self.clientId = clientId
        self.credentials = AppClientCredentials(clientId: clientId, clientSecret: clientSecret)
        self.storage = storage
        self.clock = configuration.clock
        self.logger = configuration.logger
        self.refreshTokenRotation = configuration.refreshTokenRotation
        self.deviceName = configuration.deviceName
        self.refreshLeaseTimeout = configuration.refreshLeaseTimeout
        self.service = CognitoServiceClient(
            endpoint: serviceEndpoint, transport: transport, retryPolicy: configuration.retryPolicy,
            logger: configuration.logger, sleep: retrySleep)
        self.oauth2Client = try configuration.oauth2Domain.map { domain throws(CognitoConfigurationError) in
            try CognitoOAuth2Client(
                domain: domain, clientId: clientId, clientSecret: clientSecret, transport: transport,
                configuration: .init(
                    clock: configuration.clock, logger: configuration.logger, retryPolicy: configuration.retryPolicy),
                sleep: retrySleep, unitRandom: { Double.random(in: 0...1) },
                makeVerifier: { try CognitoOAuth2Client.randomVerifier() })
        }
    }

    /// A user of this pool (the same as `CognitoUser(username:pool:)`).
    public func user(named username: String) -> CognitoUser { CognitoUser(username: username, pool: self) }

    /// The user who signed in last (the `LastAuthUser` key), or nil.
    public func currentUser() async throws -> CognitoUser? {
        guard let name = try await store.lastAuthUser(), !name.isEmpty else { return nil }
        return user(named: name)
    }

    /// Registers a user (SignUp).
    public func signUp(
        username: String, password: String, userAttributes: [CognitoUserAttribute] = [],
        validationData: [CognitoUserAttribute] = [], clientMetadata: [String: String]? = nil
    ) async throws -> SignUpResult {
        let response = try await service.send(
            SignUpRequest(
                clientId: clientId, username: username, password: password, secretHash: secretHash(for: username),
                userAttributes: userAttributes.isEmpty ? nil : userAttributes,
                validationData: validationData.isEmpty ? nil : validationData, clientMetadata: clientMetadata))
        return SignUpResult(
            user: user(named: username), userConfirmed: response.userConfirmed,
            codeDeliveryDetails: response.codeDeliveryDetails, userSub: response.userSub,
            session: response.session.map(SignUpSession.init(rawValue:)))
    }

    /// Writes and removes a probe key, to find out before a sign-in whether its session could be
    /// stored; sign-ins do this themselves before sending anything.
    ///
    /// - Throws: ``CognitoUserError/storageNotWritable`` with the storage's error.
    public func checkStorageWritable() async throws {
        do { try await store.checkWritable() } catch { throw CognitoUserError.storageNotWritable(error) }
    }

    /// SECRET_HASH over `username`, or nil without a secret.
    func secretHash(for username: String) throws -> String? { try credentials.secretHash(for: username) }
}

extension CognitoUserPool: CustomStringConvertible {
    /// Names the pool and client; never the secret.
    public var description: String {
        "CognitoUserPool(\(userPoolId), client: \(clientId)\(clientSecret == nil ? "" : ", secret: <redacted>"))"
    }
}

/// The result of ``CognitoUserPool/signUp(username:password:userAttributes:validationData:clientMetadata:)``.
public struct SignUpResult: Sendable {
    /// The new user.
    public let user: CognitoUser
    /// Whether the user is confirmed already (a pre-sign-up trigger may confirm).
    public let userConfirmed: Bool
    /// Where the confirmation code went.
    public let codeDeliveryDetails: CodeDeliveryDetails?
    /// The user's `sub`.
    public let userSub: String
    /// The sign-up's `Session`, when the service gave one: pass it to
    /// ``CognitoUser/confirmRegistration(code:forceAliasCreation:clientMetadata:session:)`` to sign in after
    /// the confirmation without another factor (or, when ``userConfirmed``, to
    /// ``CognitoUser/signIn(afterSignUp:clientMetadata:)`` directly).
    public let session: SignUpSession?
}
