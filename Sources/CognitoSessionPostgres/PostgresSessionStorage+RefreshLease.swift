import CognitoSession
import Foundation
import PostgresNIO

extension PostgresSessionStorage: RefreshCoordinating {
    /// Runs `body` while holding the lease `name` among every process and machine using the database.
    ///
    /// The lease is a PostgreSQL session-level advisory lock on the key ``leaseLockKey(for:)``, held on
    /// a connection leased from the client for as long as `body` runs: released with
    /// `pg_advisory_unlock` when `body` returns or throws, and by the server when the connection drops
    /// or its process dies. Waiting queues first in this process (one waiter per name uses a
    /// connection), then polls `pg_try_advisory_lock` with a growing pause (5 ms to 100 ms).
    ///
    /// - Throws: `RefreshLeaseError.timedOut` when another holder keeps the lease past `timeout`;
    ///   ``PostgresSessionStorageError/unavailable`` when no connection comes within ``operationTimeout``;
    ///   `CancellationError` when the caller is cancelled while waiting; or what `body` throws.
    public func withRefreshLease<Result: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        guard quotedTable != nil else { throw PostgresSessionStorageError.invalidTableName(tableName) }
        let deadline = ContinuousClock.now + timeout
        return try await localLeases.withRefreshLease(named: name, timeout: timeout) {
            try await withDatabaseLease(named: name, timeout: timeout, deadline: deadline, body)
        }
    }

    /// The advisory lock key of the lease `name`: the 64-bit FNV-1a hash of its UTF-8 bytes, as a signed
    /// `bigint` (`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1` lists holders;
    /// the key's high and low 32 bits are their `classid` and `objid`).
    public static func leaseLockKey(for name: String) -> Int64 { AdvisoryLockKey.lease(name) }

    private func withDatabaseLease<Result: Sendable>(
        named name: String, timeout: Duration, deadline: ContinuousClock.Instant,
        _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let key = AdvisoryLockKey.lease(name)
        let state = LeaseState()
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        try await hold(
                            key, name: name, on: connection, state: state, timeout: timeout, deadline: deadline, body)
                    }
                }
                // PostgresNIO waits for a connection until the database is back: give up after the
                // store's operationTimeout unless a connection came by then (the lease deadline then
                // bounds the polling, and the body runs to its end).
                let connectionTimeout = operationTimeout
                group.addTask {
                    try? await Task.sleep(for: connectionTimeout)
                    if state.move(from: .connecting, to: .abandoned) { throw LeaseWaitExpired() }
                    return nil
                }
                defer { group.cancelAll() }
                do {
                    while let next = try await group.next() {
                        if let result = next { return result }
                    }
                    throw CancellationError()
                } catch is LeaseWaitExpired {
                    throw PostgresSessionStorageError.unavailable(
                        "withRefreshLease", table: tableName,
                        reason: "no database connection within \(connectionTimeout)")
                } catch let error as RefreshLeaseError {
                    throw error
                } catch  where Task.isCancelled && !state.is(.held) {
                    throw CancellationError()
                } catch let error where !state.is(.held) {
                    // Failed before the body ran (getting a connection or the lock): the store's error.
                    throw PostgresSessionStorageError.from(error, operation: "withRefreshLease", table: tableName)
                }
            }
        }
    }

    /// Takes the lock on `connection` (polling until `deadline`), runs `body`, releases the lock.
    private func hold<Result: Sendable>(
        _ key: Int64, name: String, on connection: PostgresConnection, state: LeaseState, timeout: Duration,
        deadline: ContinuousClock.Instant, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        // The caller gave up waiting for this connection: nothing to do.
        guard state.move(from: .connecting, to: .polling) else { throw LeaseWaitExpired() }
        var pause = Duration.milliseconds(5)
        while true {
            try Task.checkCancellation()
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
            if try await Self.first(Bool.self, of: rows) == true { break }
            if ContinuousClock.now >= deadline {
                throw RefreshLeaseError.timedOut(name: name, after: timeout)
            }
            try await Task.sleep(for: min(pause, deadline - ContinuousClock.now))
            pause = min(pause * 2, .milliseconds(100))
        }
        _ = state.move(from: .polling, to: .held)
        do {
            let result = try await body()
            await release(key, on: connection)
            return result
        } catch {
            await release(key, on: connection)
            throw error
        }
    }

    /// Releases the lock; if that fails, closes the connection, which makes the server release it.
    private func release(_ key: Int64, on connection: PostgresConnection) async {
        var released = false
        do {
            let rows = try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
            released = try await Self.first(Bool.self, of: rows) == true
        } catch {}
        if !released { try? await connection.close() }
    }
}

/// Where one lease request is: connecting (waiting for a connection), polling (for the lock), held (the
/// body runs), or abandoned (the caller gave up waiting for a connection: one that comes now is unused).
private final class LeaseState: @unchecked Sendable {
    // @unchecked: `phase` is only read and written under `lock`.
    enum Phase { case connecting, polling, held, abandoned }
    private let lock = NSLock()
    private var phase = Phase.connecting

    /// Moves to `next` if the request is at `expected`; returns whether it did.
    func move(from expected: Phase, to next: Phase) -> Bool {
        lock.withLock {
            guard phase == expected else { return false }
            phase = next
            return true
        }
    }

    func `is`(_ expected: Phase) -> Bool { lock.withLock { phase == expected } }
}

private struct LeaseWaitExpired: Error {}
