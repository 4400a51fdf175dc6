/// The in-process ``RefreshCoordinating``: one asynchronous mutex per lease name, granted in the
/// order it was asked for.
///
/// A waiter that is cancelled, or whose timeout passes, leaves the queue at once (with
/// `CancellationError` or ``RefreshLeaseError/timedOut``) and never runs its body. A lease is
/// released when the body returns or throws; as the holder is a task of this process, a process
/// that dies takes its leases with it. Names are compared by their UTF-8 bytes.
public actor InProcessRefreshCoordinator: RefreshCoordinating {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
        var timer: Task<Void, Never>?
    }

    /// The waiters for each held lease, oldest first; a name is present while its lease is held.
    private var queues: [ExactKey: [Waiter]] = [:]
    private var nextID = 0

    /// A coordinator with no lease held.
    public init() {}

    /// Runs `body` holding the lease `name`, after waiting at most `timeout` for it.
    public func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let key = ExactKey(name)
        try await acquire(key, timeout: timeout)
        do {
            let value = try await body()
            release(key)
            return value
        } catch {
            release(key)
            throw error
        }
    }

    /// Whether the lease `name` is held now (for tests).
    package func isHeld(_ name: String) -> Bool { queues[ExactKey(name)] != nil }

    /// How many callers wait for the lease `name` (for tests).
    package func waiting(for name: String) -> Int { queues[ExactKey(name)]?.count ?? 0 }

    private func acquire(_ key: ExactKey, timeout: Duration) async throws {
        try Task.checkCancellation()
        guard queues[key] != nil else {
            queues[key] = []
            return
        }
        nextID += 1
        let id = nextID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let timer = Task { [weak self] in
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    await self?.remove(key, id, RefreshLeaseError.timedOut(name: key.string, after: timeout))
                }
                queues[key, default: []].append(Waiter(id: id, continuation: continuation, timer: timer))
            }
        } onCancel: {
            Task { await self.remove(key, id, CancellationError()) }
        }
    }

    /// Takes waiter `id` out of the queue, if it is still there, and fails it with `error`.
    private func remove(_ key: ExactKey, _ id: Int, _ error: any Error) {
        guard let index = queues[key]?.firstIndex(where: { $0.id == id }),
            let waiter = queues[key]?.remove(at: index)
        else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(throwing: error)
    }

    /// Hands the lease to the oldest waiter, or frees it.
    private func release(_ key: ExactKey) {
        guard var waiters = queues[key], !waiters.isEmpty else {
            queues[key] = nil
            return
        }
        let next = waiters.removeFirst()
        queues[key] = waiters
        next.timer?.cancel()
        next.continuation.resume()
    }
}
