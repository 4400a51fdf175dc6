import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// Passkeys over real HTTP against `cognito-session serve`: the relying party comes from the pool's
/// `WebAuthnConfiguration` in `--config`, and SoftwarePasskey plays the authenticator.
@Suite(
    "Passkeys against cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct ServePasskeyTests {
    static let poolId = "us-east-1_ServeKeys1"
    static let password = "Correct-h0rse"
    static let origin = "https://app.example.com"

    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-serve-passkeys",
                    "WebAuthnConfiguration": ["RelyingPartyId": "example.com", "UserVerification": "required"],
                    "Policies": ["SignInPolicy": ["AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]]],
                    "Clients": [
                        [
                            "ClientName": "public", "ClientId": "passkeyclient",
                            "ExplicitAuthFlows": [
                                "ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                            ],
                        ]
                    ],
                    "Users": [
                        ["Username": "alice", "Password": password, "Attributes": ["email": "alice@example.com"]]
                    ],
                ]
            ]
        ]
    }

    func signedIn(_ server: ServeServer) async throws -> CognitoUser {
        let pool = try CognitoUserPool(
            userPoolId: Self.poolId, clientId: "passkeyclient", clientSecret: nil, endpoint: server.endpoint,
            storage: MemoryStorage(), transport: URLSessionTransport(requestTimeout: .seconds(10)),
            clock: OffsetClock(), retryPolicy: .none)
        let user = pool.user(named: "alice")
        guard
            case .signedIn = try await user.authenticateUser(
                AuthenticationDetails(username: "alice", password: Self.password))
        else { throw ServePasskeyError.notSignedIn }
        return user
    }

    @Test("Register ES256 and RS256 passkeys, list them, delete one; a foreign origin is refused by name")
    func management() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let user = try await signedIn(server)
            let options = try await user.startWebAuthnRegistration()
            #expect(options.contains("\"example.com\"") && options.contains("\"required\""))
            let es256 = try SoftwarePasskey()
            try await user.completeWebAuthnRegistration(
                credential: try es256.register(creationOptions: options, origin: Self.origin))
            let rs256 = try SoftwarePasskey(algorithm: .rs256)
            try await user.completeWebAuthnRegistration(
                credential: try rs256.register(
                    creationOptions: try await user.startWebAuthnRegistration(), origin: Self.origin))
            let listed = try await user.listWebAuthnCredentials()
            #expect(listed.credentials.map(\.credentialId) == [es256.credentialId, rs256.credentialId])
            try await user.deleteWebAuthnCredential(id: try #require(rs256.credentialId))
            #expect(try await user.listWebAuthnCredentials().credentials.map(\.credentialId) == [es256.credentialId])

            let careless = try SoftwarePasskey(checksClient: false)
            let foreign = try careless.register(
                creationOptions: try await user.startWebAuthnRegistration(), origin: "https://example.org")
            await #expect(throws: CognitoServiceError(name: "WebAuthnOriginNotAllowedException")) {
                try await user.completeWebAuthnRegistration(credential: foreign)
            }
        }
    }
}

struct ServePasskeyError: Error { static let notSignedIn = ServePasskeyError() }
