import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import PostgresNIO
import Testing

@Suite("PostgresSessionStorage coordinates refreshes with advisory locks", .againstPostgres)
struct PostgresRefreshLeaseTests {
    typealias Check = RefreshCoordinationConformance.Check

    @Test("PostgresSessionStorage passes every RefreshCoordinating conformance check", arguments: Check.allCases)
    func conformance(_ check: Check) async throws {
        let url = try await TestDatabase.url()
        try await TestDatabase.withClient(url: url) { client in
            let storage = try await TestDatabase.storage(client)
            let suite = RefreshCoordinationConformance(
                concurrentTasks: 8, shortTimeout: .milliseconds(300), longTimeout: .seconds(30),
                dyingHolder: Self.dyingHolder(url: url))
            try await suite.run(check) { storage }
        }
    }

    @Test("Two stores (two processes' worth: separate connections, no shared in-process queue) exclude each other")
    func exclusionAcrossStores() async throws {
        try await TestDatabase.withClient { client in
            let table = TestDatabase.uniqueTableName()
            let stores = (0..<4).map { _ in
                PostgresSessionStorage(
                    client: client, tableName: table, operationTimeout: TestDatabase.operationTimeout)
            }
            try await stores[0].migrate()
            let gauge = Gauge()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try await stores[index % stores.count].withRefreshLease(
                            named: "exclusion", timeout: .seconds(60)
                        ) {
                            await gauge.enter()
                            try await Task.sleep(for: .milliseconds(5))
                            await gauge.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await gauge.peak == 1)
            #expect(await gauge.entries == 16)
        }
    }

    @Test("While another connection holds the lock, a waiter times out with RefreshLeaseError.timedOut")
    func timeoutAgainstAnotherConnection() async throws {
        let url = try await TestDatabase.url()
        try await TestDatabase.withClient(url: url) { client in
            let storage = try await TestDatabase.storage(client)
            let kill = try await Self.dyingHolder(url: url).hold("held-elsewhere")
            let started = ContinuousClock.now
            let error = await #expect(throws: RefreshLeaseError.self) {
                try await storage.withRefreshLease(named: "held-elsewhere", timeout: .milliseconds(400)) {
                    Issue.record("the body ran while another connection held the lock")
                }
            }
            #expect(error == .timedOut)
            #expect(error?.isRetryable == true)
            #expect(ContinuousClock.now - started < .seconds(10))
            try await kill()
            // Once the holder's connection is gone, the lease is free.
            try await storage.withRefreshLease(named: "held-elsewhere", timeout: .seconds(30)) {}
        }
    }

    @Test("The lease key is the documented 64-bit FNV-1a hash of the name")
    func leaseKey() {
        // FNV-1a 64 of "" and "a", from the algorithm's reference values.
        #expect(PostgresSessionStorage.leaseLockKey(for: "") == Int64(bitPattern: 0xcbf2_9ce4_8422_2325))
        #expect(PostgresSessionStorage.leaseLockKey(for: "a") == Int64(bitPattern: 0xaf63_dc4c_8601_ec8c))
    }

    /// A holder on a connection of its own (not from the store's client): `pg_advisory_lock` on the
    /// lease key; killing it closes that connection without unlocking.
    static func dyingHolder(url: String) -> RefreshCoordinationConformance.DyingHolder {
        RefreshCoordinationConformance.DyingHolder { name in
            let configuration = try TestDatabase.configuration(url)
            let connection = try await PostgresConnection.connect(
                configuration: .init(
                    host: configuration.host ?? "127.0.0.1", port: configuration.port ?? 5432,
                    username: configuration.username, password: configuration.password,
                    database: configuration.database, tls: .disable),
                id: 1, logger: .init(label: "dying-holder"))
            try await connection.query(
                "SELECT pg_advisory_lock(\(PostgresSessionStorage.leaseLockKey(for: name)))",
                logger: .init(label: "dying-holder"))
            return { try await connection.close() }
        }
    }
}

/// How many bodies ran, and the most that ran at once.
private actor Gauge {
    private(set) var entries = 0
    private(set) var peak = 0
    private var inside = 0
    func enter() {
        entries += 1
        inside += 1
        peak = max(peak, inside)
    }
    func leave() { inside -= 1 }
}
