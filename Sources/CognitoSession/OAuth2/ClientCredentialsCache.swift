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
            return try await renewal.value
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
}
