/// Makes sure a user's session is refreshed by exactly one request at a time, whoever asks.
///
/// Every caller that finds the session expired while a refresh for the same user is under way
/// waits for that refresh instead of starting its own — also callers holding different
/// ``CognitoUser`` values for the same user, since the pool owns the coordinator. The refresh runs
/// in a task of its own: a waiter that is cancelled stops waiting (with `CancellationError`)
/// without cancelling the refresh for the others. A finished refresh, failed or not, is
/// forgotten at once, so the next caller after a failure tries again.
actor RefreshCoordinator {
    private var inFlight: [UserKey: (id: Int, task: Task<CognitoUserSession, any Error>)] = [:]
    private var nextID = 0

    /// The result of the refresh in flight for `key`, or of a new one made with `refresh`.
    func session(
        for key: UserKey, refresh: @escaping @Sendable () async throws -> CognitoUserSession
    ) async throws -> CognitoUserSession {
        let task: Task<CognitoUserSession, any Error>
        if let flight = inFlight[key] {
            task = flight.task
        } else {
            nextID += 1
            let id = nextID
            task = Task {
                do {
                    let session = try await refresh()
                    self.finish(key, id)
                    return session
                } catch {
                    self.finish(key, id)
                    throw error
                }
            }
            inFlight[key] = (id, task)
        }
        return try await Self.wait(for: task)
    }

    private func finish(_ key: UserKey, _ id: Int) {
        if inFlight[key]?.id == id { inFlight[key] = nil }
    }

    /// Waits for `task`, but gives up with `CancellationError` as soon as the waiting task is
    /// cancelled; the shared task itself goes on.
    private static func wait(for task: Task<CognitoUserSession, any Error>) async throws -> CognitoUserSession {
        let slot = ContinuationSlot()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard slot.install(continuation) else { return }
                Task { slot.resume(with: await task.result) }
            }
        } onCancel: {
            slot.resume(with: .failure(CancellationError()))
        }
    }
}

/// A continuation resumed exactly once, by whichever comes first: the result or cancellation.
private final class ContinuationSlot: Sendable {
    private enum State {
        case waiting
        case installed(CheckedContinuation<CognitoUserSession, any Error>)
        case done
    }

    private let state = Locked(State.waiting)

    /// Installs the continuation; returns false (after resuming it) when cancelled already.
    func install(_ continuation: CheckedContinuation<CognitoUserSession, any Error>) -> Bool {
        let cancelledEarly = state.withLock { state -> Bool in
            if case .done = state { return true }
            state = .installed(continuation)
            return false
        }
        if cancelledEarly { continuation.resume(throwing: CancellationError()) }
        return !cancelledEarly
    }

    func resume(with result: Result<CognitoUserSession, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<CognitoUserSession, any Error>? in
            defer { state = .done }
            if case .installed(let continuation) = state { return continuation }
            return nil
        }
        continuation?.resume(with: result)
    }
}
