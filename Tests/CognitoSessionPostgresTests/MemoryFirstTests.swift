import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import Testing

@Suite("A valid session is served from memory: no database round trip", .againstPostgres)
struct MemoryFirstTests {
    @Test("getSession() on a valid cached session reads nothing from PostgreSQL; an expired one reads it once")
    func validSessionMakesNoQuery() async throws {
        try await TestDatabase.withClient { client in
            let counted = CountingStorage(try await TestDatabase.storage(client))
            let clock = ManualClock(now: Date())
            let local = try LocalUserPool(clock: clock)
            let app = try await local.addClient(id: "memory-first")
            try await local.createUser(username: "alice", password: "Correct-Horse-1")
            let pool = try CognitoUserPool(
                userPoolId: local.userPoolId, clientId: app.id, clientSecret: nil, endpoint: nil, storage: counted,
                transport: local, clock: clock)
            let user = pool.user(named: "alice")
            _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "Correct-Horse-1"))
            await counted.reset()

            let sessions = try await withThrowingTaskGroup(of: CognitoUserSession.self) { group in
                for _ in 0..<100 { group.addTask { try await user.getSession() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(sessions.map(\.accessToken.jwtToken)).count == 1)
            #expect(await counted.calls == [], "a valid cached session touched the database")

            clock.advance(by: 3601)
            let refreshed = try await user.getSession()
            #expect(refreshed.isValid())
            #expect(await counted.calls.contains("getItem"), "an expired session was not read from the database")
            #expect(await local.requests(for: "InitiateAuth").count == 2)  // the sign-in and one refresh
        }
    }
}

/// A store that records which of its methods were called, then forwards them.
private actor CountingStorage: SessionStorage {
    let inner: any SessionStorage
    private(set) var calls: [String] = []

    init(_ inner: any SessionStorage) { self.inner = inner }

    func reset() { calls = [] }

    func getItem(_ key: String) async throws -> String? {
        calls.append("getItem")
        return try await inner.getItem(key)
    }
    func setItem(_ key: String, value: String) async throws {
        calls.append("setItem")
        try await inner.setItem(key, value: value)
    }
    func removeItem(_ key: String) async throws {
        calls.append("removeItem")
        try await inner.removeItem(key)
    }
    func clear() async throws {
        calls.append("clear")
        try await inner.clear()
    }
    func updateItems(set: [String: String], remove: [String]) async throws {
        calls.append("updateItems")
        try await inner.updateItems(set: set, remove: remove)
    }
    nonisolated var supportsAtomicUpdates: Bool { inner.supportsAtomicUpdates }
}
