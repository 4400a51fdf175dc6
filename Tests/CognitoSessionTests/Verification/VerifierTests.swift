import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@Suite("CognitoJWTVerifier: signatures and claims")
struct VerifierClaimTests {
    typealias Failure = CognitoJWTVerifierError

    @Test("A valid access token verifies; the JWKS is fetched with a GET of jwksURL")
    func validAccessToken() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let claims = try await fixture.verifier().verify(try fixture.token(fixture.accessClaims()))
        #expect(claims.username == "alice")
        #expect(claims.clientId == VerifierFixture.clientId)
        #expect(claims.scopes.contains("orders/read"))
        let request = try #require(await fixture.mock.requests(for: "").first)
        #expect(request.request.method == .get)
        #expect(request.request.path == "/us-east-1_Verify1/.well-known/jwks.json")
        #expect(request.request.authority == "cognito-idp.us-east-1.amazonaws.com")
    }

    @Test("The AWS defaults: issuer and JWKS address from the pool id alone")
    func awsDefaults() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = CognitoJWTVerifier(
            userPoolId: VerifierFixture.poolId, clientId: VerifierFixture.clientId, tokenUse: .access,
            transport: fixture.mock, options: .init(clock: fixture.clock))
        _ = try await verifier.verify(try fixture.token(fixture.accessClaims()))
        let request = try #require(await fixture.mock.requests(for: "").first)
        #expect(request.request.scheme == "https")
        #expect(request.request.authority == "cognito-idp.us-east-1.amazonaws.com")
        #expect(request.request.path == "/us-east-1_Verify1/.well-known/jwks.json")
        let malformed = CognitoJWTVerifier(
            userPoolId: "malformed", clientId: "c", tokenUse: .access, transport: fixture.mock)
        await #expect(throws: Failure.invalidConfiguration) { try await malformed.verify("a.b.c") }
    }

    @Test("A valid ID token verifies (client id in aud)")
    func validIdToken() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let claims = try await fixture.verifier(tokenUse: .id).verify(try fixture.token(fixture.idClaims()))
        #expect(claims.tokenUse == .id)
        #expect(claims.username == "alice")
    }

    @Test("Tokens LocalUserPool issues at sign-in verify against its JWKS and issuer")
    func localUserPoolTokens() async throws {
        let clock = ManualClock(now: Date())
        let local = try LocalUserPool(clock: clock)
        let client = try await local.addClient(id: "my-app")
        try await local.createUser(username: "alice", password: "Correct-Horse-1")
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: local, clock: clock)
        let user = pool.user(named: "alice")
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "Correct-Horse-1"))
        let session = try await user.getSession()
        let mock = MockTransport()
        let jwks = String(decoding: local.jwks, as: UTF8.self)
        await mock.setHandler(for: "") { _ in .http(status: .ok, body: jwks) }
        let url = URL(string: "http://127.0.0.1:9229/\(local.userPoolId)/.well-known/jwks.json")!
        let options = CognitoJWTVerifier.Options(clock: clock)
        let access = CognitoJWTVerifier(
            userPoolId: local.userPoolId, clientId: "my-app", tokenUse: .access, issuer: local.issuer, jwksURL: url,
            transport: mock, options: options)
        let id = CognitoJWTVerifier(
            userPoolId: local.userPoolId, clientId: "my-app", tokenUse: .id, issuer: local.issuer, jwksURL: url,
            transport: mock, options: options)
        #expect(try await access.verify(session.accessToken.jwtToken).username == "alice")
        #expect(try await id.verify(session.idToken.jwtToken).username == "alice")
        await #expect(throws: Failure.tokenUseMismatch) { try await access.verify(session.idToken.jwtToken) }
    }

    @Test("A flipped bit anywhere in the header is refused; in the payload or signature, the signature fails")
    func flippedBits() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        let token = try fixture.token(fixture.accessClaims())
        _ = try await verifier.verify(token)
        for byte in 0..<VerifierFixture.decodedLength(token, segment: 0) {
            for bit in 0..<8 {
                let forged = VerifierFixture.flipping(token, segment: 0, byte: byte, bit: bit)
                await #expect(throws: Failure.self) { try await verifier.verify(forged) }
            }
        }
        // A bit inside "alice" (the payload stays valid JSON): only the signature can tell.
        let payload = Base64URL.decode(String(token.split(separator: ".")[1]))!
        let at = try #require(payload.firstRange(of: Array("alice".utf8))).lowerBound
        let payloadForged = VerifierFixture.flipping(token, segment: 1, byte: at + 4, bit: 0)
        await #expect(throws: Failure.invalidSignature) { try await verifier.verify(payloadForged) }
        let signatureForged = VerifierFixture.flipping(token, segment: 2, byte: 100, bit: 3)
        await #expect(throws: Failure.invalidSignature) { try await verifier.verify(signatureForged) }
    }

    @Test("A token re-signed with another key under the pool's kid is refused")
    func otherKey() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let impostor = try RS256Signer(keyID: "key-1")
        await #expect(throws: Failure.invalidSignature) {
            try await fixture.verifier().verify(try fixture.token(fixture.accessClaims(), signer: impostor))
        }
    }

    @Test("alg none and HS256 with the public key as secret are refused before any key is fetched")
    func otherAlgorithms() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        let claims = fixture.accessClaims()
        let none = try VerifierFixture.token(header: ["alg": "none", "kid": "key-1"], claims: claims, signature: [])
        await #expect(throws: Failure.unsupportedAlgorithm) { try await verifier.verify(none + "AA") }
        await #expect(throws: Failure.unsupportedAlgorithm) { try await verifier.verify(none) }
        let unsigned = try VerifierFixture.token(
            header: ["alg": "HS256", "kid": "key-1"], claims: claims, signature: [])
        let input = String(unsigned.dropLast())
        let mac = VerifierFixture.hmacSHA256(key: Array(fixture.signer.jwks), data: Array(input.utf8))
        let hs256 = input + "." + Base64URL.encode(mac)
        await #expect(throws: Failure.unsupportedAlgorithm) { try await verifier.verify(hs256) }
        #expect(await fixture.jwksRequests == 0)
    }

    @Test("Malformed, oversized and kid-less tokens are refused before any key is fetched")
    func malformed() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        await #expect(throws: Failure.malformedToken) { try await verifier.verify("a.b") }
        await #expect(throws: Failure.malformedToken) { try await verifier.verify("!!.e30.AA") }
        let large = String(repeating: "A", count: 32 * 1024 + 1)
        await #expect(throws: Failure.tokenTooLarge) { try await verifier.verify(large) }
        let noKid = try VerifierFixture.token(header: ["alg": "RS256"], claims: fixture.accessClaims(), signature: [1])
        await #expect(throws: Failure.missingKeyID) { try await verifier.verify(noKid) }
        #expect(await fixture.jwksRequests == 0)
    }

    @Test("Wrong issuer, client or token use: each its own error")
    func wrongIssuerClientUse() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let verifier = fixture.verifier()
        let wrongIssuer = try fixture.token(
            fixture.accessClaims(["iss": "https://cognito-idp.us-east-1.amazonaws.com/x_y"]))
        await #expect(throws: Failure.issuerMismatch) { try await verifier.verify(wrongIssuer) }
        let wrongClient = try fixture.token(fixture.accessClaims(["client_id": "another"]))
        await #expect(throws: Failure.clientMismatch) { try await verifier.verify(wrongClient) }
        await #expect(throws: Failure.tokenUseMismatch) {
            try await verifier.verify(try fixture.token(fixture.idClaims()))
        }
        let idVerifier = fixture.verifier(tokenUse: .id)
        let wrongAudience = try fixture.token(fixture.idClaims(["aud": "another"]))
        await #expect(throws: Failure.clientMismatch) { try await idVerifier.verify(wrongAudience) }
    }

    @Test("Expired by one second is refused; the leeway admits it; nbf and iat in the future are refused")
    func times() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let now = VerifierFixture.start
        let expired = try fixture.token(fixture.accessClaims(["exp": .number(now - 1), "iat": .number(now - 3600)]))
        await #expect(throws: Failure.expired) { try await fixture.verifier().verify(expired) }
        _ = try await fixture.verifier(leeway: 2).verify(expired)
        let early = try fixture.token(fixture.accessClaims(["nbf": .number(now + 60)]))
        await #expect(throws: Failure.notYetValid) { try await fixture.verifier().verify(early) }
        let future = try fixture.token(fixture.accessClaims(["iat": .number(now + 60)]))
        await #expect(throws: Failure.issuedInFuture) { try await fixture.verifier().verify(future) }
        let token = try fixture.token(fixture.accessClaims())
        let verifier = fixture.verifier()
        _ = try await verifier.verify(token)
        fixture.clock.advance(by: 3600)
        await #expect(throws: Failure.expired) { try await verifier.verify(token) }
    }

    @Test("Missing scope or group, and a custom check, refuse with their own errors")
    func requirements() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let token = try fixture.token(fixture.accessClaims())
        let all = fixture.verifier(requirements: .init(scopes: .allOf(["orders/read", "orders/write"])))
        await #expect(throws: Failure.missingScope) { try await all.verify(token) }
        let any = fixture.verifier(requirements: .init(scopes: .anyOf(["orders/read", "orders/write"])))
        _ = try await any.verify(token)
        let group = fixture.verifier(requirements: .init(groups: .anyOf(["billing"])))
        await #expect(throws: Failure.missingGroup) { try await group.verify(token) }
        _ = try await fixture.verifier(requirements: .init(groups: .allOf(["admins"]))).verify(token)
        struct NotAlice: Error {}
        let custom = fixture.verifier(requirements: .init(check: { if $0.username == "alice" { throw NotAlice() } }))
        await #expect(throws: Failure.customCheckFailed) { try await custom.verify(token) }
    }

    @Test("Several pools: each token verifies with its own issuer's keys; waivers are explicit")
    func multiplePools() async throws {
        let fixture = try VerifierFixture()
        let other = try RS256Signer(keyID: "other-1")
        let otherIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other"
        let otherURL = URL(string: "https://keys.example/other.json")!
        let first = String(decoding: VerifierFixture.jwks([fixture.signer]), as: UTF8.self)
        let second = String(decoding: VerifierFixture.jwks([other]), as: UTF8.self)
        await fixture.mock.setHandler(for: "") { request in
            .http(status: .ok, body: request.request.authority == "keys.example" ? second : first)
        }
        let verifier = try CognitoJWTVerifier(
            pools: [
                .init(
                    userPoolId: VerifierFixture.poolId, clients: .oneOf([VerifierFixture.clientId, "second-client"]),
                    tokenUse: .access, issuer: VerifierFixture.issuer, jwksURL: VerifierFixture.jwksURL),
                .init(userPoolId: "eu-west-1_Other", clients: .waived, tokenUse: nil, jwksURL: otherURL),
            ], transport: fixture.mock, options: .init(clock: fixture.clock))
        _ = try await verifier.verify(try fixture.token(fixture.accessClaims(["client_id": "second-client"])))
        let m2m = try fixture.token(
            fixture.accessClaims(["iss": .string(otherIssuer), "client_id": "any", "scope": "a/b"]),
            signer: other)
        #expect(try await verifier.verify(m2m).scopes == ["a/b"])
        let otherId = try fixture.token(fixture.idClaims(["iss": .string(otherIssuer)]), signer: other)
        _ = try await verifier.verify(otherId)
        // The first pool's key does not verify the second pool's tokens.
        let crossed = try fixture.token(fixture.accessClaims(["iss": .string(otherIssuer)]))
        await #expect(throws: Failure.unknownKeyID) { try await verifier.verify(crossed) }
        #expect(throws: Failure.invalidConfiguration) {
            try CognitoJWTVerifier(pools: [], transport: fixture.mock)
        }
        #expect(throws: Failure.invalidConfiguration) {
            try CognitoJWTVerifier(
                pools: [.init(userPoolId: "nounderscore", clients: .waived, tokenUse: .id)], transport: fixture.mock)
        }
    }

    @Test("Errors never echo the token")
    func descriptionsHoldNoToken() async throws {
        let fixture = try VerifierFixture()
        await fixture.serve([fixture.signer])
        let token = try fixture.token(fixture.accessClaims(["client_id": "another"]))
        do {
            _ = try await fixture.verifier().verify(token)
            Issue.record("verified")
        } catch {
            for part in token.split(separator: ".") { #expect(!error.description.contains(part)) }
            #expect(!error.description.contains("another"))
        }
        let claims = try await fixture.verifier().verify(try fixture.token(fixture.accessClaims()))
        #expect(!claims.description.contains("alice"))
        #expect(claims.description.contains("username"))
    }
}
