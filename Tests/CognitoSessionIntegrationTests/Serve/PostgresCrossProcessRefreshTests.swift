import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import PostgresNIO
import Testing

/// Several processes sharing one PostgresSessionStorage table refresh one expired session of a rotating
/// client (grace period 0) against `cognito-session serve`: one refresh between them, coordinated by an
/// advisory lock, and a holder killed mid-refresh hands over. The children are `session-refresher --postgres`.
@Suite(
    "One refresh across processes sharing a PostgreSQL table, against cognito-session serve", .againstPostgres,
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct PostgresCrossProcessRefreshTests {
    typealias Shared = CrossProcessRefreshTests

    func refresher(
        _ server: ServeServer, url: String, table: String, tasks: Int = 50, leaseTimeout: Int = 30
    ) throws -> SessionRefresherProcess {
        try SessionRefresherProcess([
            "--endpoint", server.endpoint.absoluteString, "--pool", Shared.poolId, "--client", Shared.client,
            "--user", "alice", "--postgres", url, "--table", table, "--tasks", String(tasks),
            "--clock-offset", String(Shared.expiry), "--lease-timeout", String(leaseTimeout),
        ])
    }

    @Test(
        "4 processes × 50 getSession() on one expired session in PostgreSQL: one token request, no reuse, one session")
    func fourProcesses() async throws {
        let url = try await TestDatabase.url()
        try await TestDatabase.withClient(url: url) { client in
            try await ServeServer.with(configuration: Shared.configuration) { server in
                let storage = try await TestDatabase.storage(client)
                let signedIn = try await Shared.signInAndExpire(server, storage: storage)

                let children = try (0..<4).map { _ in try refresher(server, url: url, table: storage.tableName) }
                try await Shared.expectOneSharedRefresh(children, server: server, storage: storage, signedIn: signedIn)
            }
        }
    }

    @Test("The process holding the advisory lock is SIGKILLed mid-refresh: another takes over within the lease timeout")
    func killedHolder() async throws {
        let url = try await TestDatabase.url()
        try await TestDatabase.withClient(url: url) { client in
            try await ServeServer.with(configuration: Shared.configuration) { server in
                let storage = try await TestDatabase.storage(client)
                _ = try await Shared.signInAndExpire(server, storage: storage)
                // The first refresh hangs at the server for longer than the test waits.
                try await server.injectLatency(into: "GetTokensFromRefreshToken", milliseconds: 8_000)

                let holder = try refresher(server, url: url, table: storage.tableName, tasks: 5)
                let lease = StorageKeys(clientId: Shared.client).refreshLease(username: "alice")
                try await waitUntilHeld(lease, in: storage)
                let successor = try refresher(server, url: url, table: storage.tableName, tasks: 5, leaseTimeout: 20)
                let clock = ContinuousClock()
                let killedAt = clock.now
                holder.killHard()
                let (killedStatus, _) = await holder.finish()
                #expect(killedStatus == SIGKILL)

                let (status, output) = await successor.finish()
                let tookOver = killedAt.duration(to: clock.now)
                #expect(status == 0, "the successor failed: \(output.prefix(3))")
                #expect(tookOver < .seconds(20), "the successor needed \(tookOver), more than its lease timeout")
                let fingerprints = Set(output.filter { $0 != "done" })
                let (stored, fingerprint) = try await Shared.storedSession(storage)
                #expect(fingerprints == ["ok " + fingerprint], "the successor's session is the stored one")
                #expect(stored.isValid())

                // Nothing lost: the stored refresh token is the live one and refreshes again.
                let pool = try CognitoUserPool(
                    userPoolId: Shared.poolId, clientId: Shared.client, endpoint: server.endpoint, storage: storage,
                    transport: URLSessionTransport(requestTimeout: .seconds(10)),
                    clock: OffsetClock(advancedBy: Shared.expiry), retryPolicy: .none, refreshTokenRotation: true)
                let again = try await pool.user(named: "alice").refreshSession()
                #expect(again.isValid())
            }
        }
    }

    /// Waits (up to 20 s) until another process holds the lease `name`.
    func waitUntilHeld(_ name: String, in storage: PostgresSessionStorage) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(20))
        while clock.now < deadline {
            do {
                try await storage.withRefreshLease(named: name, timeout: .zero) {}
            } catch let error as RefreshLeaseError where error == .timedOut {
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw MotoSetupError("no process took the refresh lease within 20 s")
    }
}
