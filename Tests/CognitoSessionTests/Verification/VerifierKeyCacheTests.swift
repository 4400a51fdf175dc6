import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@Suite("CognitoJWTVerifier: the JWKS cache")
struct VerifierKeyCacheTests {
    typealias Failure = CognitoJWTVerifierError

    @Test("1,000 concurrent verifications on a cold cache make one JWKS request")
    func oneFetchForManyWaiters() async throws {
        let fixture = try VerifierFixture()
        let body = String(decoding: VerifierFixture.jwks([fixture.signer]), as: UTF8.self)
        await fixture.serve(MockResponse.http(status: .ok, body: body))
        let verifier = fixture.verifier()
        let token = try fixture.token(fixture.accessClaims())
        let verified = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<1_000 { group.addTask { try await verifier.verify(token).username == "alice" } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(verified == 1_000)
        #expect(await fixture.jwksRequests == 1)
    }

    @Test("1,000 tokens with random unknown kids make at most one request per cooldown")
    func unknownKidFlood() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        try await verifier.hydrate()
        #expect(await fixture.jwksRequests == 1)
        fixture.clock.advance(by: 10)  // the cooldown of the hydration is over
        func forged() throws -> String {
            try VerifierFixture.token(
                header: ["alg": "RS256", "kid": UUID().uuidString], claims: fixture.accessClaims(), signature: [1, 2])
        }
        for _ in 0..<1_000 {
            let token = try forged()
            await #expect(throws: Failure.unknownKeyID) { try await verifier.verify(token) }
        }
        #expect(await fixture.jwksRequests == 2)
        fixture.clock.advance(by: 9)
        await #expect(throws: Failure.unknownKeyID) { try await verifier.verify(try forged()) }
        #expect(await fixture.jwksRequests == 2)
        fixture.clock.advance(by: 1)
        for _ in 0..<1_000 {
            let token = try forged()
            await #expect(throws: Failure.unknownKeyID) { try await verifier.verify(token) }
        }
        #expect(await fixture.jwksRequests == 3)
        // The known key never waits for a cooldown.
        _ = try await verifier.verify(try fixture.token(fixture.accessClaims()))
        #expect(await fixture.jwksRequests == 3)
    }

    @Test("Key rotation: a token under a new key verifies after exactly one refetch; the old key still works")
    func rotation() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        let old = try fixture.token(fixture.accessClaims())
        _ = try await verifier.verify(old)
        let rotated = try RS256Signer(keyID: "key-2")
        await fixture.serve([fixture.signer, rotated])  // as Cognito: both keys are published
        fixture.clock.advance(by: 10)
        let new = try fixture.token(fixture.accessClaims(), signer: rotated)
        _ = try await verifier.verify(new)
        _ = try await verifier.verify(new)
        _ = try await verifier.verify(old)
        #expect(await fixture.jwksRequests == 2)
    }

    @Test("A failed fetch is typed and starts the cooldown; a cached key keeps working when a refetch fails")
    func failedFetches() async throws {
        let fixture = try VerifierFixture()
        let verifier = fixture.verifier()
        let token = try fixture.token(fixture.accessClaims())
        await fixture.serve(MockResponse.http(status: .serviceUnavailable, body: "down"))
        do {
            _ = try await verifier.verify(token)
            Issue.record("verified without keys")
        } catch {
            #expect(error == .jwksFetchFailed)
            #expect(error.isRetryable)
        }
        // Within the cooldown of that failure: refused without a request.
        await fixture.serve([fixture.signer])
        await #expect(throws: Failure.jwksFetchFailed) { try await verifier.verify(token) }
        #expect(await fixture.jwksRequests == 1)
        fixture.clock.advance(by: 10)
        _ = try await verifier.verify(token)
        #expect(await fixture.jwksRequests == 2)

        await fixture.serve(.failure(HTTPTransportError.timedOut))
        fixture.clock.advance(by: 10)
        let unknown = try VerifierFixture.token(
            header: ["alg": "RS256", "kid": "key-9"], claims: fixture.accessClaims(), signature: [1])
        await #expect(throws: Failure.jwksFetchFailed) { try await verifier.verify(unknown) }
        _ = try await verifier.verify(token)
        #expect(try verifier.verifyCached(token).username == "alice")

        let malformed = fixture.verifier()
        await fixture.serve(MockResponse.http(status: .ok, body: #"{"nokeys":[]}"#))
        await #expect(throws: Failure.malformedJWKS) { try await malformed.hydrate() }
    }

    @Test("With a maximum age, old keys are refetched; a failed refetch keeps them")
    func maximumAge() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = CognitoJWTVerifier(
            userPoolId: VerifierFixture.poolId, clientId: VerifierFixture.clientId, tokenUse: .access,
            issuer: VerifierFixture.issuer, jwksURL: VerifierFixture.jwksURL, transport: fixture.mock,
            options: .init(clock: fixture.clock, jwksMaximumAge: 600))
        let token = try fixture.token(fixture.accessClaims())
        _ = try await verifier.verify(token)
        fixture.clock.advance(by: 300)
        _ = try await verifier.verify(token)
        #expect(await fixture.jwksRequests == 1)
        fixture.clock.advance(by: 301)
        await fixture.serve(MockResponse.http(status: .internalServerError, body: ""))
        _ = try await verifier.verify(fixture.token(fixture.accessClaims()))
        #expect(await fixture.jwksRequests == 2)
    }

    @Test("verifyCached uses only cached keys: refused before hydrate(), verified after, never a request")
    func cachedOnly() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        let token = try fixture.token(fixture.accessClaims())
        #expect(throws: Failure.unknownKeyID) { try verifier.verifyCached(token) }
        #expect(await fixture.jwksRequests == 0)
        try await verifier.hydrate()
        #expect(try verifier.verifyCached(token).username == "alice")
        #expect(await fixture.jwksRequests == 1)
    }

    @Test("Keys that are not RS256 signing keys are not used")
    func unusableKeys() async throws {
        let fixture = try VerifierFixture()
        let jwks = String(decoding: VerifierFixture.jwks([fixture.signer]), as: UTF8.self)
        await fixture.serve(
            MockResponse.http(status: .ok, body: jwks.replacingOccurrences(of: "\"sig\"", with: "\"enc\"")))
        await #expect(throws: Failure.unknownKeyID) {
            try await fixture.verifier().verify(try fixture.token(fixture.accessClaims()))
        }
    }
}

@Suite("CognitoJWTVerifier with LocalUserPool rotating its key")
struct VerifierRotationTests {
    @Test("LocalUserPool rotates its signing key: the next token verifies after exactly one refetch")
    func localUserPoolRotation() async throws {
        let clock = ManualClock(now: Date())
        let local = try LocalUserPool(clock: clock)
        let client = try await local.addClient(id: "my-app")
        try await local.createUser(username: "alice", password: "Correct-Horse-1")
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: local, clock: clock)
        let user = pool.user(named: "alice")
        let details = AuthenticationDetails(username: "alice", password: "Correct-Horse-1")
        _ = try await user.authenticateUser(details)
        let first = try await user.getSession().accessToken.jwtToken

        let mock = MockTransport()
        await mock.setHandler(for: "") { _ in .http(status: .ok, body: String(decoding: local.jwks, as: UTF8.self)) }
        let verifier = CognitoJWTVerifier(
            userPoolId: local.userPoolId, clientId: "my-app", tokenUse: .access, issuer: local.issuer,
            jwksURL: URL(string: "http://127.0.0.1:9229/\(local.userPoolId)/.well-known/jwks.json")!,
            transport: mock, options: .init(clock: clock))
        _ = try await verifier.verify(first)

        try await local.rotateSigningKey()
        clock.advance(by: 60)
        _ = try await user.authenticateUser(details)
        let second = try await user.getSession().accessToken.jwtToken
        #expect(second != first)
        #expect(try await verifier.verify(second).username == "alice")
        #expect(try await verifier.verify(first).username == "alice")  // the old key is still published
        #expect(await mock.requests(for: "").count == 2)
        // The pool accepts what its new key signed.
        _ = try await user.getUserAttributes()
    }
}
