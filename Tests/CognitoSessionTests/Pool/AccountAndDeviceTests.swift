import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("CognitoUser account, device and sign-out operations against LocalUserPool")
struct AccountAndDeviceTests {
    @Test("signOut revokes the refresh token (origin_jti) and clears tokens and LastAuthUser, not device keys")
    func signOut() async throws {
        let fixture = try await PoolFixture(tracking: .always)
        let (user, session, _) = try await fixture.signIn()
        #expect(session.accessToken.originJti != nil)
        try await user.signOut()
        #expect(await fixture.local.requests(for: "RevokeToken").count == 1)
        let keys = StorageKeys(clientId: "app-client")
        let items = await fixture.storedItems()
        #expect(items[keys.refreshToken(username: "alice")] == nil && items[keys.lastAuthUser] == nil)
        #expect(items[keys.deviceKey(username: "alice")] != nil)
        #expect(user.signInUserSession == nil)
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
        // The revoked token is dead at the service too.
        let again = fixture.pool.user(named: "alice")
        await #expect(throws: CognitoUserError.notSignedIn) { try await again.refreshSession() }
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await again.refreshSession(session.refreshToken)
        }
    }

    @Test("globalSignOut revokes everywhere and clears the session in memory as well as in storage")
    func globalSignOut() async throws {
        let fixture = try await PoolFixture()
        let (user, session, _) = try await fixture.signIn()
        try await user.globalSignOut()
        #expect(user.signInUserSession == nil)
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
        await #expect(throws: CognitoServiceError.notAuthorized) { try await user.refreshSession(session.refreshToken) }
    }

    @Test("Attributes: read, update (with a verification code), verify, delete; getUserData caches until bypassed")
    func attributes() async throws {
        let fixture = try await PoolFixture()
        let (user, _, _) = try await fixture.signIn()
        let attributes = try await user.getUserAttributes()
        #expect(attributes.contains(CognitoUserAttribute(name: "email", value: "alice@example.com")))
        let deliveries = try await user.updateAttributes([
            CognitoUserAttribute(name: "email", value: "new@example.com"),
            CognitoUserAttribute(name: "custom:team", value: "blue"),
        ])
        #expect(deliveries.first?.attributeName == "email")
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .attributeVerification("email")))
        try await user.verifyAttribute("email", code: code)
        let data = try await user.getUserData()
        #expect(data.username == "alice")
        #expect(data.attributes.contains(CognitoUserAttribute(name: "email_verified", value: "true")))
        let getUsers = await fixture.local.requests(for: "GetUser").count
        _ = try await user.getUserData()
        #expect(await fixture.local.requests(for: "GetUser").count == getUsers)  // cached
        _ = try await user.getUserData(bypassCache: true)
        #expect(await fixture.local.requests(for: "GetUser").count == getUsers + 1)
        try await user.deleteAttributes(["custom:team"])
        #expect(try await fixture.local.attributes(ofUser: "alice")["custom:team"] == nil)
        try await user.getAttributeVerificationCode("email")
        #expect(await fixture.local.lastCode(for: "alice", purpose: .attributeVerification("email")) != code)
    }

    @Test("Passwords: change, forgot and confirm; MFA preference; delete user")
    func passwordsAndMFA() async throws {
        let fixture = try await PoolFixture()
        let (user, _, _) = try await fixture.signIn()
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.changePassword(oldPassword: "wrong", newPassword: "Another-Pass-2")
        }
        try await user.changePassword(oldPassword: PoolFixture.password, newPassword: "Another-Pass-2")
        try await fixture.signIn(password: "Another-Pass-2")
        let delivery = try await user.forgotPassword()
        #expect(delivery?.destination == "a***@example.com")
        let code = try #require(await fixture.local.lastCode(for: "alice", purpose: .forgotPassword))
        try await user.confirmPassword(code: code, newPassword: "Third-Pass-3")
        try await fixture.signIn(password: "Third-Pass-3")

        let secret = try await user.associateSoftwareToken()
        guard
            case .signedIn = try await user.verifySoftwareToken(try TOTP.code(secret: secret, at: fixture.clock.now()))
        else { Issue.record("not verified"); return }
        try await user.setUserMfaPreference(sms: nil, softwareToken: MFAPreference(enabled: true, preferred: true))
        #expect(try await user.getUserData(bypassCache: true).preferredMFASetting == "SOFTWARE_TOKEN_MFA")
        let next = try await fixture.pool.user(named: "alice").authenticateUser(
            AuthenticationDetails(username: "alice", password: "Third-Pass-3"))
        guard case .totpRequired = next else { Issue.record("\(next)"); return }

        try await user.deleteUser()
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
    }

    @Test("Devices: remembered status, get, list with pages, forget (which clears the stored keys)")
    func devices() async throws {
        let fixture = try await PoolFixture(tracking: .userOptIn)
        let (user, _, confirmation) = try await fixture.signIn()
        #expect(confirmation)
        let keys = StorageKeys(clientId: "app-client")
        let deviceKey = try #require(await fixture.storedItems()[keys.deviceKey(username: "alice")])
        #expect(await fixture.local.deviceStatus(forUser: "alice", deviceKey: deviceKey)! == (true, false))
        // A user from currentUser() finds the device in storage (JS needs getCachedDeviceKeyAndPassword).
        let current = try #require(try await fixture.pool.currentUser())
        try await current.setDeviceStatusRemembered()
        #expect(await fixture.local.deviceStatus(forUser: "alice", deviceKey: deviceKey)! == (true, true))
        #expect(try await current.getDevice().deviceKey == deviceKey)
        try await fixture.signIn()  // a second device? no: the same one, through device SRP
        let page = try await user.listDevices(limit: 1)
        #expect(page.devices.map(\.deviceKey) == [deviceKey])
        #expect(page.paginationToken == nil)
        try await user.forgetDevice()
        #expect(await fixture.storedItems()[keys.deviceKey(username: "alice")] == nil)
        #expect(await fixture.local.deviceStatus(forUser: "alice", deviceKey: deviceKey) == nil)
        await #expect(throws: CognitoUserError.noDeviceRemembered) { try await user.getDevice() }
    }
}

@Suite("CognitoUser request shapes, checked with MockTransport")
struct RequestShapeTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// A JWT with the given claims (unsigned: the library decodes, never verifies).
    static func jwt(_ claims: [String: Any]) throws -> String {
        let payload = try JSONSerialization.data(withJSONObject: claims)
        return "eyJhbGciOiJSUzI1NiJ9." + Base64URL.encode(Array(payload)) + ".c2ln"
    }

    @Test("REFRESH_TOKEN_AUTH carries REFRESH_TOKEN, DEVICE_KEY and a SECRET_HASH over cognito:username")
    func refreshShape() async throws {
        let mock = MockTransport()
        let clock = ManualClock(now: Self.now)
        let storage = MemoryStorage()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Shape", clientId: "cid", clientSecret: "s3cret",
            endpoint: nil, storage: storage, transport: mock, clock: clock)
        let iat = Int(Self.now.timeIntervalSince1970) - 7200
        let id = try Self.jwt(["cognito:username": "uuid-1", "exp": iat + 3600, "iat": iat, "token_use": "id"])
        let access = try Self.jwt([
            "username": "uuid-1", "exp": iat + 3600, "iat": iat, "token_use": "access",
            "origin_jti": "o",
        ])
        let keys = StorageKeys(clientId: "cid")
        try await storage.updateItems(
            set: [
                keys.idToken(username: "uuid-1"): id, keys.accessToken(username: "uuid-1"): access,
                keys.refreshToken(username: "uuid-1"): "refresh-1", keys.deviceKey(username: "uuid-1"): "us-east-1_dev",
                keys.deviceGroupKey(username: "uuid-1"): "-grp", keys.randomPasswordKey(username: "uuid-1"): "pw",
                keys.lastAuthUser: "uuid-1",
            ], remove: [])
        let fresh = Int(Self.now.timeIntervalSince1970)
        await mock.enqueue(
            .json(
                #"{"AuthenticationResult":{"AccessToken":"\#(try Self.jwt(["username": "uuid-1", "exp": fresh + 3600, "iat": fresh, "client_id": "cid", "sub": "s-1"]))","IdToken":"\#(try Self.jwt(["cognito:username": "uuid-1", "exp": fresh + 3600, "iat": fresh, "aud": "cid", "sub": "s-1"]))","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}"#
            ),
            for: "InitiateAuth")
        let user = try #require(try await pool.currentUser())
        let session = try await user.getSession()
        #expect(session.refreshToken.token == "refresh-1")
        let request = try #require(await mock.requests(for: "InitiateAuth").first)
        let expectedHash = Data(
            try HMACSHA256.authenticationCode(key: Array("s3cret".utf8), message: Array("uuid-1cid".utf8))
        )
        .base64EncodedString()
        #expect(
            request.json
                == .object([
                    "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "cid",
                    "AuthParameters": .object([
                        "REFRESH_TOKEN": "refresh-1", "DEVICE_KEY": "us-east-1_dev",
                        "SECRET_HASH": .string(expectedHash),
                    ]),
                ]))
        #expect(request.request.cognitoOperationName == "InitiateAuth")
    }

    @Test("An unsupported challenge (ADMIN_NO_SRP_AUTH) is a typed error and stores nothing (JS defect #7)")
    func unsupportedChallenge() async throws {
        let mock = MockTransport()
        let storage = MemoryStorage()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Shape", clientId: "cid", clientSecret: nil,
            endpoint: nil, storage: storage, transport: mock)
        await mock.enqueue(
            .json(#"{"ChallengeName":"ADMIN_NO_SRP_AUTH","ChallengeParameters":{},"Session":"s"}"#), for: "InitiateAuth"
        )
        let user = pool.user(named: "alice")
        let error = await #expect(throws: CognitoUserError.self) {
            try await user.authenticateUser(
                AuthenticationDetails(username: "alice", password: "pw", authenticationFlowType: .userPasswordAuth))
        }
        #expect(error == .unsupportedChallenge("ADMIN_NO_SRP_AUTH") && error?.detail == "ADMIN_NO_SRP_AUTH")
        #expect(await storage.allItems().isEmpty)
        let body = try #require(await mock.requests(for: "InitiateAuth").first?.json)
        #expect(body["AuthParameters"] == .object(["USERNAME": "alice", "PASSWORD": "pw"]))
        #expect(body["ClientMetadata"] == nil)
    }
}

@Suite("USER_SRP_AUTH request shapes, checked with MockTransport")
struct SRPRequestShapeTests {
    @Test("InitiateAuth and PASSWORD_VERIFIER bodies carry exactly the JS library's fields, plus SECRET_HASH")
    func srpShapes() async throws {
        let mock = MockTransport()
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_704_603_967))  // Sun Jan 7 05:06:07 UTC 2024
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Shape", clientId: "cid", clientSecret: "s3cret",
            endpoint: nil, storage: MemoryStorage(), transport: mock, clock: clock)
        let verifier = try SRPServer.Verifier(
            poolName: "Shape", username: "uuid-1", password: "pw", salt: BigNumber(0x1234))
        let server = try SRPServer(verifier: verifier)
        await mock.enqueue(
            .json(
                #"""
                {"ChallengeName":"PASSWORD_VERIFIER","Session":"sess-1","ChallengeParameters":{"SALT":"1234",
                "SECRET_BLOCK":"c2VjcmV0LWJsb2Nr","SRP_B":"\#(server.largeB.hexString)","USERNAME":"uuid-1","USER_ID_FOR_SRP":"uuid-1"}}
                """#), for: "InitiateAuth")
        await mock.enqueue(
            .serviceError("NotAuthorizedException", message: "Incorrect username or password."),
            for: "RespondToAuthChallenge")
        let user = pool.user(named: "alice@example.com")
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.authenticateUser(
                AuthenticationDetails(
                    username: "alice@example.com", password: "pw", clientMetadata: ["source": "test"]))
        }
        func hash(_ name: String) throws -> JSONValue {
            .string(
                Data(try HMACSHA256.authenticationCode(key: Array("s3cret".utf8), message: Array((name + "cid").utf8)))
                    .base64EncodedString())
        }
        let initiate = try #require(await mock.requests(for: "InitiateAuth").first?.json)
        #expect(initiate["AuthFlow"] == "USER_SRP_AUTH")
        #expect(initiate["ClientMetadata"] == .object(["source": "test"]))
        #expect(initiate["AuthParameters"]?["USERNAME"] == "alice@example.com")
        #expect(initiate["AuthParameters"]?["SECRET_HASH"] == (try hash("alice@example.com")))
        guard case .object(let parameters)? = initiate["AuthParameters"] else { Issue.record("no parameters"); return }
        #expect(Set(parameters.keys) == ["USERNAME", "SRP_A", "SECRET_HASH"])

        let answer = try #require(await mock.requests(for: "RespondToAuthChallenge").first?.json)
        #expect(answer["ChallengeName"] == "PASSWORD_VERIFIER")
        #expect(answer["Session"] == "sess-1")
        guard case .object(let responses)? = answer["ChallengeResponses"] else { Issue.record("no responses"); return }
        #expect(
            Set(responses.keys) == [
                "USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE",
                "SECRET_HASH",
            ])
        #expect(responses["USERNAME"] == "uuid-1")
        #expect(responses["SECRET_HASH"] == (try hash("uuid-1")))
        #expect(responses["TIMESTAMP"] == "Sun Jan 7 05:06:07 UTC 2024")
        #expect(responses["PASSWORD_CLAIM_SECRET_BLOCK"] == "c2VjcmV0LWJsb2Nr")
        // The signature is the one the server side expects for this exchange.
        let srpA = try #require(initiate["AuthParameters"]?["SRP_A"]?.stringValue)
        let key = try server.derivedKey(clientA: BigNumber(hexadecimal: srpA))
        let expected = try PasswordClaim.signature(
            key: key, poolName: "Shape", userId: "uuid-1",
            secretBlock: "c2VjcmV0LWJsb2Nr", timestamp: "Sun Jan 7 05:06:07 UTC 2024")
        #expect(responses["PASSWORD_CLAIM_SIGNATURE"]?.stringValue == expected)
    }
}

@Suite("Local-only sign-out and adopting a session")
struct LocalSessionTests {
    @Test("signOut(revokingTokens: false) sends nothing; setSignInUserSession stores a session from elsewhere")
    func localOnly() async throws {
        let fixture = try await PoolFixture()
        let (user, session, _) = try await fixture.signIn()
        await fixture.local.clearRequestLog()
        try await user.signOut(revokingTokens: false)
        #expect(await fixture.local.requests.isEmpty)
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
        let other = fixture.pool.user(named: "someone")
        try await other.setSignInUserSession(session)
        #expect(other.username == "alice")
        #expect(try await fixture.pool.currentUser()?.getSession() == session)
    }
}
