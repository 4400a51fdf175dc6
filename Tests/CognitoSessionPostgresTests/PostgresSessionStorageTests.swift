import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import PostgresNIO
import Testing

@Suite("PostgresSessionStorage against a real PostgreSQL server", .againstPostgres)
struct PostgresSessionStorageTests {
    typealias Check = SessionStorageConformance.Check

    @Test("PostgresSessionStorage passes every SessionStorage conformance check", arguments: Check.allCases)
    func conformance(_ check: Check) async throws {
        try await TestDatabase.withClient { client in
            let storage = try await TestDatabase.storage(client)
            #expect(storage.supportsAtomicUpdates)
            try await SessionStorageConformance(concurrentTasks: 16, writesPerTask: 8).run(check) { storage }
        }
    }

    @Test("migrate() is idempotent, also when many stores run it at once, and keeps what is stored")
    func migrateIsIdempotent() async throws {
        try await TestDatabase.withClient { client in
            let table = TestDatabase.uniqueTableName()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await PostgresSessionStorage(
                            client: client, tableName: table, operationTimeout: TestDatabase.operationTimeout
                        ).migrate()
                    }
                }
                try await group.waitForAll()
            }
            let storage = PostgresSessionStorage(
                client: client, tableName: table, operationTimeout: TestDatabase.operationTimeout)
            try await storage.setItem("k", value: "v")
            try await storage.migrate()
            #expect(try await storage.getItem("k") == "v")
        }
    }

    @Test("Two stores on different tables of one database are two key spaces")
    func tablesAreSeparate() async throws {
        try await TestDatabase.withClient { client in
            let first = try await TestDatabase.storage(client)
            let second = try await TestDatabase.storage(client)
            try await first.setItem("k", value: "first")
            #expect(try await second.getItem("k") == nil)
            try await second.clear()
            #expect(try await first.getItem("k") == "first")
        }
    }

    @Test(
        "A table name that is not a plain identifier is refused with a typed error before any SQL is sent",
        arguments: [
            "sessions; DROP TABLE users", "a\"b", "", "1table", "a.b.c", "a..b", ".a", "tab le", "t\u{E9}",
            String(repeating: "a", count: 64), "x--", "a/*b*/",
        ])
    func invalidTableNames(_ name: String) async throws {
        try await TestDatabase.withClient { client in
            let storage = PostgresSessionStorage(
                client: client, tableName: name, operationTimeout: TestDatabase.operationTimeout)
            for call in [
                { try await storage.migrate() }, { _ = try await storage.getItem("k") },
                { try await storage.setItem("k", value: "secret-value") }, { try await storage.clear() },
                { _ = try await storage.updateItems(set: ["k": "v"], remove: [], ifCurrent: ["k": nil]) },
            ] as [@Sendable () async throws -> Void] {
                let error = await #expect(throws: PostgresSessionStorageError.self) { try await call() }
                #expect(error == .invalidTableName)
                #expect(error?.isRetryable == false)
                #expect(error?.description.contains("secret-value") == false)
            }
        }
    }

    @Test("Accepted table names: plain, mixed case (quoted, so case-sensitive) and schema-qualified")
    func validTableNames() async throws {
        try await TestDatabase.withClient { client in
            let suffix = UUID().uuidString.prefix(8).lowercased()
            for name in ["plain_\(suffix)", "Mixed_\(suffix)", "public.qualified_\(suffix)", "_u\(suffix)"] {
                let storage = PostgresSessionStorage(
                    client: client, tableName: name, operationTimeout: TestDatabase.operationTimeout)
                try await storage.migrate()
                try await storage.setItem("k", value: name)
                #expect(try await storage.getItem("k") == name)
            }
        }
    }

    @Test("Without migrate(), calls fail with a typed server error naming SQLSTATE 42P01 and what to do")
    func missingTable() async throws {
        try await TestDatabase.withClient { client in
            let storage = PostgresSessionStorage(
                client: client, tableName: TestDatabase.uniqueTableName(),
                operationTimeout: TestDatabase.operationTimeout)
            let error = await #expect(throws: PostgresSessionStorageError.self) {
                try await storage.setItem("k", value: "secret-value")
            }
            #expect(error == .serverError)
            #expect(error?.sqlState == "42P01")
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("migrate()") == true)
            #expect(error?.description.contains("secret-value") == false)
        }
    }

    @Test("updateItems(ifCurrent:) applies only when every expected key holds the expected value")
    func conditionalUpdate() async throws {
        try await TestDatabase.withClient { client in
            let storage = try await TestDatabase.storage(client)
            try await storage.setItem("refresh", value: "old")
            let stale = try await storage.updateItems(set: [:], remove: ["refresh"], ifCurrent: ["refresh": "other"])
            #expect(!stale)
            #expect(try await storage.getItem("refresh") == "old")
            let absentExpected = try await storage.updateItems(
                set: ["x": "1"], remove: [], ifCurrent: ["refresh": nil])
            #expect(!absentExpected)
            #expect(try await storage.getItem("x") == nil)
            let applied = try await storage.updateItems(
                set: ["access": "a"], remove: ["refresh"], ifCurrent: ["refresh": "old", "never": nil])
            #expect(applied)
            #expect(try await storage.getItem("refresh") == nil)
            #expect(try await storage.getItem("access") == "a")
        }
    }

    @Test("Concurrent compare-and-set increments on one key lose no update (the keys are locked)")
    func conditionalUpdatesSerialize() async throws {
        try await TestDatabase.withClient { client in
            let storage = try await TestDatabase.storage(client)
            try await storage.setItem("counter", value: "0")
            let (tasks, increments) = (8, 10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var done = 0
                        while done < increments {
                            let current = try await storage.getItem("counter") ?? "0"
                            let next = String((Int(current) ?? 0) + 1)
                            if try await storage.updateItems(
                                set: ["counter": next], remove: [], ifCurrent: ["counter": current])
                            {
                                done += 1
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await storage.getItem("counter") == String(tasks * increments))
        }
    }

    @Test("The store's mirror and description show the table, never what it holds")
    func mirrorHidesValues() async throws {
        try await TestDatabase.withClient { client in
            let storage = try await TestDatabase.storage(client)
            try await storage.setItem("k", value: "secret-value")
            var dumped = ""
            dump(storage, to: &dumped)
            #expect(dumped.contains(storage.tableName))
            #expect(!dumped.contains("secret-value"))
        }
    }
}
