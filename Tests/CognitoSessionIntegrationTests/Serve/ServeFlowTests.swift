import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// The library's own flows over URLSessionTransport against `cognito-session serve` (real HTTP, real SRP and
/// device SRP checks, device-bound refresh tokens, rotation, revocation). Each test has its own server.
@Suite(
    "The library against cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct ServeFlowTests {
    static let poolId = "us-east-1_ServeTest1"
    static let password = "Correct-h0rse"
    static let secret = "s3cretForTheServeTestsOnly0123456789abcdefghijklmnop"

    /// A pool that remembers devices when the user opts in, a public, a secret and a rotating client, one user.
    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-serve-tests",
                    "DeviceConfiguration": [
                        "ChallengeRequiredOnNewDevice": false, "DeviceOnlyRememberedOnUserPrompt": true,
                    ],
                    "Clients": [
                        ["ClientName": "public", "ClientId": "publicclient"],
                        [
                            "ClientName": "secret", "ClientId": "secretclient", "GenerateSecret": true,
                            "ClientSecret": secret,
                        ],
                        [
                            "ClientName": "rotating", "ClientId": "rotatingclient",
                            "RefreshTokenRotation": ["Feature": "ENABLED", "RetryGracePeriodSeconds": 0],
                        ],
                    ],
                    "Users": [
                        ["Username": "alice", "Password": password, "Attributes": ["email": "alice@example.com"]]
                    ],
                ]
            ]
        ]
    }

    func pool(
        _ server: ServeServer, client: String = "publicclient", secret: String? = nil,
        clock: OffsetClock, rotation: Bool = false, storage: any SessionStorage = MemoryStorage()
    )
        throws -> CognitoUserPool
    {
        try CognitoUserPool(
            userPoolId: Self.poolId, clientId: client, clientSecret: secret, endpoint: server.endpoint,
            storage: storage, transport: URLSessionTransport(requestTimeout: .seconds(10)),
            clock: clock, retryPolicy: .none, refreshTokenRotation: rotation)
    }

    func signIn(_ pool: CognitoUserPool) async throws -> (CognitoUserSession, Bool) {
        let step = try await pool.user(named: "alice").authenticateUser(
            AuthenticationDetails(username: "alice", password: Self.password))
        guard case .signedIn(let session, let confirmation) = step else {
            throw MotoSetupError("expected tokens, got \(step)")
        }
        return (session, confirmation)
    }

    @Test("Devices: confirmed and remembered, the expired session refreshes with the device key, device SRP next time")
    func deviceStory() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let clock = OffsetClock()
            let storage = MemoryStorage()
            let library = try pool(server, clock: clock, storage: storage)
            let (first, confirmation) = try await signIn(library)
            #expect(confirmation)
            let user = library.user(named: "alice")
            try await user.setDeviceStatusRemembered()
            let devices = try await user.listDevices()
            #expect(devices.devices.count == 1)

            clock.advance(by: 3601)
            try await server.advanceClock(by: 3601)
            let refreshed = try await user.getSession()
            #expect(refreshed.accessToken.jwtToken != first.accessToken.jwtToken)
            #expect(refreshed.isValid())

            // The second sign-in on this device answers DEVICE_SRP_AUTH, checked against the verifier.
            _ = try await signIn(library)
            let challenges = try await server.challenges(pool: Self.poolId)
            #expect(challenges.contains("DEVICE_SRP_AUTH"))
            #expect(challenges.contains("DEVICE_PASSWORD_VERIFIER"))
            #expect(try await user.listDevices().devices.map(\.deviceKey) == devices.devices.map(\.deviceKey))
            try await user.forgetDevice()
            #expect(try await user.listDevices().devices.isEmpty)
        }
    }

    @Test("Rotation: the refresh gives a new refresh token and the old one is refused after the grace period")
    func rotation() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let clock = OffsetClock()
            let library = try pool(server, client: "rotatingclient", clock: clock, rotation: true)
            let (first, _) = try await signIn(library)
            let user = library.user(named: "alice")
            clock.advance(by: 3601)
            try await server.advanceClock(by: 3601)
            let refreshed = try await user.getSession()
            #expect(refreshed.refreshToken.token != first.refreshToken.token)
            // The stored, rotated token refreshes again (and rotates again).
            let again = try await user.refreshSession()
            #expect(again.refreshToken.token != refreshed.refreshToken.token)
            try await server.advanceClock(by: 1)
            let error = await #expect(throws: (any Error).self) { try await user.refreshSession(first.refreshToken) }
            #expect(String(describing: error).contains("RefreshTokenReuseException"))
        }
    }

    @Test("A client with a secret: SECRET_HASH on every step and on the refresh; a wrong secret is refused")
    func secretClient() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let clock = OffsetClock()
            let library = try pool(server, client: "secretclient", secret: Self.secret, clock: clock)
            let (first, _) = try await signIn(library)
            clock.advance(by: 3601)
            try await server.advanceClock(by: 3601)
            let refreshed = try await library.user(named: "alice").getSession()
            #expect(refreshed.accessToken.jwtToken != first.accessToken.jwtToken)

            let wrong = try pool(server, client: "secretclient", secret: "not-the-secret", clock: clock)
            let error = await #expect(throws: (any Error).self) { try await signIn(wrong) }
            #expect(String(describing: error).contains("NotAuthorizedException"))
        }
    }

    @Test("signOut revokes the refresh token at the server; globalSignOut ends every session")
    func revocation() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let clock = OffsetClock()
            let library = try pool(server, clock: clock)
            let (first, _) = try await signIn(library)
            let user = library.user(named: "alice")
            try await user.signOut()
            let revoked = await #expect(throws: (any Error).self) { try await user.refreshSession(first.refreshToken) }
            #expect(String(describing: revoked).contains("NotAuthorizedException"))

            let (second, _) = try await signIn(library)
            let elsewhere = try pool(server, clock: clock)
            let (other, _) = try await signIn(elsewhere)
            try await elsewhere.user(named: "alice").globalSignOut()
            let ended = await #expect(throws: (any Error).self) { try await user.refreshSession(second.refreshToken) }
            #expect(String(describing: ended).contains("NotAuthorizedException"))
            #expect(other.refreshToken.token != second.refreshToken.token)
        }
    }
}
