import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// The pool domain's OAuth2 endpoints over real HTTP: CognitoOAuth2Client over URLSessionTransport against
/// `cognito-session serve`, the domain at `http://127.0.0.1:PORT/<prefix>`.
@Suite(
    "OAuth2 endpoints of cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct ServeOAuth2Tests {
    static let poolId = "us-east-1_ServeOAuth"
    static let prefix = "serve-tests"
    static let password = "Correct-h0rse"
    static let secret = "s3cretForTheServeOAuthTestsOnly0123456789abcdefghij"
    static let callback = URL(string: "http://localhost:8765/callback")!

    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-serve-oauth", "Domain": prefix,
                    "ResourceServers": [
                        [
                            "Identifier": "orders", "Name": "Orders",
                            "Scopes": [["ScopeName": "read", "ScopeDescription": "Read orders"]],
                        ]
                    ],
                    "Clients": [
                        [
                            "ClientName": "web", "ClientId": "webclient", "AllowedOAuthFlowsUserPoolClient": true,
                            "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "email"],
                            "CallbackURLs": [callback.absoluteString], "SupportedIdentityProviders": ["COGNITO"],
                            "RefreshTokenRotation": ["Feature": "ENABLED", "RetryGracePeriodSeconds": 0],
                        ],
                        [
                            "ClientName": "machine", "ClientId": "machineclient", "GenerateSecret": true,
                            "ClientSecret": secret, "AllowedOAuthFlowsUserPoolClient": true,
                            "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["orders/read"],
                        ],
                    ],
                    "Users": [
                        ["Username": "alice", "Password": password, "Attributes": ["email": "alice@example.com"]]
                    ],
                ]
            ]
        ]
    }

    func client(_ server: ServeServer, _ id: String, secret: String? = nil) throws -> CognitoOAuth2Client {
        try CognitoOAuth2Client(
            domain: server.endpoint.appendingPathComponent(Self.prefix), clientId: id, clientSecret: secret,
            transport: URLSessionTransport(requestTimeout: .seconds(10)),
            configuration: .init(clock: OffsetClock(), retryPolicy: .none))
    }

    @Test("Code flow over HTTP: page, form, 302 with code and state, exchange; rotation; reuse and PKCE refused")
    func codeFlow() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let oauth = try client(server, "webclient")
            let browser = HostedUIBrowser(transport: URLSessionTransport(requestTimeout: .seconds(10)))
            let authorization = try oauth.authorization(redirectURI: Self.callback, scopes: ["openid", "email"])
            let answer = try await browser.signIn(at: authorization.url, username: "alice", password: Self.password)
            #expect(answer.status == 302)
            let (code, state, _) = HostedUIBrowser.codeAndState(answer.location)
            #expect(try await server.authorizationCode(pool: Self.poolId) == code)
            let session = try await oauth.exchange(
                code: try #require(code), state: try #require(state), for: authorization)
            #expect(session.idToken.payload["email"]?.stringValue == "alice@example.com")
            await #expect(throws: CognitoOAuth2Error.invalidGrant) {
                try await oauth.exchange(code: code ?? "", state: state ?? "", for: authorization)
            }
            let rotated = try await oauth.refresh(session.refreshToken)
            #expect(rotated.refreshToken.token != session.refreshToken.token)
            await #expect(throws: CognitoOAuth2Error.invalidGrant) { try await oauth.refresh(session.refreshToken) }
            let info = try await oauth.userInfo(accessToken: rotated.accessToken)
            #expect(info["email"]?.stringValue == "alice@example.com")
            try await oauth.revoke(rotated.refreshToken)
            let refused = await #expect(throws: CognitoOAuth2Error.self) {
                _ = try await oauth.userInfo(accessToken: rotated.accessToken)
            }
            #expect(refused?.error == "invalid_token")

            let second = try oauth.authorization(redirectURI: Self.callback, scopes: ["openid"])
            let signedIn = try await browser.signIn(at: second.url, username: "alice", password: Self.password)
            let (secondCode, secondState, _) = HostedUIBrowser.codeAndState(signedIn.location)
            let forged = OAuth2Authorization(
                url: second.url, redirectURI: second.redirectURI, scopes: second.scopes, state: second.state,
                nonce: second.nonce, codeVerifier: try CognitoOAuth2Client.randomVerifier())
            await #expect(throws: CognitoOAuth2Error.invalidGrant) {
                try await oauth.exchange(code: secondCode ?? "", state: secondState ?? "", for: forged)
            }

            let third = try oauth.authorization(redirectURI: Self.callback, scopes: ["openid"])
            let late = try await browser.signIn(at: third.url, username: "alice", password: Self.password)
            let (lateCode, lateState, _) = HostedUIBrowser.codeAndState(late.location)
            try await server.advanceClock(by: 301)
            await #expect(throws: CognitoOAuth2Error.invalidGrant) {
                try await oauth.exchange(code: lateCode ?? "", state: lateState ?? "", for: third)
            }
            let tooWide = try oauth.authorization(redirectURI: Self.callback, scopes: ["openid", "orders/read"])
            let wide = try await browser.get(tooWide.url)
            #expect(HostedUIBrowser.codeAndState(wide.location).error == "invalid_scope")
        }
    }

    @Test("Client credentials over HTTP: a token that verifies against serve's keys; a wrong secret is invalid_client")
    func clientCredentials() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let token = try await client(server, "machineclient", secret: Self.secret)
                .clientCredentials(scopes: ["orders/read"])
            let issuer = server.endpoint.absoluteString + Self.poolId
            let verifier = CognitoJWTVerifier(
                userPoolId: Self.poolId, clientId: "machineclient", tokenUse: .access, issuer: issuer,
                jwksURL: URL(string: issuer + "/.well-known/jwks.json")!,
                transport: URLSessionTransport(requestTimeout: .seconds(10)))
            let claims = try await verifier.verify(token.jwtToken)
            #expect(claims.subject == "machineclient" && claims.username == nil && claims.scopes == ["orders/read"])
            await #expect(throws: CognitoOAuth2Error.invalidClient) {
                _ = try await client(server, "machineclient", secret: "wrong").clientCredentials(scopes: ["orders/read"]
                )
            }
            await #expect(throws: CognitoOAuth2Error.unauthorizedClient) {
                _ = try await client(server, "webclient").clientCredentials(scopes: ["orders/read"])
            }
        }
    }
}
