import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// A MemoryStorage that coordinates refreshes with an InProcessRefreshCoordinator the test can also
/// hold, standing in for another process sharing the store.
private struct CoordinatedStorage: SessionStorage, RefreshCoordinating {
    let inner = MemoryStorage()
    let coordinator = InProcessRefreshCoordinator()

    func getItem(_ key: String) async throws -> String? { try await inner.getItem(key) }
    func setItem(_ key: String, value: String) async throws { try await inner.setItem(key, value: value) }
    func removeItem(_ key: String) async throws { try await inner.removeItem(key) }
    func clear() async throws { try await inner.clear() }
    func updateItems(set: [String: String], remove: [String]) async throws {
        try await inner.updateItems(set: set, remove: remove)
    }
    func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) async throws
        -> Bool
    { try await inner.updateItems(set: set, remove: remove, ifCurrent: expected) }
    var supportsAtomicUpdates: Bool { true }

    func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value { try await coordinator.withRefreshLease(named: name, timeout: timeout, body) }
}

/// Counts reads, to show what is served from memory.
private actor CountingStorage: SessionStorage {
    let inner = MemoryStorage()
    private(set) var reads = 0

    func getItem(_ key: String) async throws -> String? {
        reads += 1
        return try await inner.getItem(key)
    }
    func setItem(_ key: String, value: String) async throws { try await inner.setItem(key, value: value) }
    func removeItem(_ key: String) async throws { try await inner.removeItem(key) }
    func clear() async throws { try await inner.clear() }
    func updateItems(set: [String: String], remove: [String]) async throws {
        try await inner.updateItems(set: set, remove: remove)
    }
}

/// A one-shot signal.
private actor Signal {
    private var fired = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func fire() {
        fired = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
    func wait() async {
        if fired { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

@Suite("Refresh under the storage's lease: re-read inside it, typed timeouts, never delete a newer session")
struct RefreshLeaseTests {
    static let lease = StorageKeys(clientId: MockSessionFixture.clientId).refreshLease(username: "alice")

    /// Alice's session as another process would store it after refreshing: valid now.
    static func freshSession(refreshToken: String) -> [String: String] {
        let keys = StorageKeys(clientId: MockSessionFixture.clientId)
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
        return [
            keys.idToken(username: "alice"): MockSessionFixture.idToken(issued: issued),
            keys.accessToken(username: "alice"): MockSessionFixture.accessToken(issued: issued),
            keys.refreshToken(username: "alice"): refreshToken,
        ]
    }

    @Test("A caller that gets the lease after another process refreshed finds its session and sends nothing")
    func waiterRereads() async throws {
        let storage = CoordinatedStorage()
        let fixture = try await MockSessionFixture(storage: storage, rotation: true)
        let held = Signal()
        let release = Signal()
        let otherProcess = Task {
            try await storage.coordinator.withRefreshLease(named: Self.lease, timeout: .seconds(5)) {
                await held.fire()
                await release.wait()
                try await storage.updateItems(set: Self.freshSession(refreshToken: "refresh-other"), remove: [])
            }
        }
        await held.wait()
        let callers = (0..<20).map { _ in Task { try await fixture.alice.getSession() } }
        while await storage.coordinator.waiting(for: Self.lease) == 0 { await Task.yield() }
        await release.fire()
        try await otherProcess.value
        for caller in callers {
            #expect(try await caller.value.refreshToken.token == "refresh-other")
        }
        #expect(await fixture.mock.requests.isEmpty, "a request was sent although the stored session was fresh")
    }

    @Test("A lease held past the timeout: RefreshLeaseError.timedOut, retryable, no request, nothing cleared")
    func leaseTimeout() async throws {
        let storage = CoordinatedStorage()
        let fixture = try await MockSessionFixture(storage: storage, rotation: true)
        var configuration = CognitoUserPool.Configuration(
            retryPolicy: .none, refreshTokenRotation: true, clock: fixture.clock)
        configuration.refreshLeaseTimeout = .milliseconds(50)
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_MockPool", clientId: MockSessionFixture.clientId, clientSecret: nil,
            storage: storage, transport: fixture.mock, configuration: configuration, retrySleep: { _ in })
        let before = try await fixture.items()
        let held = Signal()
        let release = Signal()
        let otherProcess = Task {
            try await storage.coordinator.withRefreshLease(named: Self.lease, timeout: .seconds(5)) {
                await held.fire()
                await release.wait()
            }
        }
        await held.wait()
        let error = await #expect(throws: RefreshLeaseError.self) { try await pool.user(named: "alice").getSession() }
        #expect(error == .timedOut)
        #expect(error?.isRetryable == true)
        #expect(error?.name == Self.lease)
        #expect(await fixture.mock.requests.isEmpty)
        #expect(try await fixture.items() == before)
        await release.fire()
        try await otherProcess.value

        // Once the lease is free the next call refreshes.
        await fixture.mock.enqueue(
            MockSessionFixture.refreshAnswer(refreshToken: "refresh-2"), for: "GetTokensFromRefreshToken")
        #expect(try await pool.user(named: "alice").getSession().refreshToken.token == "refresh-2")
    }

    @Test("A terminal answer after someone stored a newer session: that session is kept and returned")
    func newerSessionKept() async throws {
        let fixture = try await MockSessionFixture()
        let storage = fixture.storage
        await fixture.mock.setHandler(for: "InitiateAuth") { _ in
            // Another process refreshed (and stored) while this request was out; this token is now refused.
            try? await storage.updateItems(set: Self.freshSession(refreshToken: "refresh-newer"), remove: [])
            return .serviceError("NotAuthorizedException", message: "Invalid Refresh Token")
        }
        let session = try await fixture.alice.getSession()
        #expect(session.refreshToken.token == "refresh-newer")
        let items = try await fixture.items()
        #expect(items[fixture.keys.refreshToken(username: "alice")] == "refresh-newer")
        #expect(items[fixture.keys.accessToken(username: "alice")] != nil)
        #expect(items[fixture.keys.lastAuthUser] == "alice")
    }

    @Test("A terminal answer with the refused token still stored clears it (compare-and-delete matches)")
    func refusedSessionCleared() async throws {
        let fixture = try await MockSessionFixture()
        await fixture.mock.enqueue(
            .serviceError("NotAuthorizedException", message: "Invalid Refresh Token"), for: "InitiateAuth")
        await #expect(throws: CognitoServiceError.notAuthorized) { try await fixture.alice.getSession() }
        let items = try await fixture.items()
        #expect(items[fixture.keys.refreshToken(username: "alice")] == nil)
        #expect(items[fixture.keys.deviceKey(username: "alice")] != nil)
        #expect(items[fixture.keys.refreshToken(username: "bob")] == "refresh-bob")
    }

    @Test("getSession() on a valid session in memory reads nothing from storage")
    func validCachedSessionReadsNothing() async throws {
        let storage = CountingStorage()
        let fixture = try await MockSessionFixture(storage: storage)
        await fixture.mock.enqueue(MockSessionFixture.refreshAnswer(), for: "InitiateAuth")
        let user = fixture.alice
        _ = try await user.getSession()
        let reads = await storage.reads
        #expect(reads > 0)
        for _ in 0..<5 { _ = try await user.getSession() }
        #expect(await storage.reads == reads, "a valid session in memory was read from storage again")
    }
}
