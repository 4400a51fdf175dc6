import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

@Suite("OAuth2 client: authorize URL, code exchange, refresh, revoke, userInfo, logout, errors")
struct OAuth2ClientTests {
    typealias F = OAuth2Fixture
    static let callback = URL(string: "http://localhost:8765/callback")!

    @Test("the authorize URL: response_type=code, client, exact redirect, scopes, 128-bit state, S256, nonce")
    func authorizeURL() throws {
        let client = try F.client(transport: OAuth2Transport { _, _ in F.json("{}") })
        let first = try client.authorization(
            redirectURI: Self.callback, scopes: ["openid", "email"], identityProvider: "Google", loginHint: "a b",
            prompt: [.login, .consent], lang: "fr")
        let url = try #require(URLComponents(url: first.url, resolvingAgainstBaseURL: false))
        #expect(url.scheme == "https" && url.host == "example.auth.us-east-1.amazoncognito.com")
        #expect(url.path == "/oauth2/authorize")
        let query = F.query(first.url)
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == F.clientId)
        #expect(query["redirect_uri"] == Self.callback.absoluteString)
        #expect(query["scope"] == "openid email")
        #expect(query["state"] == first.state)
        #expect(query["nonce"] == first.nonce)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["identity_provider"] == "Google")
        #expect(query["login_hint"] == "a b")
        #expect(query["prompt"] == "login consent")
        #expect(query["lang"] == "fr")
        #expect(query["idp_identifier"] == nil)
        #expect(first.state.count == 22)  // 16 bytes, base64url
        #expect(first.codeVerifier.count >= 43)
        let challenge = FormEncoding.base64URL(try SHA256.hash(Array(first.codeVerifier.utf8)))
        #expect(query["code_challenge"] == challenge)
        let second = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        #expect(second.state != first.state && second.nonce != first.nonce && second.codeVerifier != first.codeVerifier)
    }

    @Test("PKCE S256 matches RFC 7636 Appendix B")
    func pkceKnownVector() throws {
        let octets: [UInt8] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
            191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ]
        let verifier = FormEncoding.base64URL(octets)
        #expect(verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        let client = try F.client(transport: OAuth2Transport { _, _ in F.json("{}") }, verifier: verifier)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        #expect(F.query(authorization.url)["code_challenge"] == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("a confidential client's code exchange: Basic over the form-encoded id and secret, exact body")
    func exchangeConfidential() async throws {
        let box = NonceBox()
        let transport = OAuth2Transport { _, _ in F.json(F.tokenAnswer(nonce: box.value, refresh: "refresh-1")) }
        let client = try F.client(transport: transport)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        box.value = authorization.nonce
        let session = try await client.exchange(code: "the code", state: authorization.state, for: authorization)
        #expect(session.refreshToken.token == "refresh-1")
        #expect(session.idToken.payload["nonce"]?.stringValue == authorization.nonce)
        let sent = try #require(await transport.requests.first)
        #expect(sent.request.method == .post)
        #expect(sent.request.path == "/oauth2/token")
        #expect(sent.request.headerFields[.contentType] == "application/x-www-form-urlencoded")
        let expected = "client+id%2F1:s3cr%3Aet%2B%26%3D%2F%C3%A9"
        #expect(sent.request.headerFields[.authorization] == "Basic \(Data(expected.utf8).base64EncodedString())")
        #expect(
            F.form(sent.body) == [
                "grant_type": "authorization_code", "code": "the code", "redirect_uri": Self.callback.absoluteString,
                "code_verifier": authorization.codeVerifier,
            ])
    }

    @Test("a public client sends client_id in the body and no Authorization header")
    func exchangePublic() async throws {
        let box = NonceBox()
        let transport = OAuth2Transport { _, _ in F.json(F.tokenAnswer(nonce: box.value, refresh: "r")) }
        let client = try F.client(secret: nil, transport: transport)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        box.value = authorization.nonce
        _ = try await client.exchange(code: "c", state: authorization.state, for: authorization)
        let sent = try #require(await transport.requests.first)
        #expect(sent.request.headerFields[.authorization] == nil)
        #expect(F.form(sent.body)["client_id"] == F.clientId)
    }

    @Test("a wrong state is refused before any request")
    func stateMismatch() async throws {
        let transport = OAuth2Transport { _, _ in F.json(F.tokenAnswer(nonce: nil, refresh: "r")) }
        let client = try F.client(transport: transport)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        await #expect(throws: CognitoOAuth2Error.stateMismatch) {
            try await client.exchange(code: "c", state: authorization.state + "x", for: authorization)
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test("an ID token with another nonce or another audience is refused")
    func nonceAndAudience() async throws {
        let transport = OAuth2Transport { _, _ in F.json(F.tokenAnswer(nonce: "other", refresh: "r")) }
        let client = try F.client(transport: transport)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        await #expect(throws: CognitoOAuth2Error.nonceMismatch) {
            try await client.exchange(code: "c", state: authorization.state, for: authorization)
        }
        await transport.setHandler { _, _ in
            F.json(F.tokenAnswer(nonce: authorization.nonce, refresh: "r", aud: "someone-else"))
        }
        await #expect(throws: CognitoOAuth2Error.audienceMismatch) {
            try await client.exchange(code: "c", state: authorization.state, for: authorization)
        }
    }

    @Test("refresh: grant_type=refresh_token; the old refresh token is kept when none comes back")
    func refreshKeepsToken() async throws {
        let transport = OAuth2Transport { _, _ in F.json(F.tokenAnswer(nonce: nil, refresh: nil)) }
        let client = try F.client(secret: nil, transport: transport)
        let renewed = try await client.refresh(CognitoRefreshToken(token: "old-refresh"))
        #expect(renewed.refreshToken.token == "old-refresh")
        let sent = try #require(await transport.requests.first)
        #expect(sent.request.path == "/oauth2/token")
        #expect(
            F.form(sent.body) == [
                "grant_type": "refresh_token", "refresh_token": "old-refresh", "client_id": F.clientId,
            ])
        await transport.setHandler { _, _ in F.json(F.tokenAnswer(nonce: nil, refresh: "rotated")) }
        #expect(try await client.refresh(CognitoRefreshToken(token: "old-refresh")).refreshToken.token == "rotated")
    }

    @Test(
        "error answers keep error and error_description and are classified",
        arguments: [
            ("invalid_grant", true, false), ("invalid_client", false, true), ("unauthorized_client", false, true),
            ("invalid_scope", false, false),
        ])
    func errorMapping(code: String, terminal: Bool, configuration: Bool) async throws {
        let transport = OAuth2Transport { _, _ in
            F.json(#"{"error":"\#(code)","error_description":"nope"}"#, status: .badRequest)
        }
        let client = try F.client(transport: transport, retryPolicy: .default)
        do {
            _ = try await client.refresh(CognitoRefreshToken(token: "r"))
            Issue.record("no error")
        } catch let error as CognitoOAuth2Error {
            #expect(error.error == code)
            #expect(error.errorDescription == "nope")
            #expect(error.statusCode == 400)
            #expect(error.isTerminal == terminal)
            #expect(error.isConfigurationError == configuration)
            #expect(!error.isRetryable)
            #expect(error.serviceExceptionName == code)
            #expect(error.description.contains(code) && error.description.contains("nope"))
        }
        #expect(await transport.requests.count == 1)
    }

    @Test("5xx and 429 are retried per the policy; a lost connection is retried for refresh, not for a code")
    func retries() async throws {
        let transport = OAuth2Transport { _, _ in F.json("<html>busy</html>", status: .serviceUnavailable) }
        let client = try F.client(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3))
        await #expect(throws: CognitoOAuth2Error.unexpectedResponse) {
            try await client.refresh(CognitoRefreshToken(token: "r"))
        }
        #expect(await transport.requests.count == 3)

        await transport.setHandler { _, _ in throw HTTPTransportError.connectionFailed }
        await #expect(throws: HTTPTransportError.connectionFailed) {
            try await client.refresh(CognitoRefreshToken(token: "r"))
        }
        #expect(await transport.requests.count == 6)
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        await #expect(throws: HTTPTransportError.connectionFailed) {
            try await client.exchange(code: "c", state: authorization.state, for: authorization)
        }
        #expect(await transport.requests.count == 7)

        await transport.setHandler { _, _ in F.json(#"{"error":"slow_down"}"#, status: .tooManyRequests) }
        await #expect(throws: CognitoOAuth2Error.response(error: "slow_down", description: nil, statusCode: 429)) {
            try await client.exchange(code: "c", state: authorization.state, for: authorization)
        }
        #expect(await transport.requests.count == 10)
    }

    @Test("revoke posts the token with client authentication; userInfo sends the Bearer token; the logout URL")
    func revokeUserInfoLogout() async throws {
        let transport = OAuth2Transport { request, _ in
            request.path == "/oauth2/userInfo" ? F.json(#"{"sub":"user","email":"a@example.com"}"#) : F.json("")
        }
        let client = try F.client(transport: transport)
        try await client.revoke(CognitoRefreshToken(token: "refresh-1"))
        let revoke = try #require(await transport.requests(forPath: "/oauth2/revoke").first)
        #expect(revoke.request.method == .post)
        #expect(revoke.request.headerFields[.authorization]?.hasPrefix("Basic ") == true)
        #expect(F.form(revoke.body) == ["token": "refresh-1"])

        let access = try CognitoAccessToken(jwtToken: F.accessToken(exp: 2_000_000_000))
        let info = try await client.userInfo(accessToken: access)
        #expect(info["email"]?.stringValue == "a@example.com")
        let get = try #require(await transport.requests(forPath: "/oauth2/userInfo").first)
        #expect(get.request.method == .get)
        #expect(get.request.headerFields[.authorization] == "Bearer \(access.jwtToken)")

        let logout = client.logoutURL(logoutURI: URL(string: "https://app.example.com/bye")!)
        #expect(logout.path == "/logout")
        #expect(F.query(logout) == ["client_id": F.clientId, "logout_uri": "https://app.example.com/bye"])
        let relogin = try client.logoutURL(redirectingTo: Self.callback, scopes: ["openid"])
        #expect(relogin.url.path == "/logout" && F.query(relogin.url)["state"] == relogin.state)
    }

    @Test("plain http only to loopback; other schemes and hosts refused")
    func domainRules() throws {
        let transport = OAuth2Transport { _, _ in F.json("{}") }
        func make(_ text: String) throws(CognitoConfigurationError) {
            _ = try CognitoOAuth2Client(
                domain: URL(string: text)!, clientId: "c", clientSecret: nil, transport: transport)
        }
        #expect(throws: CognitoConfigurationError.insecureEndpoint) { try make("http://example.com") }
        #expect(throws: CognitoConfigurationError.insecureEndpoint) { try make("http://127.1:9229") }
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try make("ftp://example.com") }
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try make("https://example.com/?a=b") }
        try make("http://127.0.0.1:9229")
        try make("http://localhost:9229")
        try make("https://auth.example.com")
    }

    @Test("no secret, code, verifier, state or token in descriptions or dumps")
    func redaction() async throws {
        let client = try F.client(transport: OAuth2Transport { _, _ in F.json("{}") })
        let authorization = try client.authorization(redirectURI: Self.callback, scopes: ["openid"])
        var dumped = ""
        dump(authorization, to: &dumped)
        dump(client, to: &dumped)
        let texts = [
            dumped, "\(authorization)", String(reflecting: authorization), "\(client)", String(reflecting: client),
        ]
        for text in texts {
            for secret in [authorization.state, authorization.nonce, authorization.codeVerifier, F.secret, "s3cr"] {
                #expect(!text.contains(secret))
            }
        }
        #expect("\(client)".contains(F.clientId))
    }
}

/// The nonce a handler answers with, set after the authorization is made.
final class NonceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var value: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
