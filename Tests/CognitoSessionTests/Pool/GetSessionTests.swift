import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("getSession: devices, refresh, concurrency and failures against LocalUserPool")
struct GetSessionTests {
    @Test(
        "SRP sign-in → device confirmed → expiry by the clock → getSession refreshes with DEVICE_KEY → device SRP next time"
    )
    func deviceStory() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        let (user, first, confirmation) = try await fixture.signIn()
        #expect(!confirmation)
        let keys = StorageKeys(clientId: "app-client")
        let items = await fixture.storedItems()
        let deviceKey = try #require(items[keys.deviceKey(username: "alice")])
        #expect(items[keys.randomPasswordKey(username: "alice")]?.count == 56)
        #expect(items[keys.lastAuthUser] == "alice")
        #expect(await fixture.local.deviceStatus(forUser: "alice", deviceKey: deviceKey)! == (true, true))
        #expect(await fixture.local.requests(for: "ConfirmDevice").count == 1)

        #expect(try await user.getSession() == first)  // valid: no request
        #expect(await fixture.refreshRequests().isEmpty)
        fixture.clock.advance(by: 3600)
        let refreshed = try await user.getSession()
        #expect(refreshed.isValid())
        #expect(refreshed.accessToken.jwtToken != first.accessToken.jwtToken)
        #expect(refreshed.refreshToken == first.refreshToken)
        let refreshes = await fixture.refreshRequests()
        #expect(refreshes.count == 1)
        #expect(refreshes.first?.parameterNames == ["DEVICE_KEY", "REFRESH_TOKEN"])
        #expect(refreshed.accessToken.deviceKey == deviceKey)

        // A new user object (a new process, say) signs in again: DEVICE_KEY from the first request,
        // then the device's own SRP proof.
        await fixture.local.clearRequestLog()
        let (_, second, _) = try await fixture.signIn()
        #expect(second.accessToken.deviceKey == deviceKey)
        let initiate = await fixture.local.requests(for: "InitiateAuth")
        #expect(initiate.first?.parameterNames.contains("DEVICE_KEY") == true)
        let steps = await fixture.local.requests(for: "RespondToAuthChallenge").map(\.challengeName)
        #expect(steps == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        #expect(await fixture.local.requests(for: "ConfirmDevice").isEmpty)
    }

    @Test("An alias sign-in with a client secret: SECRET_HASH per step, keys and device under the canonical name")
    func aliasWithSecret() async throws {
        let fixture = try await PoolFixture(secret: true, tracking: .always, emailAlias: true)
        let (user, _, _) = try await fixture.signIn("alice@example.com")
        #expect(user.username == "alice")
        let keys = StorageKeys(clientId: "app-client")
        let items = await fixture.storedItems()
        #expect(items[keys.deviceKey(username: "alice")] != nil)
        #expect(items[keys.idToken(username: "alice@example.com")] == nil)
        fixture.clock.advance(by: 3601)
        _ = try await user.getSession()  // SECRET_HASH over cognito:username
        #expect(
            await fixture.refreshRequests().first?.parameterNames == ["DEVICE_KEY", "REFRESH_TOKEN", "SECRET_HASH"])
        // Signing in with the alias again finds the device remembered under the canonical name.
        await fixture.local.clearRequestLog()
        _ = try await fixture.signIn("alice@example.com")
        let steps = await fixture.local.requests(for: "RespondToAuthChallenge").map(\.challengeName)
        #expect(steps == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
    }

    @Test("200 concurrent getSession calls on an expired session make one refresh")
    func concurrentCallers() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        let (user, _, _) = try await fixture.signIn()
        fixture.clock.advance(by: 3600)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<200 { group.addTask { try await user.getSession().accessToken.jwtToken } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(await fixture.refreshRequests().count == 1)
    }

    @Test("Concurrent callers through three CognitoUser values for one user share one refresh; two users do not")
    func acrossUserValues() async throws {
        let fixture = try await PoolFixture()
        try await fixture.local.createUser(username: "bob", password: PoolFixture.password)
        try await fixture.signIn()
        try await fixture.signIn("bob")
        fixture.clock.advance(by: 3600)
        let users = [
            fixture.pool.user(named: "alice"), CognitoUser(username: "alice", pool: fixture.pool),
            fixture.pool.user(named: "alice"), fixture.pool.user(named: "bob"),
        ]
        let sessions = try await withThrowingTaskGroup(of: (String, String).self) { group in
            for index in 0..<120 {
                let user = users[index % users.count]
                group.addTask { (user.username, try await user.getSession().accessToken.jwtToken) }
            }
            return try await group.reduce(into: [String: Set<String>]()) { $0[$1.0, default: []].insert($1.1) }
        }
        #expect(sessions["alice"]?.count == 1 && sessions["bob"]?.count == 1)
        #expect(await fixture.refreshRequests().count == 2)
    }

    @Test("A refresh that meets a 503 is retried and succeeds; one getSession call, two requests")
    func retryOn503() async throws {
        let fixture = try await PoolFixture()
        let (user, _, _) = try await fixture.signIn()
        fixture.clock.advance(by: 3600)
        await fixture.local.inject(.serverError(status: 503), into: "InitiateAuth")
        #expect(try await user.getSession().isValid())
        #expect(await fixture.refreshRequests().count == 2)
    }

    @Test("Network faults, throttling and 5xx keep every stored key; the failure is not cached")
    func transientFailuresKeepTokens() async throws {
        let fixture = try await PoolFixture(tracking: .always, retryPolicy: .none)
        let (user, _, _) = try await fixture.signIn()
        let before = await fixture.storedItems()
        fixture.clock.advance(by: 3600)
        await fixture.local.inject(.dropConnection, into: "InitiateAuth")
        await #expect(throws: HTTPTransportError.connectionFailed) { try await user.getSession() }
        await fixture.local.inject(.throttle, into: "InitiateAuth")
        await #expect(throws: CognitoServiceError.tooManyRequests) { try await user.getSession() }
        await fixture.local.inject(.serverError(status: 500), into: "InitiateAuth")
        await #expect(throws: CognitoServiceError.internalError) { try await user.getSession() }
        await fixture.local.inject(.malformedBody, into: "InitiateAuth")
        await #expect(throws: CognitoResponseError.self) { try await user.getSession() }
        #expect(await fixture.storedItems() == before)
        #expect(try await user.getSession().isValid())  // the next call tries again
    }

    @Test("NotAuthorizedException on refresh clears the tokens and LastAuthUser but keeps the device keys")
    func terminalFailure() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        let (user, _, _) = try await fixture.signIn()
        try await user.revokeTokens()
        fixture.clock.advance(by: 3600)
        let error = await #expect(throws: CognitoServiceError.notAuthorized) { try await user.getSession() }
        #expect(error?.message == "Refresh Token has been revoked")
        let keys = StorageKeys(clientId: "app-client")
        let items = await fixture.storedItems()
        #expect(
            Set(items.keys) == [
                keys.deviceKey(username: "alice"), keys.deviceGroupKey(username: "alice"),
                keys.randomPasswordKey(username: "alice"),
            ])
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
        #expect(await fixture.refreshRequests().count == 1)
    }

    @Test("One waiter's cancellation does not cancel the shared refresh for the others")
    func cancellation() async throws {
        let gate = Gate()
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let local = try LocalUserPool(userPoolId: "us-east-1_Cancel", clock: clock, sleep: { _ in await gate.wait() })
        let client = try await local.addClient(id: "app-client")
        try await local.createUser(username: "alice", password: PoolFixture.password)
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: local, clock: clock)
        let user = pool.user(named: "alice")
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: PoolFixture.password))
        clock.advance(by: 3600)
        await local.inject(.latency(.seconds(1)), into: "InitiateAuth")
        let cancelled = Task { try await user.getSession() }
        let patient = Task { try await user.getSession() }
        await gate.waitUntilBlocked()
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        await gate.open()
        #expect(try await patient.value.isValid())
        #expect(await local.requests(for: "InitiateAuth").filter { $0.authFlow == "REFRESH_TOKEN_AUTH" }.count == 1)
    }

    @Test("Rotation: GetTokensFromRefreshToken with DeviceKey; the new refresh token is stored with the new tokens")
    func rotation() async throws {
        let fixture = try await PoolFixture(secret: true, tracking: .always, rotation: 60)
        let (user, first, _) = try await fixture.signIn()
        fixture.clock.advance(by: 3600)
        let rotated = try await user.getSession()
        #expect(rotated.refreshToken != first.refreshToken)
        let requests = await fixture.local.requests(for: "GetTokensFromRefreshToken")
        #expect(requests.first?.fieldNames == ["ClientId", "ClientSecret", "DeviceKey", "RefreshToken"])
        let stored = await fixture.storedItems()[StorageKeys(clientId: "app-client").refreshToken(username: "alice")]
        #expect(stored == rotated.refreshToken.token)
        #expect(await fixture.refreshRequests().isEmpty)
    }

    @Test("A reused rotated refresh token clears the tokens only when it is the stored one")
    func rotationReuse() async throws {
        let fixture = try await PoolFixture(rotation: 10)
        let (user, first, _) = try await fixture.signIn()
        let rotated = try await user.refreshSession()
        #expect(rotated.refreshToken != first.refreshToken)
        fixture.clock.advance(by: 3600)
        // The old token is refused; the newer session stored meanwhile is kept, and refreshes.
        await #expect(throws: CognitoServiceError.refreshTokenReuse) {
            try await user.refreshSession(first.refreshToken)
        }
        let keys = StorageKeys(clientId: fixture.client.id)
        #expect(await fixture.storedItems()[keys.refreshToken(username: "alice")] == rotated.refreshToken.token)
        let renewed = try await user.getSession()
        #expect(renewed.isValid())
        // When the stored token itself is the reused one, the tokens are cleared.
        try await fixture.storage.setItem(keys.refreshToken(username: "alice"), value: first.refreshToken.token)
        fixture.clock.advance(by: 3600)
        await #expect(throws: CognitoServiceError.refreshTokenReuse) { try await user.getSession() }
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
    }

    @Test("No stored session is a typed error and no request")
    func notSignedIn() async throws {
        let fixture = try await PoolFixture()
        await #expect(throws: CognitoUserError.notSignedIn) { try await fixture.pool.user(named: "alice").getSession() }
        #expect(await fixture.local.requests.isEmpty)
    }

    @Test("A malformed stored access token is replaced by a refresh, not treated as signed out")
    func malformedStoredToken() async throws {
        let fixture = try await PoolFixture()
        try await fixture.signIn()
        let keys = StorageKeys(clientId: "app-client")
        try await fixture.storage.setItem(keys.accessToken(username: "alice"), value: "not-a-jwt")
        let session = try await fixture.pool.user(named: "alice").getSession()
        #expect(session.isValid())
        #expect(await fixture.storedItems()[keys.accessToken(username: "alice")] == session.accessToken.jwtToken)
    }
}

/// Holds the pool's latency until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var blocked: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        for watcher in blocked { watcher.resume() }
        blocked.removeAll()
        await withCheckedContinuation { waiters.append($0) }
    }

    func waitUntilBlocked() async {
        if !waiters.isEmpty { return }
        await withCheckedContinuation { blocked.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
