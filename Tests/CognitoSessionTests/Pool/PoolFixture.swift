import Foundation

@testable import CognitoSession
@testable import CognitoSessionTesting

/// A LocalUserPool and a CognitoUserPool talking to it, sharing one manual clock.
struct PoolFixture {
    let clock: ManualClock
    let local: LocalUserPool
    let client: LocalUserPool.AppClient
    let storage: MemoryStorage
    let pool: CognitoUserPool

    static let password = "Correct-Horse-1"

    init(
        secret: Bool = false, tracking: LocalUserPool.DeviceTracking = .off, rotation: TimeInterval? = nil,
        emailAlias: Bool = false, storage: MemoryStorage = MemoryStorage(), clock: ManualClock? = nil,
        retryPolicy: RetryPolicy = .default
    ) async throws {
        let clock = clock ?? ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let local = try LocalUserPool(userPoolId: "us-east-1_PoolTests", clock: clock)
        let client = try await local.addClient(
            id: "app-client", generateSecret: secret,
            refreshTokenRotationGracePeriod: rotation)
        await local.setDeviceTracking(tracking)
        await local.setAllowsEmailAlias(emailAlias)
        try await local.createUser(
            username: "alice", password: Self.password,
            attributes: ["email": "alice@example.com", "phone_number": "+15555550100"])
        self.clock = clock
        self.local = local
        self.client = client
        self.storage = storage
        self.pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: client.secret, endpoint: nil,
            storage: storage, transport: local, clock: clock, logger: nil, retryPolicy: retryPolicy,
            refreshTokenRotation: rotation != nil, deviceName: "test-device", retrySleep: { _ in })
    }

    /// Signs alice in with SRP and expects tokens.
    @discardableResult
    func signIn(
        _ name: String = "alice", password: String = PoolFixture.password
    ) async throws
        -> (CognitoUser, CognitoUserSession, Bool)
    {
        let user = pool.user(named: name)
        guard
            case .signedIn(let session, let confirmation) = try await user.authenticateUser(
                AuthenticationDetails(username: name, password: password))
        else { throw FixtureError.notSignedIn }
        return (user, session, confirmation)
    }

    /// The REFRESH_TOKEN_AUTH requests the pool received.
    func refreshRequests() async -> [LocalUserPool.LoggedRequest] {
        await local.requests(for: "InitiateAuth").filter { $0.authFlow == "REFRESH_TOKEN_AUTH" }
    }

    func storedItems() async -> [String: String] { await storage.allItems() }
}

struct FixtureError: Error { static let notSignedIn = FixtureError() }
