import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// Tokens `cognito-session serve` issues over HTTP, verified by CognitoJWTVerifier against the keys serve
/// publishes at `/<pool id>/.well-known/jwks.json`, fetched over HTTP too.
@Suite(
    "CognitoJWTVerifier against cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct ServeVerifierTests {
    static let poolId = "us-east-1_ServeVerify1"
    static let password = "Correct-h0rse"

    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-serve-verify",
                    "Clients": [
                        ["ClientName": "web", "ClientId": "webclient"],
                        ["ClientName": "other", "ClientId": "otherclient"],
                    ],
                    "Users": [["Username": "alice", "Password": password]],
                ]
            ]
        ]
    }

    /// A verifier whose issuer and JWKS address are serve's, keeping every request in `log`.
    func verifier(
        _ server: ServeServer, clientId: String = "webclient", tokenUse: CognitoTokenUse, log: ExchangeLog
    ) throws -> CognitoJWTVerifier {
        let issuer = server.endpoint.appendingPathComponent(Self.poolId).absoluteString
        let jwks = try #require(URL(string: issuer + "/.well-known/jwks.json"))
        return CognitoJWTVerifier(
            userPoolId: Self.poolId, clientId: clientId, tokenUse: tokenUse, issuer: issuer, jwksURL: jwks,
            transport: RecordingTransport(base: URLSessionTransport(requestTimeout: .seconds(10)), log: log))
    }

    func signIn(_ server: ServeServer) async throws -> CognitoUserSession {
        let pool = try CognitoUserPool(
            userPoolId: Self.poolId, clientId: "webclient", clientSecret: nil, endpoint: server.endpoint,
            storage: MemoryStorage(), transport: URLSessionTransport(requestTimeout: .seconds(10)))
        let step = try await pool.user(named: "alice").authenticateUser(
            AuthenticationDetails(username: "alice", password: Self.password))
        guard case .signedIn(let session, _) = step else { throw MotoSetupError("expected tokens, got \(step)") }
        return session
    }

    @Test("An access and an ID token from serve verify with serve's keys, fetched once over HTTP")
    func tokensFromServeVerify() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let session = try await signIn(server)
            let log = ExchangeLog()
            let access = try verifier(server, tokenUse: .access, log: log)
            let claims = try await access.verify(session.accessToken.jwtToken)
            #expect(claims.username == "alice")
            #expect(claims.clientId == "webclient")
            #expect(claims.tokenUse == .access)
            #expect(claims.issuer == server.endpoint.appendingPathComponent(Self.poolId).absoluteString)
            // The second verification uses the cached key: no second request.
            #expect(try access.verifyCached(session.accessToken.jwtToken).subject == claims.subject)
            #expect(await log.operations.count == 1)

            let id = try verifier(server, tokenUse: .id, log: ExchangeLog())
            let idClaims = try await id.verify(session.idToken.jwtToken)
            #expect(idClaims.username == "alice")
            #expect(idClaims.subject == claims.subject)
        }
    }

    @Test("serve's tokens are refused for another client, as the other use, or with a flipped signature bit")
    func refusals() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let session = try await signIn(server)
            let other = try verifier(server, clientId: "otherclient", tokenUse: .access, log: ExchangeLog())
            await #expect(throws: CognitoJWTVerifierError.clientMismatch) {
                try await other.verify(session.accessToken.jwtToken)
            }
            let id = try verifier(server, tokenUse: .id, log: ExchangeLog())
            await #expect(throws: CognitoJWTVerifierError.tokenUseMismatch) {
                try await id.verify(session.accessToken.jwtToken)
            }
            let access = try verifier(server, tokenUse: .access, log: ExchangeLog())
            await #expect(throws: CognitoJWTVerifierError.invalidSignature) {
                try await access.verify(TokenTampering.flippingSignature(session.accessToken.jwtToken))
            }
        }
    }
}
