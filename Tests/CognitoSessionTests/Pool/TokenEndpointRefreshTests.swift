import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

/// `getSession()` of a pool configured with its domain: refreshes through `POST /oauth2/token`.
@Suite("getSession refreshes through the pool domain's token endpoint")
struct TokenEndpointRefreshTests {
    static let token = "/oauth2/token"

    /// The token endpoint's answer for alice, issued now; a refresh token only when given.
    static func tokenAnswer(refreshToken: String? = nil) -> MockResponse {
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
        var object: [String: Any] = [
            "access_token": MockSessionFixture.accessToken(issued: issued),
            "id_token": MockSessionFixture.idToken(issued: issued), "token_type": "Bearer", "expires_in": 3600,
        ]
        object["refresh_token"] = refreshToken
        let data = (try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)) ?? Data()
        return .json(String(decoding: data, as: UTF8.self))
    }

    static func oauth2Error(_ code: String, status: HTTPResponse.Status = .badRequest) -> MockResponse {
        .json(#"{"error":"\#(code)"}"#, status: status)
    }

    static func fixture(
        secret: String? = nil, device: Bool = false, retryPolicy: RetryPolicy = .none
    ) async throws -> MockSessionFixture {
        try await MockSessionFixture(
            clientSecret: secret, oauth2Domain: MockSessionFixture.domain, aliceHasDevice: device,
            retryPolicy: retryPolicy)
    }

    @Test("200 concurrent getSession calls make one token-endpoint request and no InitiateAuth")
    func concurrentCallsShareOneRequest() async throws {
        let fixture = try await Self.fixture()
        await fixture.mock.setHandler(for: Self.token) { _ in Self.tokenAnswer().delayed(by: .milliseconds(20)) }
        let pool = fixture.pool
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<200 { group.addTask { try await pool.user(named: "alice").getSession().accessToken.jwtToken } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let sent = await fixture.mock.requests(for: Self.token)
        #expect(sent.count == 1)
        #expect(await fixture.mock.requests(for: "InitiateAuth").isEmpty)
        #expect(tokens == [MockSessionFixture.accessToken(issued: Int(MockSessionFixture.now.timeIntervalSince1970))])
        let request = try #require(sent.first)
        #expect(request.request.method == .post)
        #expect(request.request.authority == "mock.auth.us-east-1.amazoncognito.com")
        let form = OAuth2Fixture.form(request.body)
        #expect(form["grant_type"] == "refresh_token")
        #expect(form["refresh_token"] == "refresh-alice")
        #expect(form["client_id"] == MockSessionFixture.clientId)
        #expect(request.request.headerFields[.authorization] == nil)
        // No refresh token in the answer: the old one is kept, the new tokens are stored.
        let items = try await fixture.items()
        #expect(items[fixture.keys.refreshToken(username: "alice")] == "refresh-alice")
        #expect(items[fixture.keys.accessToken(username: "alice")] == tokens.first)
    }

    @Test("A confidential client authenticates with Basic and sends no client_id; a rotated token is stored")
    func confidentialClientAndRotation() async throws {
        let fixture = try await Self.fixture(secret: "the secret")
        await fixture.mock.enqueue(Self.tokenAnswer(refreshToken: "refresh-alice-2"), for: Self.token)
        let session = try await fixture.alice.getSession()
        #expect(session.refreshToken.token == "refresh-alice-2")
        let request = try #require(await fixture.mock.requests(for: Self.token).first)
        let basic = Data("\(MockSessionFixture.clientId):the+secret".utf8).base64EncodedString()
        #expect(request.request.headerFields[.authorization] == "Basic \(basic)")
        #expect(OAuth2Fixture.form(request.body)["client_id"] == nil)
        #expect(try await fixture.items()[fixture.keys.refreshToken(username: "alice")] == "refresh-alice-2")
    }

    @Test("invalid_grant clears alice's tokens, and only hers; the next call says not signed in")
    func invalidGrantClears() async throws {
        let fixture = try await Self.fixture()
        let before = try await fixture.items()
        await fixture.mock.enqueue(Self.oauth2Error("invalid_grant"), for: Self.token)
        let error = await #expect(throws: CognitoOAuth2Error.self) { try await fixture.alice.getSession() }
        #expect(error == .invalidGrant)
        let after = try await fixture.items()
        let keys = fixture.keys
        #expect(after[keys.refreshToken(username: "alice")] == nil)
        #expect(after[keys.accessToken(username: "alice")] == nil)
        let bobs = ["refreshToken", "accessToken", "deviceKey"].map { "\(keys.prefix).bob.\($0)" }
        for key in bobs { #expect(after[key] == before[key], "\(key)") }
        await #expect(throws: CognitoUserError.notSignedIn) { try await fixture.alice.getSession() }
        #expect(await fixture.mock.requests(for: Self.token).count == 1)
    }

    @Test(
        "invalid_client and unauthorized_client are configuration errors that keep every key",
        arguments: ["invalid_client", "unauthorized_client"])
    func clientRefusalsKeep(_ code: String) async throws {
        let fixture = try await Self.fixture(secret: "wrong")
        let before = try await fixture.items()
        await fixture.mock.enqueue(Self.oauth2Error(code, status: .unauthorized), for: Self.token)
        let error = await #expect(throws: CognitoConfigurationError.self) { try await fixture.alice.getSession() }
        #expect(error == .oauth2ClientRejected)
        #expect(error?.oauth2Error?.error == code)
        #expect(error?.serviceExceptionName == code)
        #expect(error?.clientId == MockSessionFixture.clientId)
        #expect(error?.description.contains(code) == true)
        #expect(try await fixture.items() == before)
        // Fixed configuration, same stored tokens: the next call refreshes.
        await fixture.mock.enqueue(Self.tokenAnswer(), for: Self.token)
        #expect(try await fixture.alice.getSession().isValid())
    }

    @Test("A 503 is retried and the retry's tokens are stored")
    func serviceUnavailableThenSuccess() async throws {
        let fixture = try await Self.fixture(retryPolicy: .default)
        await fixture.mock.enqueue(
            .http(status: .serviceUnavailable, body: "<html>busy</html>"), Self.tokenAnswer(), for: Self.token)
        let session = try await fixture.alice.getSession()
        #expect(session.isValid())
        #expect(await fixture.mock.requests(for: Self.token).count == 2)
        #expect(try await fixture.items()[fixture.keys.accessToken(username: "alice")] == session.accessToken.jwtToken)
    }

    @Test("429, 5xx and network faults that outlast the retries keep every key")
    func transientFailuresKeep() async throws {
        let failures: [MockResponse] = [
            Self.oauth2Error("slow_down", status: .tooManyRequests),
            .http(status: .badGateway, body: ""),
            .failure(HTTPTransportError.timedOut),
            .failure(HTTPTransportError.connectionFailed),
        ]
        for failure in failures {
            let fixture = try await Self.fixture(retryPolicy: RetryPolicy(maxAttempts: 2))
            let before = try await fixture.items()
            await fixture.mock.enqueue(failure, failure, for: Self.token)
            await #expect(throws: (any Error).self, "\(failure)") { try await fixture.alice.getSession() }
            #expect(await fixture.mock.requests(for: Self.token).count == 2, "\(failure)")
            #expect(try await fixture.items() == before, "\(failure)")
        }
    }

    @Test("A user with a remembered device refreshes through InitiateAuth with DEVICE_KEY, not the token endpoint")
    func rememberedDeviceUsesInitiateAuth() async throws {
        let fixture = try await Self.fixture(device: true)
        await fixture.mock.enqueue(MockSessionFixture.refreshAnswer(), for: "InitiateAuth")
        #expect(try await fixture.alice.getSession().isValid())
        #expect(await fixture.mock.requests(for: Self.token).isEmpty)
        let sent = try #require(await fixture.mock.requests(for: "InitiateAuth").first)
        #expect(sent.json?["AuthParameters"]?["DEVICE_KEY"]?.stringValue == "us-east-1_device-alice")
    }

    @Test("Without a domain the same session refreshes through InitiateAuth")
    func noDomainUsesInitiateAuth() async throws {
        let fixture = try await MockSessionFixture(aliceHasDevice: false)
        #expect(fixture.pool.oauth2Client == nil)
        await fixture.mock.enqueue(MockSessionFixture.refreshAnswer(), for: "InitiateAuth")
        #expect(try await fixture.alice.getSession().isValid())
        #expect(await fixture.mock.requests.map(\.operation) == ["InitiateAuth"])
    }

    @Test("Tokens issued to another app client are refused and nothing is stored")
    func foreignTokensRefused() async throws {
        let fixture = try await Self.fixture()
        let before = try await fixture.items()
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
        let object: [String: Any] = [
            "access_token": MockSessionFixture.accessToken(issued: issued, client: "other"),
            "id_token": MockSessionFixture.idToken(issued: issued), "token_type": "Bearer",
        ]
        let data = try JSONSerialization.data(withJSONObject: object)
        await fixture.mock.enqueue(.json(String(decoding: data, as: UTF8.self)), for: Self.token)
        await #expect(throws: CognitoUserError.self) { try await fixture.alice.getSession() }
        #expect(try await fixture.items() == before)
    }

    @Test("A hosted-UI session adopted with setSignInUserSession is refreshed through the domain when it expires")
    func hostedSessionRefreshes() async throws {
        let fixture = try await MockSessionFixture(oauth2Domain: MockSessionFixture.domain)
        let oauth = try #require(fixture.pool.oauth2Client)
        let authorization = try oauth.authorization(
            redirectURI: URL(string: "http://localhost:8765/callback")!, scopes: ["openid"])
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
        let idClaims: [String: Any] = [
            "sub": "carol-sub", "cognito:username": "carol", "aud": MockSessionFixture.clientId, "token_use": "id",
            "exp": issued + 3600, "iat": issued, "nonce": authorization.nonce,
        ]
        let accessClaims: [String: Any] = [
            "sub": "carol-sub", "username": "carol", "client_id": MockSessionFixture.clientId,
            "token_use": "access", "exp": issued + 3600, "iat": issued,
        ]
        func answer(refresh: String?) throws -> MockResponse {
            var object: [String: Any] = [
                "access_token": MockSessionFixture.claims(accessClaims),
                "id_token": MockSessionFixture.claims(idClaims), "token_type": "Bearer", "expires_in": 3600,
            ]
            object["refresh_token"] = refresh
            return .json(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        await fixture.mock.enqueue(try answer(refresh: "refresh-carol"), for: Self.token)
        let hosted = try await oauth.exchange(code: "the-code", state: authorization.state, for: authorization)
        let carol = fixture.pool.user(named: "carol")
        try await carol.setSignInUserSession(hosted)
        #expect(try await fixture.pool.currentUser()?.username == "carol")
        #expect(try await carol.getSession() == hosted)
        fixture.clock.advance(by: 3601)
        await fixture.mock.enqueue(try answer(refresh: nil), for: Self.token)
        _ = try await fixture.pool.user(named: "carol").getSession()
        let sent = await fixture.mock.requests(for: Self.token)
        #expect(sent.count == 2)
        #expect(OAuth2Fixture.form(sent[1].body)["refresh_token"] == "refresh-carol")
        #expect(await fixture.mock.requests(for: "InitiateAuth").isEmpty)
    }
}
