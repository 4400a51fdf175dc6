import Foundation

/// The client-credentials tokens of one ``CognitoOAuth2Client``, per scope set, with one renewal in flight per set.
actor ClientCredentialsCache {
    typealias Fetched = (token: CognitoAccessToken, issued: Date, expiry: Date)
    typealias Fetch = @Sendable () async throws -> Fetched

    private struct Entry {
        var token: CognitoAccessToken?
        var renewAt = Date.distantPast
        var expiry = Date.distantPast
        var renewal: Task<CognitoAccessToken, any Error>?
    }

    private let clock: any WallClock
    private var entries: [String: Entry] = [:]

    init(clock: any WallClock) { self.clock = clock }

    /// The cached token while it is not due for renewal; otherwise the shared renewal's result, or the cached
    /// token when that renewal fails retryably and the token has not expired.
    func token(for key: String, margin: TimeInterval, fetch: @escaping Fetch) async throws -> CognitoAccessToken {
        var entry = entries[key] ?? Entry()
        if let token = entry.token, clock.now() < entry.renewAt { return token }
        let renewal: Task<CognitoAccessToken, any Error>
        if let running = entry.renewal {
            renewal = running
        } else {
            renewal = Task { [weak self] in
                do {
                    let fetched = try await fetch()
                    await self?.store(fetched, for: key, margin: margin)
                    return fetched.token
                } catch {
                    await self?.clearRenewal(for: key)
                    throw error
                }
            }
            entry.renewal = renewal
            entries[key] = entry
        }
        do {
            return try await Self.wait(for: renewal)
        } catch let error as any CognitoSessionError where error.isRetryable {
            if let current = entries[key], let token = current.token, clock.now() < current.expiry { return token }
            throw error
        }
    }

    private func store(_ fetched: Fetched, for key: String, margin: TimeInterval) {
        let lifetime = fetched.expiry.timeIntervalSince(fetched.issued)
        let renewAt = max(fetched.issued.addingTimeInterval(lifetime / 2), fetched.expiry.addingTimeInterval(-margin))
        entries[key] = Entry(token: fetched.token, renewAt: renewAt, expiry: fetched.expiry, renewal: nil)
    }

    private func clearRenewal(for key: String) { entries[key]?.renewal = nil }

    /// The renewal's result, or `CancellationError` as soon as the waiting task is cancelled; the renewal itself
    /// runs on for the other callers.
    private static func wait(for renewal: Task<CognitoAccessToken, any Error>) async throws -> CognitoAccessToken {
        let waiter = Waiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiter.start(continuation)
                Task { waiter.finish(await renewal.result) }
            }
        } onCancel: {
            waiter.finish(.failure(CancellationError()))
        }
    }
}

/// One waiter's continuation, resumed exactly once: by the renewal's result or by cancellation, whichever is first.
private final class Waiter: @unchecked Sendable {
    // @unchecked: `continuation` and `early` are only touched with `lock` held.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<CognitoAccessToken, any Error>?
    private var early: Result<CognitoAccessToken, any Error>?
    private var done = false

    func start(_ continuation: CheckedContinuation<CognitoAccessToken, any Error>) {
        let result: Result<CognitoAccessToken, any Error>? = lock.withLock {
            if let early {
                done = true
                return early
            }
            self.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    func finish(_ result: Result<CognitoAccessToken, any Error>) {
        let continuation: CheckedContinuation<CognitoAccessToken, any Error>? = lock.withLock {
            guard !done else { return nil }
            guard let waiting = self.continuation else {
                if early == nil { early = result }
                return nil
            }
            done = true
            self.continuation = nil
            return waiting
        }
        continuation?.resume(with: result)
    }
}
