import CognitoSessionPostgres
import Foundation
import Logging
import PostgresNIO
import Testing

/// The PostgreSQL database these tests use: `COGNITO_POSTGRES_URL` (scripts/test.sh starts a
/// server with scripts/postgres.sh and sets it), else a server this test process starts for
/// itself, once, shared by every test; the tests are skipped, with the reason, only when neither
/// is possible (no PostgreSQL installed: run scripts/postgres.sh install).
enum TestDatabase {
    static let urlVariable = "COGNITO_POSTGRES_URL"

    /// Longer than the store's default (10 s): the whole suite runs in parallel on two cores, and a test
    /// here is about what the store does, not how fast a busy machine answers.
    static let operationTimeout: Duration = .seconds(60)

    /// Why the tests do not run, if they do not.
    static let skipReason: String? = {
        if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty { return nil }
        if PostgresServer.isAvailable { return nil }
        return "PostgreSQL is not installed (no initdb): run scripts/postgres.sh install, or set \(urlVariable)"
    }()

    /// Whether the tests can run.
    static var isAvailable: Bool { skipReason == nil }

    /// The database's URL, starting the shared server if no test has yet.
    static func url() async throws -> String {
        if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty { return url }
        return try await shared.server().url
    }

    private static let shared = SharedServer()

    private actor SharedServer {
        private var starting: Task<PostgresServer, any Error>?
        func server() async throws -> PostgresServer {
            if let starting { return try await starting.value }
            let task = Task { try await PostgresServer() }
            starting = task
            return try await task.value
        }
    }

    /// The client configuration for `url` (`postgres://USER@HOST:PORT/DATABASE`, no TLS).
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), components.scheme == "postgres",
            let host = components.host, let user = components.user
        else { throw PostgresSetupError("\(urlVariable)=\(url) is not postgres://USER@HOST:PORT/DATABASE") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Runs `body` with a running client of the database at `url` (default: the tests' database).
    static func withClient<T: Sendable>(
        url: String? = nil, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let resolved: String
        if let url { resolved = url } else { resolved = try await self.url() }
        let client = PostgresClient(configuration: try configuration(resolved))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// A table name no other test uses.
    static func uniqueTableName() -> String {
        "cs_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// A migrated store in a table of its own.
    static func storage(_ client: PostgresClient) async throws -> PostgresSessionStorage {
        let storage = PostgresSessionStorage(
            client: client, tableName: uniqueTableName(), operationTimeout: operationTimeout)
        try await storage.migrate()
        return storage
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the suite against PostgreSQL, unless none can be had (`TestDatabase.skipReason`); Swift
    /// Testing then reports each test as skipped, with the reason (scripts/test.sh fails on that).
    static var againstPostgres: Self {
        .disabled(if: TestDatabase.skipReason != nil, Comment(rawValue: TestDatabase.skipReason ?? ""))
    }
}
