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

    func library(_ server: ServeServer) throws -> CognitoUserPool {
        try CognitoUserPool(
            userPoolId: Self.poolId, clientId: "passkeyclient", clientSecret: nil, endpoint: server.endpoint,
            storage: MemoryStorage(), transport: URLSessionTransport(requestTimeout: .seconds(10)),
            clock: OffsetClock(), retryPolicy: .none)
    }

    func signedIn(_ server: ServeServer) async throws -> CognitoUser {
        let user = try library(server).user(named: "alice")
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

    @Test("USER_AUTH with PREFERRED_CHALLENGE=WEB_AUTHN signs in with the passkey; a replayed counter is refused")
    func signIn() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let registering = try await signedIn(server)
            let passkey = try SoftwarePasskey()
            try await registering.completeWebAuthnRegistration(
                credential: try passkey.register(
                    creationOptions: try await registering.startWebAuthnRegistration(), origin: Self.origin))
            let pool = try library(server)
            func start() async throws -> (CognitoUser, String) {
                let user = pool.user(named: "alice")
                let step = try await user.authenticateUser(
                    AuthenticationDetails(
                        username: "alice", authenticationFlowType: .userAuth, preferredChallenge: .webAuthn))
                guard case .webAuthnRequired(let options) = step else { throw ServePasskeyError.notSignedIn }
                return (user, options)
            }
            let (user, options) = try await start()
            let step = try await user.sendWebAuthnCredential(
                try passkey.authenticate(requestOptions: options, origin: Self.origin))
            guard case .signedIn(let session, _) = step else { throw ServePasskeyError.notSignedIn }
            #expect(session.isValid())

            passkey.signatureCount = 0
            let (again, replayOptions) = try await start()
            let replayed = try passkey.authenticate(requestOptions: replayOptions, origin: Self.origin)
            await #expect(throws: CognitoServiceError.notAuthorized) {
                _ = try await again.sendWebAuthnCredential(replayed)
            }
        }
    }
}

struct ServePasskeyError: Error { static let notSignedIn = ServePasskeyError() }
