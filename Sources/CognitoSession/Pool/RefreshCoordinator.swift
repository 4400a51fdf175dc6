/// Makes sure a user's session is refreshed by exactly one request at a time, whoever asks.
///
/// Every caller that finds the session expired while a refresh for the same user is under way
/// waits for that refresh instead of starting its own — also callers holding different
/// ``CognitoUser`` values for the same user, since the pool owns the coordinator. The refresh runs
/// in a task of its own: a waiter that is cancelled stops waiting (with `CancellationError`)
/// without cancelling the refresh for the others. A finished refresh, failed or not, is
/// forgotten at once, so the next caller after a failure tries again.
///
/// A waiter costs one continuation in the flight's table: when the refresh ends, the coordinator
/// resumes them all itself (no task per waiter), so a burst of callers costs about what as many
/// tasks awaiting one shared task cost.
actor RefreshCoordinator {
    private typealias Waiter = CheckedContinuation<CognitoUserSession, any Error>

    private struct Flight {
        let id: Int
        var waiters: [Int: Waiter] = [:]
    }

    private var inFlight: [UserKey: Flight] = [:]
    private var nextID = 0

    /// The result of the refresh in flight for `key`, or of a new one made with `refresh`.
    func session(
        for key: UserKey, refresh: @escaping @Sendable () async throws -> CognitoUserSession
    ) async throws -> CognitoUserSession {
        try Task.checkCancellation()
        let flightID: Int
        if let flight = inFlight[key] {
            flightID = flight.id
        } else {
            nextID += 1
            flightID = nextID
            inFlight[key] = Flight(id: flightID)
            Task {
                let result = await Result { try await refresh() }
                self.finish(key, flightID, result)
            }
        }
        nextID += 1
        let waiterID = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                inFlight[key]?.waiters[waiterID] = continuation
            }
        } onCancel: {
            Task { await self.cancel(key, flightID, waiterID) }
        }
    }

    /// Whether a refresh for `key` is under way (for tests).
    func isInFlight(_ key: UserKey) -> Bool { inFlight[key] != nil }

    private func finish(_ key: UserKey, _ id: Int, _ result: Result<CognitoUserSession, any Error>) {
        guard let flight = inFlight[key], flight.id == id else { return }
        inFlight[key] = nil
        for waiter in flight.waiters.values { waiter.resume(with: result) }
    }

    /// Stops one waiter with `CancellationError`, if it is still waiting; the refresh goes on.
    private func cancel(_ key: UserKey, _ flightID: Int, _ waiterID: Int) {
        guard inFlight[key]?.id == flightID, let waiter = inFlight[key]?.waiters.removeValue(forKey: waiterID) else {
            return
        }
        waiter.resume(throwing: CancellationError())
    }
}

extension Result where Failure == any Error {
    /// The result of `body`.
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
