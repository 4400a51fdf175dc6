// The worked examples of CognitoSession.docc/Testing.md, kept compiling and passing here (public API only).
import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The app code under test: a client that puts a fresh access token on each request.
struct ProfileClient {
    let user: CognitoUser

    func request(for url: URL) async throws -> URLRequest {
        let session = try await user.getSession()
        var request = URLRequest(url: url)
        request.setValue("Bearer \(session.accessToken.jwtToken)", forHTTPHeaderField: "Authorization")
        return request
    }
}

@Suite("CognitoSession.docc/Testing.md worked examples")
struct TestingGuideExampleTests {
    @Test("With LocalUserPool: expired tokens are refreshed once, with the device key")
    func refreshesWithDeviceKey() async throws {
        let clock = ManualClock(now: Date())
        let local = try LocalUserPool(clock: clock)
        await local.setDeviceTracking(.always)
        let client = try await local.addClient(id: "my-app")
        try await local.createUser(username: "alice", password: "Correct-Horse-1")
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: local, clock: clock)
        let user = pool.user(named: "alice")
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "Correct-Horse-1"))
        let app = ProfileClient(user: user)

        clock.advance(by: 3600)  // the tokens expire; nobody waits
        let url = URL(string: "https://api.example.com/me")!
        async let first = app.request(for: url)
        async let second = app.request(for: url)
        let (a, b) = try await (first, second)

        #expect(a.value(forHTTPHeaderField: "Authorization") == b.value(forHTTPHeaderField: "Authorization"))
        let refreshes = await local.requests(for: "InitiateAuth").filter { $0.authFlow == "REFRESH_TOKEN_AUTH" }
        #expect(refreshes.count == 1)
        #expect(refreshes[0].parameterNames.contains("DEVICE_KEY"))
    }

    @Test("With MockTransport: the app surfaces a throttled refresh and keeps the session")
    func throttledRefresh() async throws {
        let mock = MockTransport()
        let storage = MemoryStorage()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Example", clientId: "my-app", clientSecret: nil,
            endpoint: nil, storage: storage, transport: mock, retryPolicy: .none)
        // A stored, expired session (what a previous run left behind).
        let keys = StorageKeys(clientId: "my-app")
        let expired = Self.jwt(["exp": 1_000, "iat": 0])
        try await storage.updateItems(
            set: [
                keys.idToken(username: "alice"): expired, keys.accessToken(username: "alice"): expired,
                keys.refreshToken(username: "alice"): "refresh-token", keys.lastAuthUser: "alice",
            ], remove: [])
        await mock.enqueue(.serviceError("TooManyRequestsException", message: "Rate exceeded"), for: "InitiateAuth")

        let app = ProfileClient(user: pool.user(named: "alice"))
        await #expect(throws: CognitoServiceError.tooManyRequests) {
            try await app.request(for: URL(string: "https://api.example.com/me")!)
        }
        #expect(try await storage.getItem(keys.refreshToken(username: "alice")) == "refresh-token")
        let sent = try #require(await mock.requests(for: "InitiateAuth").first)
        #expect(sent.json?["AuthFlow"] == "REFRESH_TOKEN_AUTH")
        #expect(sent.json?["AuthParameters"]?["REFRESH_TOKEN"] == "refresh-token")
    }

    /// An unsigned JWT with `claims` (the library decodes tokens; it does not verify them).
    static func jwt(_ claims: [String: Int]) -> String {
        let body = claims.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
        let payload = Data("{\(body)}".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        return "eyJhbGciOiJub25lIn0.\(payload).c2ln"
    }
}
