import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The choice-based sign-in (USER_AUTH) over URLSessionTransport against `cognito-session serve`: the pool's
/// `SignInPolicy` from the configuration, codes read from the `/_local/` controls, devices and refreshes.
@Suite(
    "USER_AUTH against cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct UserAuthServeTests {
    static let poolId = "us-east-1_ServeUserAuth"
    static let password = "Correct-h0rse"
    static let secret = "s3cretForTheUserAuthServeTestsOnly0123456789abcdefghij"

    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-serve-user-auth",
                    "Policies": ["SignInPolicy": ["AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]]],
                    "DeviceConfiguration": [
                        "ChallengeRequiredOnNewDevice": false, "DeviceOnlyRememberedOnUserPrompt": false,
                    ],
                    "Clients": [
                        [
                            "ClientName": "secret", "ClientId": "userauthsecret", "GenerateSecret": true,
                            "ClientSecret": secret, "AuthSessionValidity": 15,
                            "ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                        ],
                        [
                            "ClientName": "srp-only", "ClientId": "srponlyclient",
                            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                        ],
                    ],
                    "Users": [
                        [
                            "Username": "alice", "Password": password,
                            "Attributes": ["email": "alice@example.com", "phone_number": "+15555550100"],
                        ]
                    ],
                ]
            ]
        ]
    }

    func pool(_ server: ServeServer, client: String = "userauthsecret", clock: OffsetClock) throws -> CognitoUserPool {
        try CognitoUserPool(
            userPoolId: Self.poolId, clientId: client, clientSecret: client == "userauthsecret" ? Self.secret : nil,
            endpoint: server.endpoint, storage: MemoryStorage(),
            transport: URLSessionTransport(requestTimeout: .seconds(10)), clock: clock, retryPolicy: .none)
    }

    /// The newest code the pool sent to alice for `purpose` (`EMAIL_OTP`, `SMS_OTP`, `SignUp`).
    static func lastCode(_ server: ServeServer, _ purpose: String, user: String = "alice") async throws -> String {
        let url = server.endpoint.appendingPathComponent("_local/pools/\(poolId)/messages")
        var components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        components.queryItems = [URLQueryItem(name: "username", value: user)]
        let (data, _) = try await URLSession.shared.data(from: try #require(components.url))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let messages = object["Messages"] as? [[String: Any]] ?? []
        return try #require(messages.last { $0["Purpose"] as? String == purpose }?["Code"] as? String)
    }

    /// The pool's request log: operation, flow or challenge, parameter names.
    static func requests(_ server: ServeServer) async throws -> [[String: Any]] {
        let url = server.endpoint.appendingPathComponent("_local/pools/\(poolId)/requests")
        let (data, _) = try await URLSession.shared.data(from: url)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return object["Requests"] as? [[String: Any]] ?? []
    }

    static func details(_ preferred: ChallengeName?, password: String = "") -> AuthenticationDetails {
        AuthenticationDetails(
            username: "alice", password: password, authenticationFlowType: .userAuth, preferredChallenge: preferred)
    }

    @Test("Each first factor signs in over HTTP, with SECRET_HASH on every step")
    func eachFactor() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let library = try pool(server, clock: OffsetClock())
            for factor in [ChallengeName.password, .passwordSRP, .emailOTP, .smsOTP] {
                let user = library.user(named: "alice")
                var step = try await user.authenticateUser(Self.details(factor, password: Self.password))
                if case .emailOTPRequired = step {
                    step = try await user.sendMFACode(try await Self.lastCode(server, "EMAIL_OTP"))
                }
                if case .smsOTPRequired = step {
                    step = try await user.sendMFACode(try await Self.lastCode(server, "SMS_OTP"))
                }
                guard case .signedIn(let session, _) = step else {
                    Issue.record("\(factor): \(step)")
                    continue
                }
                #expect(session.isValid())
            }
            let answered = try await Self.requests(server).filter {
                $0["Operation"] as? String == "RespondToAuthChallenge"
            }
            #expect(answered.allSatisfy { ($0["ParameterNames"] as? [String])?.contains("SECRET_HASH") == true })
        }
    }

    @Test("SELECT_CHALLENGE offers the configured factors; a wrong, an expired and too many codes are refused")
    func selectionAndRefusals() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let library = try pool(server, clock: OffsetClock())
            let user = library.user(named: "alice")
            let first = try await user.authenticateUser(Self.details(nil))
            guard case .selectChallenge(let available) = first else { Issue.record("\(first)"); return }
            #expect(available == [.password, .passwordSRP, .emailOTP, .smsOTP])
            guard case .emailOTPRequired = try await user.selectChallenge(.emailOTP) else {
                Issue.record("no EMAIL_OTP")
                return
            }
            let wrong = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode("000000") }
            #expect(wrong?.serviceExceptionName == "CodeMismatchException")
            // The client's session lasts 15 minutes; the code 3.
            try await server.advanceClock(by: 181)
            let code = try await Self.lastCode(server, "EMAIL_OTP")
            let expired = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode(code) }
            #expect(expired?.serviceExceptionName == "ExpiredCodeException")

            _ = try await user.authenticateUser(Self.details(.smsOTP))
            let sms = try await Self.lastCode(server, "SMS_OTP")
            for _ in 0..<3 { _ = try? await user.sendMFACode("bad") }
            let ended = await #expect(throws: CognitoServiceError.self) { try await user.sendMFACode(sms) }
            #expect(ended?.serviceExceptionName == "NotAuthorizedException")
        }
    }

    @Test("A client without ALLOW_USER_AUTH refuses USER_AUTH and still signs in with SRP")
    func clientWithoutUserAuth() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let library = try pool(server, client: "srponlyclient", clock: OffsetClock())
            let error = await #expect(throws: CognitoServiceError.self) {
                try await library.user(named: "alice").authenticateUser(Self.details(.emailOTP))
            }
            #expect(error?.serviceExceptionName == "InvalidParameterException")
            guard
                case .signedIn = try await library.user(named: "alice").authenticateUser(
                    AuthenticationDetails(username: "alice", password: Self.password))
            else { Issue.record("no SRP sign-in"); return }
        }
    }

    @Test(
        "Device remembered at an EMAIL_OTP sign-in; the next USER_AUTH passes device SRP and refreshes with DEVICE_KEY")
    func devices() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let clock = OffsetClock()
            let library = try pool(server, clock: clock)
            let user = library.user(named: "alice")
            _ = try await user.authenticateUser(Self.details(.emailOTP))
            guard
                case .signedIn(let first, _) = try await user.sendMFACode(try await Self.lastCode(server, "EMAIL_OTP"))
            else { Issue.record("not signed in"); return }
            let device = try #require(first.accessToken.deviceKey)
            _ = try await user.authenticateUser(Self.details(.smsOTP))
            guard case .signedIn(let second, _) = try await user.sendMFACode(try await Self.lastCode(server, "SMS_OTP"))
            else { Issue.record("not signed in"); return }
            #expect(second.accessToken.deviceKey == device)
            #expect(
                try await server.challenges(pool: Self.poolId).suffix(2) == [
                    "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER",
                ])

            try await server.advanceClock(by: 3601)
            clock.advance(by: 3601)
            let refreshed = try await user.getSession()
            #expect(refreshed.accessToken.deviceKey == device)
            let refresh = try await Self.requests(server).last {
                $0["AuthFlow"] as? String == "REFRESH_TOKEN_AUTH"
            }
            #expect((refresh?["ParameterNames"] as? [String])?.contains("DEVICE_KEY") == true)
        }
    }

    @Test("Sign-up, confirmation with SignUp's Session, then sign-in with ConfirmSignUp's Session")
    func signUpThenSignIn() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let library = try pool(server, clock: OffsetClock())
            let result = try await library.signUp(
                username: "carol", password: "Carol-Pass-1",
                userAttributes: [CognitoUserAttribute(name: "email", value: "carol@example.com")])
            let code = try await Self.lastCode(server, "SignUp", user: "carol")
            let session = try #require(try await result.user.confirmRegistration(code: code, session: result.session))
            guard case .signedIn(let signedIn, _) = try await result.user.signIn(afterSignUp: session) else {
                Issue.record("not signed in")
                return
            }
            #expect(signedIn.isValid() && result.user.username == "carol")
        }
    }
}
