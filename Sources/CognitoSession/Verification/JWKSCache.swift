import Foundation
import HTTPTypes

/// One pool's signing keys: fetched through the transport, one fetch at a time however many callers
/// wait, refetched for an unknown `kid` at most once per cooldown, and optionally when older than a
/// maximum age. A key already cached keeps working while a refetch fails.
final class JWKSCache: Sendable {
    private struct State {
        var keys: [String: RSAPublicKey] = [:]
        /// When the keys in `keys` were fetched (nil: never).
        var fetchedAt: Date?
        /// When the last fetch began, successful or not: the start of the cooldown.
        var lastAttempt: Date?
        var lastError: CognitoJWTVerifierError?
        var inFlight: Task<Void, any Error>?
    }

    private let url: URL
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private let maximumAge: TimeInterval?
    private let cooldown: TimeInterval
    private let state = Locked(State())

    init(
        url: URL, transport: any HTTPTransport, clock: any WallClock, maximumAge: TimeInterval?,
        cooldown: TimeInterval
    ) {
        self.url = url
        self.transport = transport
        self.clock = clock
        self.maximumAge = maximumAge
        self.cooldown = cooldown
    }

    /// The cached key for `kid`, without any request (nil when not cached).
    func cachedKey(_ kid: String) -> RSAPublicKey? { state.withLock { $0.keys[kid] } }

    /// Fetches the keys now (joining a fetch under way).
    func hydrate() async throws(CognitoJWTVerifierError) {
        let task = state.withLock { state in
            state.inFlight ?? startFetch(&state)
        }
        try await wait(for: task)
    }

    /// The key for `kid`: from the cache, else after one fetch (unless within the cooldown of the last).
    func key(_ kid: String) async throws(CognitoJWTVerifierError) -> RSAPublicKey {
        enum Next {
            case use(RSAPublicKey)
            case refuse(CognitoJWTVerifierError)
            case await(Task<Void, any Error>, fallback: RSAPublicKey?)
        }
        let now = clock.now()
        let next: Next = state.withLock { state in
            if let key = state.keys[kid] {
                guard let maximumAge, let fetchedAt = state.fetchedAt, now.timeIntervalSince(fetchedAt) > maximumAge
                else { return .use(key) }
                if let task = state.inFlight { return .await(task, fallback: key) }
                if let last = state.lastAttempt, now.timeIntervalSince(last) < cooldown { return .use(key) }
                return .await(startFetch(&state), fallback: key)
            }
            if let task = state.inFlight { return .await(task, fallback: nil) }
            if let last = state.lastAttempt, now.timeIntervalSince(last) < cooldown {
                return .refuse(state.fetchedAt == nil ? (state.lastError ?? .unknownKeyID) : .unknownKeyID)
            }
            return .await(startFetch(&state), fallback: nil)
        }
        switch next {
        case .use(let key): return key
        case .refuse(let error): throw error
        case .await(let task, let fallback):
            do {
                try await wait(for: task)
            } catch {
                if let fallback { return fallback }
                throw error
            }
            if let key = cachedKey(kid) { return key }
            if let fallback { return fallback }
            throw .unknownKeyID
        }
    }

    private func wait(for task: Task<Void, any Error>) async throws(CognitoJWTVerifierError) {
        do {
            try await task.value
        } catch let error as CognitoJWTVerifierError {
            throw error
        } catch {
            throw .jwksFetchFailed("\(error)", retryable: true)
        }
    }

    /// Starts the one fetch; the caller holds the lock.
    private func startFetch(_ current: inout State) -> Task<Void, any Error> {
        current.lastAttempt = clock.now()
        let task = Task { [self] in
            do throws(CognitoJWTVerifierError) {
                let keys = try await fetch()
                state.withLock {
                    $0.keys = keys
                    $0.fetchedAt = clock.now()
                    $0.lastError = nil
                    $0.inFlight = nil
                }
            } catch {
                state.withLock {
                    $0.lastError = error
                    $0.inFlight = nil
                }
                throw error
            }
        }
        current.inFlight = task
        return task
    }

    private func fetch() async throws(CognitoJWTVerifierError) -> [String: RSAPublicKey] {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = (components?.percentEncodedPath).flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        let query = components?.percentEncodedQuery.map { "?" + $0 } ?? ""
        components?.percentEncodedQuery = nil
        let authority = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host }
        var fields = HTTPFields()
        fields[.accept] = "application/json"
        let request = HTTPRequest(
            method: .get, scheme: url.scheme, authority: authority, path: path + query, headerFields: fields)
        let response: HTTPResponse
        let body: Data
        do {
            (response, body) = try await transport.send(request, body: Data())
        } catch let error as HTTPTransportError {
            throw .jwksFetchFailed("\(error)", retryable: error.isRetryable)
        } catch {
            throw .jwksFetchFailed(String(describing: type(of: error)), retryable: true)
        }
        let status = response.status.code
        guard status == 200 else {
            throw .jwksFetchFailed("HTTP \(status)", retryable: status == 429 || status >= 500)
        }
        return try JWKSDocument.keys(in: body)
    }
}
