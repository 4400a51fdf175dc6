import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

/// The pool domain's OAuth2 endpoints of LocalUserPool, through CognitoOAuth2Client as the transport's client.
@Suite("LocalUserPool OAuth2 endpoints")
struct LocalUserPoolOAuth2Tests {
    typealias Fixture = OAuth2PoolFixture

    @Test("Code flow: the page has username and password, the form posts back, the redirect brings code and state")
    func codeFlow() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(
            redirectURI: Fixture.callback, scopes: ["openid", "email"], loginHint: "alice")
        let page = try await HostedUIBrowser(transport: fixture.pool).get(authorization.url)
        #expect(page.status == 200)
        #expect(page.text.contains("name=\"username\"") && page.text.contains("name=\"password\""))
        #expect(page.text.contains("value=\"alice\""))
        let (code, state) = try await fixture.signIn(authorization)
        #expect(state == authorization.state)
        let session = try await oauth.exchange(code: code, state: state, for: authorization)
        #expect(session.idToken.payload["aud"]?.stringValue == "webclient")
        #expect(session.idToken.payload["nonce"]?.stringValue == authorization.nonce)
        #expect(session.idToken.payload["email"]?.stringValue == "alice@example.com")
        #expect(session.accessToken.payload["scope"]?.stringValue == "openid email")
        #expect(!session.refreshToken.token.isEmpty)
        let info = try await oauth.userInfo(accessToken: session.accessToken)
        #expect(info["email"]?.stringValue == "alice@example.com")
        #expect(info["username"]?.stringValue == "alice")
    }

    @Test("A wrong password shows the page again with the service's message, and no code")
    func wrongPassword() async throws {
        let fixture = try await Fixture()
        let authorization = try fixture.client().authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let answer = try await HostedUIBrowser(transport: fixture.pool).signIn(
            at: authorization.url, username: "alice", password: "Wrong-Horse-1")
        #expect(answer.status == 200 && answer.location == nil)
        #expect(answer.text.contains("Incorrect username or password."))
        #expect(!answer.text.contains("Wrong-Horse-1"))
        #expect(await fixture.pool.lastAuthorizationCode == nil)
    }

    @Test("PKCE: a verifier that does not match the challenge is invalid_grant")
    func pkceMismatch() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        let forged = OAuth2Authorization(
            url: authorization.url, redirectURI: authorization.redirectURI, scopes: authorization.scopes,
            state: authorization.state, nonce: authorization.nonce,
            codeVerifier: try CognitoOAuth2Client.randomVerifier())
        await #expect(throws: CognitoOAuth2Error.invalidGrant) {
            try await oauth.exchange(code: code, state: state, for: forged)
        }
    }

    @Test("A code is single-use, and dead after five minutes")
    func codeReuseAndExpiry() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        _ = try await oauth.exchange(code: code, state: state, for: authorization)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) {
            try await oauth.exchange(code: code, state: state, for: authorization)
        }
        let second = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (late, lateState) = try await fixture.signIn(second)
        fixture.clock.advance(by: 301)
        let error = await #expect(throws: CognitoOAuth2Error.self) {
            try await oauth.exchange(code: late, state: lateState, for: second)
        }
        #expect(error == .invalidGrant && error?.isTerminal == true && error?.statusCode == 400)
    }

    @Test(
        "Redirect URIs: an unregistered one gets an error page, not a redirect; a different one at exchange is refused")
    func wrongRedirect() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let unknown = try oauth.authorization(
            redirectURI: URL(string: "http://localhost:8765/elsewhere")!, scopes: ["openid"])
        let page = try await HostedUIBrowser(transport: fixture.pool).get(unknown.url)
        #expect(page.status == 400 && page.location == nil && page.text.contains("redirect_mismatch"))
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        let moved = OAuth2Authorization(
            url: authorization.url, redirectURI: Fixture.otherCallback, scopes: authorization.scopes,
            state: authorization.state, nonce: authorization.nonce, codeVerifier: authorization.codeVerifier)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) {
            try await oauth.exchange(code: code, state: state, for: moved)
        }
    }

    @Test("A wrong state is refused by the client before anything is sent")
    func wrongState() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, _) = try await fixture.signIn(authorization)
        await #expect(throws: CognitoOAuth2Error.stateMismatch) {
            try await oauth.exchange(code: code, state: "forged", for: authorization)
        }
        #expect(await fixture.pool.requests(for: "POST /oauth2/token").isEmpty)
    }

    @Test("Scopes: one the client may not ask for comes back as error=invalid_scope on the redirect, with state")
    func disallowedScope() async throws {
        let fixture = try await Fixture()
        let authorization = try fixture.client().authorization(
            redirectURI: Fixture.callback, scopes: ["openid", "orders/write"])
        let answer = try await HostedUIBrowser(transport: fixture.pool).get(authorization.url)
        let (code, state, error) = HostedUIBrowser.codeAndState(answer.location)
        #expect(answer.status == 302 && code == nil && error == "invalid_scope" && state == authorization.state)
        await #expect(throws: CognitoOAuth2Error.invalidScope) {
            _ = try await fixture.client("machine", secret: fixture.machineSecret)
                .clientCredentials(scopes: ["orders/write"])
        }
    }

    @Test("Flows: code on a client_credentials client and client_credentials on a public one are unauthorized_client")
    func disallowedFlows() async throws {
        let fixture = try await Fixture()
        let machine = try fixture.client("machine", secret: fixture.machineSecret)
        let authorization = try machine.authorization(redirectURI: Fixture.callback, scopes: ["orders/read"])
        let answer = try await HostedUIBrowser(transport: fixture.pool).get(authorization.url)
        #expect(HostedUIBrowser.codeAndState(answer.location).error == "unauthorized_client")
        let error = await #expect(throws: CognitoOAuth2Error.self) {
            _ = try await fixture.client().clientCredentials(scopes: ["orders/read"])
        }
        #expect(error == .unauthorizedClient && error?.isConfigurationError == true)
    }

    @Test("A wrong client secret is invalid_client (401), on the token endpoint as on client credentials")
    func wrongSecret() async throws {
        let fixture = try await Fixture()
        let error = await #expect(throws: CognitoOAuth2Error.self) {
            _ = try await fixture.client("machine", secret: fixture.machineSecret + "x")
                .clientCredentials(scopes: ["orders/read"])
        }
        #expect(error == .invalidClient && error?.statusCode == 401)
        let oauth = try fixture.client("confidential", secret: "wrong")
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        await #expect(throws: CognitoOAuth2Error.invalidClient) {
            try await oauth.exchange(code: code, state: state, for: authorization)
        }
    }

    @Test("Refresh: a non-rotating client keeps the refresh token; an expired one is invalid_grant")
    func refreshAndExpiry() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid", "email"])
        let (code, state) = try await fixture.signIn(authorization)
        let session = try await oauth.exchange(code: code, state: state, for: authorization)
        fixture.clock.advance(by: 3601)
        let refreshed = try await oauth.refresh(session.refreshToken)
        #expect(refreshed.refreshToken.token == session.refreshToken.token)
        #expect(refreshed.accessToken.payload["scope"]?.stringValue == "openid email")
        #expect(refreshed.accessToken.jwtToken != session.accessToken.jwtToken)
        fixture.clock.advance(by: 30 * 86_400)
        let error = await #expect(throws: CognitoOAuth2Error.self) { try await oauth.refresh(session.refreshToken) }
        #expect(error == .invalidGrant && error?.isTerminal == true)
    }

    @Test("Rotation on the token endpoint: a confidential rotating client gets a new refresh token; the old one dies")
    func rotation() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client("confidential", secret: fixture.secret)
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        let session = try await oauth.exchange(code: code, state: state, for: authorization)
        let rotated = try await oauth.refresh(session.refreshToken)
        #expect(rotated.refreshToken.token != session.refreshToken.token)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) { try await oauth.refresh(session.refreshToken) }
        _ = try await oauth.refresh(rotated.refreshToken)
    }

    @Test("Client credentials: an access token without a user that CognitoJWTVerifier accepts")
    func clientCredentials() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.client("machine", secret: fixture.machineSecret)
            .clientCredentials(scopes: ["orders/read"])
        let verifier = CognitoJWTVerifier(
            userPoolId: fixture.pool.userPoolId, clientId: "machine", tokenUse: .access, transport: fixture.pool,
            options: .init(clock: fixture.clock))
        let claims = try await verifier.verify(token.jwtToken)
        #expect(claims.tokenUse == .access && claims.subject == "machine" && claims.username == nil)
        #expect(claims.scopes == ["orders/read"] && claims.clientId == "machine")
    }

    @Test("Revocation ends the refresh token and its access tokens at userInfo")
    func revocation() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        let session = try await oauth.exchange(code: code, state: state, for: authorization)
        try await oauth.revoke(session.refreshToken)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) { try await oauth.refresh(session.refreshToken) }
        let error = await #expect(throws: CognitoOAuth2Error.self) {
            _ = try await oauth.userInfo(accessToken: session.accessToken)
        }
        #expect(error?.error == "invalid_token" && error?.statusCode == 401)
    }

    @Test("Logout redirects to a registered sign-out URL only, or back to the authorize endpoint")
    func logout() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client()
        let browser = HostedUIBrowser(transport: fixture.pool)
        let out = try await browser.get(oauth.logoutURL(logoutURI: Fixture.signOut))
        #expect(out.status == 302 && out.location == Fixture.signOut)
        let refused = try await browser.get(oauth.logoutURL(logoutURI: URL(string: "https://evil.example.com/")!))
        #expect(refused.status == 400 && refused.location == nil)
        let again = try oauth.logoutURL(redirectingTo: Fixture.callback, scopes: ["openid"])
        let back = try await browser.get(again.url)
        #expect(back.status == 302 && back.location?.path == "/oauth2/authorize")
        let page = try await browser.get(try #require(back.location))
        #expect(page.status == 200 && page.text.contains("name=\"password\""))
    }

    @Test("The page escapes what it echoes and carries no secret")
    func pageEscapes() async throws {
        let fixture = try await Fixture()
        let oauth = try fixture.client("confidential", secret: fixture.secret)
        let authorization = try oauth.authorization(
            redirectURI: Fixture.callback, scopes: ["openid"], loginHint: "\"><script>alert(1)</script>")
        let page = try await HostedUIBrowser(transport: fixture.pool).get(authorization.url)
        #expect(page.status == 200)
        #expect(!page.text.contains("<script>") && page.text.contains("&quot;&gt;&lt;script&gt;"))
        #expect(!page.text.contains(fixture.secret))
    }

    @Test("The discovery document on the domain names the endpoints and the keys")
    func discovery() async throws {
        let fixture = try await Fixture()
        let answer = try await HostedUIBrowser(transport: fixture.pool).get(
            Fixture.domain.appendingPathComponent(".well-known/openid-configuration"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
        let base = Fixture.domain.absoluteString
        #expect(document["token_endpoint"] as? String == base + "/oauth2/token")
        #expect(document["authorization_endpoint"] as? String == base + "/oauth2/authorize")
        #expect(document["userinfo_endpoint"] as? String == base + "/oauth2/userInfo")
        #expect(document["revocation_endpoint"] as? String == base + "/oauth2/revoke")
        #expect(document["jwks_uri"] as? String == fixture.pool.issuer + "/.well-known/jwks.json")
    }

    @Test(
        "Faults injected for an endpoint path: a 429 is a retryable OAuth2 error, a dropped connection a transport one")
    func faults() async throws {
        let fixture = try await Fixture()
        let machine = try fixture.client("machine", secret: fixture.machineSecret)
        await fixture.pool.inject(.throttle, into: "/oauth2/token")
        let throttled = await #expect(throws: CognitoOAuth2Error.self) {
            _ = try await machine.clientCredentials(scopes: ["orders/read"])
        }
        #expect(throttled?.statusCode == 429 && throttled?.isRetryable == true)
        await fixture.pool.inject(.dropConnection, into: "*")
        await #expect(throws: HTTPTransportError.connectionFailed) {
            _ = try await machine.clientCredentials(scopes: ["orders/read"])
        }
        _ = try await machine.clientCredentials(scopes: ["orders/read"])
        #expect(await fixture.pool.requests(for: "POST /oauth2/token").count == 3)
    }

    @Test("The token endpoint's refusals: Cognito's error codes and statuses for malformed or unauthorised requests")
    func tokenEndpointRefusals() async throws {
        let fixture = try await Fixture()
        func post(
            _ body: String, contentType: String = "application/x-www-form-urlencoded", basic: String? = nil
        )
            async throws -> (Int, String?)
        {
            var request = HTTPRequest(
                method: .post, scheme: "https", authority: "example.auth.us-east-1.amazoncognito.com",
                path: "/oauth2/token")
            request.headerFields[.contentType] = contentType
            if let basic { request.headerFields[.authorization] = "Basic " + Data(basic.utf8).base64EncodedString() }
            let (response, data) = try await fixture.pool.send(request, body: Data(body.utf8))
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (response.status.code, json?["error"] as? String)
        }
        let machine = "machine:\(fixture.machineSecret)"
        #expect(try await post("client_id=webclient") == (400, "invalid_request"))
        #expect(try await post("grant_type=password&client_id=webclient") == (400, "unsupported_grant_type"))
        #expect(try await post("grant_type=client_credentials&client_id=nobody") == (401, "invalid_client"))
        #expect(
            try await post("grant_type=client_credentials", contentType: "application/json", basic: machine)
                == (400, "invalid_request"))
        #expect(try await post("grant_type=client_credentials&client_id=machine") == (401, "invalid_client"))
        #expect(try await post("grant_type=client_credentials&scope=openid", basic: machine) == (400, "invalid_scope"))
        #expect(try await post("grant_type=authorization_code&code=x", basic: machine) == (400, "unauthorized_client"))
        #expect(try await post("grant_type=authorization_code&client_id=webclient&code=x") == (400, "invalid_grant"))
        #expect(
            try await post("grant_type=refresh_token&client_id=webclient&refresh_token=x") == (400, "invalid_grant"))
        #expect(
            try await post("grant_type=client_credentials&client_id=webclient&client_id=machine") == (
                400, "invalid_request"
            ))
        #expect(try await post("grant_type=client_credentials", basic: machine).0 == 200)
    }
}
