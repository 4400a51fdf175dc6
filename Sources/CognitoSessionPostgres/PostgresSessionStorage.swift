import CognitoSession
import Foundation
import Logging
import PostgresNIO

/// A `SessionStorage` in one PostgreSQL table, shared by every process and machine
/// that uses the same database: the sessions of a fleet of server instances.
///
/// ```swift
/// let client = PostgresClient(configuration: .init(
///     host: "db.internal", port: 5432, username: "app", password: password, database: "app", tls: .disable))
/// let sessions = PostgresSessionStorage(client: client, tableName: "cognito_session_items")
/// // client.run() must be running (in a task or a ServiceGroup) for as long as the store is used.
/// try await sessions.migrate()
/// let pool = try CognitoUserPool(userPoolId: poolId, clientId: clientId, storage: sessions)
/// ```
///
/// The table holds the keys of amazon-cognito-identity-js (`StorageKeys`), one row per key:
/// `key bytea PRIMARY KEY` (the key's UTF-8 bytes, so keys compare byte for byte), `value text`,
/// `updated_at timestamptz`. ``migrate()`` creates it if it does not exist.
///
/// ``updateItems(set:remove:)`` and ``updateItems(set:remove:ifCurrent:)`` run in one transaction, under
/// transaction-level advisory locks on the keys they touch (taken in a fixed order), so concurrent
/// updates of the same keys apply one after the other and a reader sees all or none of one;
/// ``supportsAtomicUpdates`` is `true`. ``setItem(_:value:)`` and ``removeItem(_:)`` are one-key updates.
///
/// Every statement is parameterized; the table name, the only part spelled into the SQL, is accepted
/// only as one or two (`schema.table`) plain identifiers and is quoted (so it is case-sensitive). A
/// name that is not accepted makes every call throw ``PostgresSessionStorageError/invalidTableName``.
///
/// Errors are ``PostgresSessionStorageError``: when the database cannot be reached within
/// ``operationTimeout`` or the connection is lost, ``PostgresSessionStorageError/unavailable``
/// (retryable); nothing stored is discarded on any failure.
///
/// It also coordinates refreshes across processes and machines (``withRefreshLease(named:timeout:_:)``),
/// so a `CognitoUserPool` using it makes one refresh for all of them.
public struct PostgresSessionStorage: SessionStorage {
    /// The client the store queries; its `run()` must be running while the store is used.
    public let client: PostgresClient

    /// The table, as given.
    public let tableName: String

    /// How long one call may wait for a connection and its statements before it throws
    /// ``PostgresSessionStorageError/unavailable``. While the database is down, PostgresNIO keeps
    /// trying to connect and would otherwise make a call wait until it is back.
    public var operationTimeout: Duration

    /// The logger the client's transactions log to.
    public var logger: Logger

    /// The table name quoted for SQL, or nil when it is not accepted.
    let quotedTable: String?

    /// Queues this process's waiters for a lease, so that one of them at a time holds a connection.
    let localLeases = InProcessRefreshCoordinator()

    /// The first half of the advisory lock key of every row lock of this table (see ``AdvisoryLockKey``).
    let tableLockSpace: Int32

    /// A store in `tableName` (created by ``migrate()``) of the database `client` connects to.
    ///
    /// - Parameters:
    ///   - client: A client whose `run()` runs for as long as the store is used.
    ///   - tableName: A plain identifier, or `schema.table`.
    ///   - operationTimeout: How long a call waits for the database before it throws
    ///     ``PostgresSessionStorageError/unavailable``.
    ///   - logger: Where the client logs the store's transactions (nothing by default).
    public init(
        client: PostgresClient, tableName: String = "cognito_session_items", operationTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "CognitoSessionPostgres", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.client = client
        self.tableName = tableName
        self.operationTimeout = operationTimeout
        self.logger = logger
        quotedTable = TableName.quoted(tableName)
        tableLockSpace = AdvisoryLockKey.rowLockSpace(table: tableName)
    }

    /// True: ``updateItems(set:remove:)`` runs in one transaction.
    public var supportsAtomicUpdates: Bool { true }

    /// Creates the table if it does not exist (safe to call from many processes at once, and on every start).
    public func migrate() async throws {
        try await perform("migrate") { table in
            try await client.withTransaction(logger: logger) { connection in
                // Concurrent CREATE TABLE IF NOT EXISTS can collide in the catalog: one at a time.
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(tableLockSpace), 0)", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS \(unescaped: table) (
                        key bytea PRIMARY KEY,
                        value text NOT NULL,
                        updated_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
            }
        }
    }

    /// The value stored under `key` (compared byte for byte), or nil.
    public func getItem(_ key: String) async throws -> String? {
        try await perform("getItem") { table in
            let rows = try await client.query(
                "SELECT value FROM \(unescaped: table) WHERE key = \(Self.bytes(key))", logger: logger)
            return try await Self.first(String.self, of: rows)
        }
    }

    /// Stores `value` under `key`.
    public func setItem(_ key: String, value: String) async throws {
        try await updateItems(set: [key: value], remove: [])
    }

    /// Removes `key`; a missing key is not an error.
    public func removeItem(_ key: String) async throws {
        try await updateItems(set: [:], remove: [key])
    }

    /// Removes every row of the table.
    public func clear() async throws {
        try await perform("clear") { table in
            _ = try await client.query("DELETE FROM \(unescaped: table)", logger: logger)
        }
    }

    /// Removes `remove`, then stores `set`, in one transaction.
    public func updateItems(set: [String: String], remove: [String]) async throws {
        _ = try await update("updateItems", set: set, remove: remove, ifCurrent: nil)
    }

    /// Applies `set` and `remove` only if every key in `expected` holds exactly the given value (nil:
    /// absent), in one transaction that locks those keys first; returns whether it applied them.
    public func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) async throws -> Bool {
        try await update("updateItems(ifCurrent:)", set: set, remove: remove, ifCurrent: expected)
    }

    // MARK: - Statements

    private func update(
        _ operation: String, set: [String: String], remove: [String], ifCurrent expected: [String: String?]?
    ) async throws -> Bool {
        let touched = Array(set.keys) + remove + Array((expected ?? [:]).keys)
        if touched.isEmpty { return true }
        let locks = AdvisoryLockKey.rowLocks(keys: touched)
        // Not filtered by `set`: a String dictionary would match a canonically equivalent, byte-distinct key.
        let removed = remove.map(Self.bytes)
        let setKeys = set.keys.map(Self.bytes)
        let setValues = Array(set.values)
        return try await perform(operation) { table in
            try await client.withTransaction(logger: logger) { connection -> Bool in
                // Every writer of a key holds its lock until commit, taken in ascending order: no deadlock.
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(tableLockSpace), lock) FROM unnest(\(locks)::int4[]) AS lock",
                    logger: logger)
                if let expected, !expected.isEmpty {
                    let rows = try await connection.query(
                        """
                        SELECT key, value FROM \(unescaped: table) WHERE key = ANY(\(expected.keys.map(Self.bytes)))
                        FOR UPDATE
                        """, logger: logger)
                    var current: [[UInt8]: String] = [:]
                    for try await (key, value) in rows.decode((ByteBuffer, String).self) {
                        current[Array(key.readableBytesView)] = value
                    }
                    // Values compare by their bytes too, not by canonical equivalence.
                    for (key, value) in expected
                    where current[Array(key.utf8)].map({ Array($0.utf8) }) != value.map({ Array($0.utf8) }) {
                        return false
                    }
                }
                if !removed.isEmpty {
                    try await connection.query(
                        "DELETE FROM \(unescaped: table) WHERE key = ANY(\(removed))", logger: logger)
                }
                if !setKeys.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO \(unescaped: table) (key, value, updated_at)
                        SELECT key, value, now() FROM unnest(\(setKeys)::bytea[], \(setValues)::text[]) AS item(key, value)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                        """, logger: logger)
                }
                return true
            }
        }
    }

    /// Runs `body` with the quoted table name within ``operationTimeout``, turning every failure into a
    /// ``PostgresSessionStorageError`` (or `CancellationError`).
    func perform<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        guard let table = quotedTable else { throw PostgresSessionStorageError.invalidTableName(tableName) }
        let timeout = operationTimeout
        do {
            return try await Self.race(timeout: timeout) { try await body(table) }
        } catch is OperationTimedOut {
            throw PostgresSessionStorageError.unavailable(
                operation, table: tableName, reason: "no answer from the database within \(timeout)")
        } catch {
            throw PostgresSessionStorageError.from(error, operation: operation, table: tableName)
        }
    }

    /// The first row's value (reading every row, which ends the query).
    static func first<Value: PostgresDecodable & Sendable>(
        _ type: Value.Type, of rows: PostgresRowSequence
    ) async throws -> Value? {
        var first: Value?
        for try await value in rows.decode(Value.self) where first == nil { first = value }
        return first
    }

    /// A key as the bytes of its UTF-8, for the `bytea` column.
    static func bytes(_ key: String) -> ByteBuffer { ByteBuffer(bytes: Array(key.utf8)) }
}

private struct OperationTimedOut: Error {}

extension PostgresSessionStorage {
    /// `work`'s result, or `OperationTimedOut` after `timeout`, or `CancellationError` when the caller is
    /// cancelled, whichever comes first: the caller returns on time even if `work` does not react to
    /// cancellation (a statement on a connection that hangs); `work` is then cancelled and left to end.
    static func race<T: Sendable>(
        timeout: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                outcome.start(continuation)
                outcome.add(
                    Task {
                        do { outcome.finish(.success(try await work())) } catch { outcome.finish(.failure(error)) }
                    })
                outcome.add(
                    Task {
                        try await Task.sleep(for: timeout)
                        outcome.finish(.failure(OperationTimedOut()))
                    })
            }
        } onCancel: {
            outcome.finish(.failure(CancellationError()))
        }
    }
}

/// The first result of a ``PostgresSessionStorage/race(timeout:_:)``; the tasks still running are cancelled then.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    // @unchecked: every property is only touched under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var result: Result<T, any Error>?
    private var tasks: [Task<Void, any Error>] = []

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = lock.withLock {
            if let result { return result }
            self.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func add(_ task: Task<Void, any Error>) {
        let finished = lock.withLock {
            tasks.append(task)
            return result != nil
        }
        if finished { task.cancel() }
    }

    func finish(_ outcome: Result<T, any Error>) {
        let (waiting, running): (CheckedContinuation<T, any Error>?, [Task<Void, any Error>]) = lock.withLock {
            guard result == nil else { return (nil, []) }
            result = outcome
            defer { continuation = nil }
            return (continuation, tasks)
        }
        waiting?.resume(with: outcome)
        for task in running { task.cancel() }
    }
}

extension PostgresSessionStorage: CustomReflectable {
    /// The table and the timeout; nothing of what the table holds.
    public var customMirror: Mirror {
        Mirror(self, children: ["tableName": tableName, "operationTimeout": operationTimeout], displayStyle: .struct)
    }
}
