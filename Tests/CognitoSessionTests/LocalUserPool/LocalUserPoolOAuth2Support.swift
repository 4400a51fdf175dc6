import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes

/// A pool with a resource server, a public code-flow client, a confidential rotating one, a machine client and a
/// user, and CognitoOAuth2Client instances talking to it in-process.
struct OAuth2PoolFixture {
    static let domain = URL(string: "https://example.auth.us-east-1.amazoncognito.com")!
    static let callback = URL(string: "http://localhost:8765/callback")!
    static let otherCallback = URL(string: "https://app.example.com/callback")!
    static let signOut = URL(string: "http://localhost:8765/signed-out")!
    static let password = "Correct-Horse-1"

    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
    let pool: LocalUserPool
    let secret: String
    let machineSecret: String

    init() async throws {
        pool = try LocalUserPool(clock: clock)
        await pool.addResourceServer(
            .init(identifier: "orders", name: "Orders", scopes: ["read": "Read orders", "write": "Change orders"]))
        try await pool.addClient(
            id: "webclient", allowedOAuthFlows: ["code"], allowedOAuthScopes: ["openid", "email", "orders/read"],
            callbackURLs: [Self.callback.absoluteString, Self.otherCallback.absoluteString],
            logoutURLs: [Self.signOut.absoluteString])
        secret =
            try await pool.addClient(
                id: "confidential", generateSecret: true, refreshTokenRotationGracePeriod: 0,
                allowedOAuthFlows: ["code"], allowedOAuthScopes: ["openid"],
                callbackURLs: [Self.callback.absoluteString]
            ).secret ?? ""
        machineSecret =
            try await pool.addClient(
                id: "machine", generateSecret: true, allowedOAuthFlows: ["client_credentials"],
                allowedOAuthScopes: ["orders/read"], callbackURLs: [Self.callback.absoluteString]
            ).secret ?? ""
        try await pool.createUser(
            username: "alice", password: Self.password, attributes: ["email": "alice@example.com"])
    }

    func client(_ id: String = "webclient", secret: String? = nil) throws -> CognitoOAuth2Client {
        try CognitoOAuth2Client(
            domain: Self.domain, clientId: id, clientSecret: secret, transport: pool,
            configuration: .init(clock: clock, retryPolicy: .none))
    }

    /// Signs in on the page like a browser; returns the redirect's code and state.
    func signIn(
        _ authorization: OAuth2Authorization, password: String = Self.password
    ) async throws -> (
        code: String, state: String
    ) {
        let answer = try await HostedUIBrowser(transport: pool).signIn(
            at: authorization.url, username: "alice", password: password)
        let (code, state, error) = HostedUIBrowser.codeAndState(answer.location)
        guard answer.status == 302, let code, let state else {
            throw OAuth2FixtureError(message: "no code: status \(answer.status), error \(error ?? "none")")
        }
        return (code, state)
    }
}

struct OAuth2FixtureError: Error {
    let message: String
}
