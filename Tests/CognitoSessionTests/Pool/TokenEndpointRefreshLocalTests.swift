import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// Hosted-UI sessions refreshed by `getSession()` through LocalUserPool's token endpoint.
@Suite("getSession of a hosted-UI session against LocalUserPool's token endpoint")
struct TokenEndpointRefreshLocalTests {
    typealias Fixture = OAuth2PoolFixture

    /// A pool client over the pool refreshing through the domain, and alice signed in on the hosted UI.
    static func signedIn(
        _ fixture: Fixture, client: String = "webclient", secret: String? = nil,
        storage: any SessionStorage = MemoryStorage(), retryPolicy: RetryPolicy = .none
    ) async throws -> (CognitoUserPool, CognitoUserSession) {
        let pool = try CognitoUserPool(
            userPoolId: fixture.pool.userPoolId, clientId: client, clientSecret: secret, storage: storage,
            transport: fixture.pool,
            configuration: .init(retryPolicy: retryPolicy, clock: fixture.clock, oauth2Domain: Fixture.domain),
            retrySleep: { _ in })
        let oauth = try #require(pool.oauth2Client)
        let authorization = try oauth.authorization(redirectURI: Fixture.callback, scopes: ["openid"])
        let (code, state) = try await fixture.signIn(authorization)
        let session = try await oauth.exchange(code: code, state: state, for: authorization)
        try await pool.user(named: "alice").setSignInUserSession(session)
        return (pool, session)
    }

    static func refreshes(_ pool: LocalUserPool) async -> Int {
        await pool.requests(for: "POST \(OAuth2Path.token)").filter { $0.authFlow == "refresh_token" }.count
    }

    @Test("200 concurrent getSession calls after expiry make one refresh_token request, and no InitiateAuth")
    func concurrentCalls() async throws {
        let fixture = try await Fixture()
        let (pool, hosted) = try await Self.signedIn(fixture)
        fixture.clock.advance(by: 3601)
        let sessions = try await withThrowingTaskGroup(of: CognitoUserSession.self) { group in
            for _ in 0..<200 { group.addTask { try await pool.user(named: "alice").getSession() } }
            return try await group.reduce(into: [CognitoUserSession]()) { $0.append($1) }
        }
        #expect(await Self.refreshes(fixture.pool) == 1)
        #expect(await fixture.pool.requests(for: "InitiateAuth").isEmpty)
        #expect(Set(sessions.map(\.accessToken.jwtToken)).count == 1)
        let session = try #require(sessions.first)
        #expect(session.isValid())
        #expect(session.accessToken.jwtToken != hosted.accessToken.jwtToken)
        #expect(session.refreshToken == hosted.refreshToken)
        #expect(try await pool.user(named: "alice").getSession() == session)
        #expect(await Self.refreshes(fixture.pool) == 1)
    }

    @Test("A revoked refresh token is invalid_grant: the session is cleared and the next call says not signed in")
    func revokedClears() async throws {
        let fixture = try await Fixture()
        let storage = MemoryStorage()
        let (pool, hosted) = try await Self.signedIn(fixture, storage: storage)
        try await #require(pool.oauth2Client).revoke(hosted.refreshToken)
        fixture.clock.advance(by: 3601)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) { try await pool.user(named: "alice").getSession() }
        let keys = StorageKeys(clientId: "webclient")
        #expect(try await storage.getItem(keys.refreshToken(username: "alice")) == nil)
        await #expect(throws: CognitoUserError.notSignedIn) { try await pool.user(named: "alice").getSession() }
    }

    @Test("A wrong secret is invalid_client: a configuration error; the right secret then refreshes the same tokens")
    func wrongSecretKeeps() async throws {
        let fixture = try await Fixture()
        let storage = MemoryStorage()
        _ = try await Self.signedIn(fixture, client: "confidential", secret: fixture.secret, storage: storage)
        fixture.clock.advance(by: 3601)
        let before = await storage.allItems()
        let wrong = try CognitoUserPool(
            userPoolId: fixture.pool.userPoolId, clientId: "confidential", clientSecret: "not-the-secret",
            storage: storage, transport: fixture.pool,
            configuration: .init(retryPolicy: .none, clock: fixture.clock, oauth2Domain: Fixture.domain),
            retrySleep: { _ in })
        let error = await #expect(throws: CognitoConfigurationError.self) {
            try await wrong.user(named: "alice").getSession()
        }
        #expect(error == .oauth2ClientRejected)
        #expect(error?.oauth2Error?.error == "invalid_client")
        #expect(await storage.allItems() == before)
        let right = try CognitoUserPool(
            userPoolId: fixture.pool.userPoolId, clientId: "confidential", clientSecret: fixture.secret,
            storage: storage, transport: fixture.pool,
            configuration: .init(retryPolicy: .none, clock: fixture.clock, oauth2Domain: Fixture.domain),
            retrySleep: { _ in })
        let session = try await right.user(named: "alice").getSession()
        #expect(session.isValid())
        // The confidential client rotates: the new refresh token is stored with the new tokens.
        let keys = StorageKeys(clientId: "confidential")
        #expect(before[keys.refreshToken(username: "alice")] != session.refreshToken.token)
        #expect(try await storage.getItem(keys.refreshToken(username: "alice")) == session.refreshToken.token)
    }

    @Test("A 503 from the token endpoint is retried; the retry's tokens are stored")
    func unavailableThenSuccess() async throws {
        let fixture = try await Fixture()
        let storage = MemoryStorage()
        let (pool, _) = try await Self.signedIn(fixture, storage: storage, retryPolicy: .default)
        fixture.clock.advance(by: 3601)
        await fixture.pool.inject(.serverError(status: 503), into: OAuth2Path.token)
        let session = try await pool.user(named: "alice").getSession()
        #expect(session.isValid())
        #expect(await Self.refreshes(fixture.pool) == 2)
        let keys = StorageKeys(clientId: "webclient")
        #expect(try await storage.getItem(keys.accessToken(username: "alice")) == session.accessToken.jwtToken)
    }

    @Test("An expired refresh token is invalid_grant and clears the session")
    func expiredRefreshToken() async throws {
        let fixture = try await Fixture()
        let storage = MemoryStorage()
        let (pool, _) = try await Self.signedIn(fixture, storage: storage)
        fixture.clock.advance(by: 31 * 86_400)
        await #expect(throws: CognitoOAuth2Error.invalidGrant) { try await pool.user(named: "alice").getSession() }
        #expect(try await pool.currentUser()?.username == nil)
    }
}
