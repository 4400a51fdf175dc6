import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

@Suite("OAuth2 client credentials: cache per scope set, early renewal, single flight, stale-while-failing")
struct ClientCredentialsTests {
    typealias F = OAuth2Fixture

    /// Answers a client-credentials token that expires an hour after the clock's now, numbered by request.
    static func issuing(_ clock: ManualClock, counter: OAuth2Counter) -> OAuth2Transport.Handler {
        { _, body in
            let number = counter.next()
            let scope = F.form(body)["scope"] ?? ""
            let exp = Int(clock.now().timeIntervalSince1970) + 3600
            let token = F.accessToken(exp: exp, scope: scope, jti: "t\(number)")
            return F.json(#"{"access_token":"\#(token)","token_type":"Bearer","expires_in":3600}"#)
        }
    }

    @Test("the request: Basic auth, grant_type=client_credentials, sorted scopes; cached per sorted scope set")
    func requestAndCache() async throws {
        let clock = ManualClock(now: F.now)
        let counter = OAuth2Counter()
        let transport = OAuth2Transport(Self.issuing(clock, counter: counter))
        let client = try F.client(transport: transport, clock: clock)
        let first = try await client.clientCredentials(scopes: ["orders/write", "orders/read"])
        let sent = try #require(await transport.requests.first)
        #expect(sent.request.path == "/oauth2/token")
        #expect(sent.request.headerFields[.authorization]?.hasPrefix("Basic ") == true)
        #expect(F.form(sent.body) == ["grant_type": "client_credentials", "scope": "orders/read orders/write"])
        let again = try await client.clientCredentials(scopes: ["orders/read", "orders/write", "orders/read"])
        #expect(again == first)
        #expect(await transport.requests.count == 1)
        _ = try await client.clientCredentials(scopes: ["orders/read"])
        #expect(await transport.requests.count == 2)
    }

    @Test("renewed before expiry minus the margin and jitter, not at the last second")
    func earlyRenewal() async throws {
        let clock = ManualClock(now: F.now)
        let counter = OAuth2Counter()
        let transport = OAuth2Transport(Self.issuing(clock, counter: counter))
        // unitRandom 1: the whole jitter, renewal at 3600 - 300 - 60 = 3240 s
        let client = try F.client(transport: transport, clock: clock, unitRandom: 1)
        let first = try await client.clientCredentials(scopes: ["a"])
        clock.advance(by: 3239)
        #expect(try await client.clientCredentials(scopes: ["a"]) == first)
        clock.advance(by: 2)
        #expect(try await client.clientCredentials(scopes: ["a"]) != first)
        #expect(await transport.requests.count == 2)
    }

    @Test("1,000 concurrent callers with an expired cached token make one token request")
    func thousandCallers() async throws {
        let clock = ManualClock(now: F.now)
        let counter = OAuth2Counter()
        let transport = OAuth2Transport(Self.issuing(clock, counter: counter))
        let client = try F.client(transport: transport, clock: clock)
        let first = try await client.clientCredentials(scopes: ["orders/read"])
        clock.advance(by: 4000)
        let gate = OAuth2Gate()
        let inner = Self.issuing(clock, counter: counter)
        await transport.setHandler { request, body in
            await gate.wait()
            return try await inner(request, body)
        }
        let tokens = try await withThrowingTaskGroup(of: CognitoAccessToken.self) { group in
            for _ in 0..<1000 { group.addTask { try await client.clientCredentials(scopes: ["orders/read"]) } }
            while await transport.requests.count < 2 { await Task.yield() }
            for _ in 0..<50 { await Task.yield() }
            await gate.release()
            var tokens: [CognitoAccessToken] = []
            for try await token in group { tokens.append(token) }
            return tokens
        }
        #expect(tokens.count == 1000)
        #expect(Set(tokens).count == 1 && tokens[0] != first)
        #expect(await transport.requests.count == 2)
    }

    @Test("while a renewal fails transiently the still-valid cached token is served; once expired, the error")
    func staleWhileFailing() async throws {
        let clock = ManualClock(now: F.now)
        let counter = OAuth2Counter()
        let transport = OAuth2Transport(Self.issuing(clock, counter: counter))
        let client = try F.client(transport: transport, clock: clock)
        let first = try await client.clientCredentials(scopes: ["a"])
        clock.advance(by: 3400)
        await transport.setHandler { _, _ in F.json(#"{"error":"server_error"}"#, status: .serviceUnavailable) }
        #expect(try await client.clientCredentials(scopes: ["a"]) == first)
        await transport.setHandler { _, _ in throw HTTPTransportError.timedOut }
        #expect(try await client.clientCredentials(scopes: ["a"]) == first)
        await transport.setHandler { _, _ in F.json(#"{"error":"invalid_client"}"#, status: .badRequest) }
        await #expect(throws: CognitoOAuth2Error.invalidClient) { try await client.clientCredentials(scopes: ["a"]) }
        clock.advance(by: 300)
        await transport.setHandler { _, _ in F.json(#"{"error":"server_error"}"#, status: .serviceUnavailable) }
        await #expect(throws: CognitoOAuth2Error.self) { try await client.clientCredentials(scopes: ["a"]) }
        #expect(await transport.requests.count == 5)
    }

    @Test("a cancelled caller returns at once and does not cancel the shared renewal for the others")
    func cancellation() async throws {
        let clock = ManualClock(now: F.now)
        let counter = OAuth2Counter()
        let gate = OAuth2Gate()
        let cancelledInside = OAuth2Counter()
        let inner = Self.issuing(clock, counter: counter)
        let transport = OAuth2Transport { request, body in
            await gate.wait()
            if Task.isCancelled { _ = cancelledInside.next() }
            return try await inner(request, body)
        }
        let client = try F.client(transport: transport, clock: clock)
        let first = Task { try await client.clientCredentials(scopes: ["a"]) }
        while await transport.requests.isEmpty { await Task.yield() }
        let firstEnded = OAuth2Counter()
        let watcher = Task {
            let result = await first.result
            _ = firstEnded.next()
            return result
        }
        first.cancel()
        let second = Task { try await client.clientCredentials(scopes: ["a"]) }
        // The cancelled caller returns at once, while the shared request is still held at the gate.
        for _ in 0..<10_000 where firstEnded.value == 0 { await Task.yield() }
        #expect(firstEnded.value == 1, "the cancelled caller was still waiting for the renewal")
        await gate.release()
        let token = try await second.value
        let firstResult = await watcher.value
        #expect(throws: CancellationError.self) { try firstResult.get() }
        #expect(token.jti == "t1")
        #expect(cancelledInside.value == 0)
        #expect(await transport.requests.count == 1)
    }
}

/// A thread-safe counter for handlers.
final class OAuth2Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// Increments and returns the new count.
    func next() -> Int {
        lock.withLock {
            count += 1; return count
        }
    }
    var value: Int { lock.withLock { count } }
}
