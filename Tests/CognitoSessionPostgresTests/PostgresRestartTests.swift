import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import PostgresNIO
import Testing

@Suite("PostgreSQL restarted mid-run", .againstPostgres)
struct PostgresRestartTests {
    @Test("While the server is down: typed, retryable errors; after it restarts: every stored token kept, work resumes")
    func restartMidRun() async throws {
        // A server of this test's own: stopping the shared one would fail the other tests running meanwhile.
        let server = try await PostgresServer()
        defer { server.shutDown() }
        try await TestDatabase.withClient(url: server.url) { client in
            let table = TestDatabase.uniqueTableName()
            // The first connection to a server that just started can be slow on a busy machine: migrate with the
            // default time limit; the short one is for the calls made while the server is down.
            try await PostgresSessionStorage(
                client: client, tableName: table, operationTimeout: TestDatabase.operationTimeout
            ).migrate()
            let storage = PostgresSessionStorage(client: client, tableName: table, operationTimeout: .seconds(3))
            let clock = ManualClock(now: Date())
            let local = try LocalUserPool(clock: clock)
            let app = try await local.addClient(id: "restart", refreshTokenRotationGracePeriod: 0)
            try await local.createUser(username: "alice", password: "Correct-Horse-1")
            let pool = try CognitoUserPool(
                userPoolId: local.userPoolId, clientId: app.id, clientSecret: nil, endpoint: nil, storage: storage,
                transport: local, clock: clock, refreshTokenRotation: true)
            let user = pool.user(named: "alice")
            _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "Correct-Horse-1"))
            let keys = StorageKeys(clientId: app.id)
            let tokenKeys = [
                keys.idToken(username: "alice"), keys.accessToken(username: "alice"),
                keys.refreshToken(username: "alice"),
            ]
            var stored: [String: String] = [:]
            for key in tokenKeys { stored[key] = try await storage.getItem(key) }
            #expect(stored.count == 3)

            // Writers keep updating other keys while the server goes down and comes back.
            let writer = Writer(storage: storage)
            let writing = Task { await writer.run() }
            try await waitUntil("the writer's first writes") { await writer.acknowledged > 3 }

            try await server.stop()
            let downErrors = await errors(during: [
                { _ = try await storage.getItem(tokenKeys[2]) },
                { try await storage.setItem("other", value: "x") },
                { _ = try await pool.user(named: "alice").getSession() },  // a new user object reads the store
                {
                    // An expired session needs the refresh lease: no connection within operationTimeout.
                    _ = try await pool.user(named: "alice").refreshSession()
                },
            ])
            for error in downErrors {
                let typed = error as? PostgresSessionStorageError
                #expect(typed != nil, "not a PostgresSessionStorageError: \(type(of: error))")
                #expect(typed?.isRetryable == true, "\(error)")
            }
            #expect(downErrors.count == 4)
            // The session already in memory is still served, without the database.
            #expect(try await user.getSession().accessToken.jwtToken == stored[tokenKeys[1]])
            let acknowledgedWhileDown = await writer.acknowledged

            try await server.start()
            // PostgresNIO reconnects with a growing pause: poll (not a wait for expiry) until a read works.
            try await waitUntil("a read after the restart") { (try? await storage.getItem(tokenKeys[2])) != nil }
            for key in tokenKeys { #expect(try await storage.getItem(key) == stored[key], "\(key) was lost") }
            try await waitUntil("the writer's writes after the restart") {
                await writer.acknowledged > acknowledgedWhileDown + 3
            }
            writing.cancel()
            let (acknowledged, failures) = (await writer.acknowledged, await writer.failures)
            #expect(failures.allSatisfy { $0 is PostgresSessionStorageError }, "\(failures.map { type(of: $0) })")
            // Every acknowledged write is there (the counter only grows).
            let last = Int(try await storage.getItem("counter") ?? "") ?? -1
            #expect(last >= acknowledged)

            // Work resumes: the expired session is refreshed and stored.
            clock.advance(by: 3601)
            let refreshed = try await pool.user(named: "alice").getSession()
            #expect(refreshed.isValid())
            #expect(try await storage.getItem(tokenKeys[1]) == refreshed.accessToken.jwtToken)
        }
    }

    /// The errors `calls` throw (each call is expected to throw).
    private func errors(during calls: [@Sendable () async throws -> Void]) async -> [any Error] {
        var errors: [any Error] = []
        for call in calls {
            do { try await call() } catch { errors.append(error) }
        }
        return errors
    }

    /// Polls `condition` every 50 ms for up to 90 s.
    private func waitUntil(
        _ what: String, _ condition: @Sendable () async -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("not within 90 s: \(what)", sourceLocation: sourceLocation)
    }
}

/// Increments a stored counter in a loop (a write acknowledged only once committed), keeping what failed.
private actor Writer {
    let storage: PostgresSessionStorage
    private(set) var acknowledged = 0
    private(set) var failures: [any Error] = []

    init(storage: PostgresSessionStorage) { self.storage = storage }

    func run() async {
        while !Task.isCancelled {
            do {
                try await storage.updateItems(set: ["counter": String(acknowledged + 1)], remove: [])
                acknowledged += 1
            } catch is CancellationError {
                return
            } catch {
                failures.append(error)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
