import CognitoSessionTesting
import Foundation
import Logging
import Testing

@testable import CognitoSession

@Suite("Storage that cannot be written: found before a sign-in, survived by a refresh")
struct StorageFailureTests {
    static func pool(
        _ local: LocalUserPool, client: LocalUserPool.AppClient, storage: any SessionStorage,
        clock: ManualClock, logger: Logger? = nil, rotation: Bool = false
    ) throws -> CognitoUserPool {
        try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: client.secret, endpoint: nil,
            storage: storage, transport: local, clock: clock, logger: logger, retryPolicy: .none,
            refreshTokenRotation: rotation, deviceName: "test", retrySleep: { _ in })
    }

    @Test("A sign-in checks that its storage can be written before the password leaves the machine")
    func signInChecksStorageFirst() async throws {
        let fixture = try await PoolFixture()
        let storage = FlakyStorage()
        await storage.failWrites(true)
        let pool = try Self.pool(fixture.local, client: fixture.client, storage: storage, clock: fixture.clock)
        for flow in [AuthenticationFlowType.userSRPAuth, .userPasswordAuth] {
            let user = pool.user(named: "alice")
            let error = await #expect(throws: CognitoUserError.self) {
                try await user.authenticateUser(
                    AuthenticationDetails(
                        username: "alice", password: PoolFixture.password, authenticationFlowType: flow))
            }
            #expect(error == .storageNotWritable)
            #expect(error?.description.contains("disk is full") == true)
        }
        #expect(await fixture.local.requests.isEmpty)
    }

    @Test("A rotated refresh the storage cannot take is returned, kept for the pool, logged, and stored next time")
    func refreshSurvivesFailedWrite() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let local = try LocalUserPool(userPoolId: "us-east-1_Flaky", clock: clock)
        let client = try await local.addClient(id: "flaky-client", refreshTokenRotationGracePeriod: 0)
        try await local.createUser(username: "alice", password: PoolFixture.password)
        let storage = FlakyStorage()
        let records = CapturedLogs()
        let logger = records.logger
        let pool = try Self.pool(local, client: client, storage: storage, clock: clock, logger: logger, rotation: true)
        let user = pool.user(named: "alice")
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: PoolFixture.password))
        let keys = StorageKeys(clientId: client.id)
        let oldRefresh = try #require(await storage.allItems()[keys.refreshToken(username: "alice")])

        clock.advance(by: 3601)
        await storage.failWrites(true)
        let refreshed = try await user.getSession()
        #expect(refreshed.isValid())
        #expect(refreshed.refreshToken.token != oldRefresh)
        #expect(records.all.contains { $0.hasPrefix("warning") && $0.contains("could not be stored") })
        #expect(!records.all.contains { $0.contains(refreshed.refreshToken.token) })
        #expect(await storage.allItems()[keys.refreshToken(username: "alice")] == oldRefresh)

        // Another CognitoUser of the pool gets the new session without a refresh (the old token is dead).
        let other = pool.user(named: "alice")
        #expect(try await other.getSession() == refreshed)
        #expect(await local.requests(for: "GetTokensFromRefreshToken").count == 1)

        // Once the storage works again, the next call stores it.
        await storage.failWrites(false)
        _ = try await user.getSession()
        #expect(await storage.allItems()[keys.refreshToken(username: "alice")] == refreshed.refreshToken.token)
        // And a fresh pool on the same storage refreshes with it.
        clock.advance(by: 3601)
        let later = try Self.pool(local, client: client, storage: storage, clock: clock, rotation: true)
        #expect(try await later.user(named: "alice").getSession().isValid())
    }
}

@Suite("The device of a sign-in is the signing-in user's, never one named by the service")
struct SignInDeviceTests {
    @Test("USER_ID_FOR_SRP naming another user with a remembered device: that device is not used")
    func serverCannotPickAnotherUsersDevice() async throws {
        let fixture = try await MockSessionFixture()
        let keys = fixture.keys
        // alice has no device here; bob has one.
        try await fixture.storage.updateItems(
            set: [:],
            remove: [
                keys.deviceKey(username: "alice"), keys.deviceGroupKey(username: "alice"),
                keys.randomPasswordKey(username: "alice"),
            ])
        let challenge: [String: Any] = [
            "ChallengeName": "PASSWORD_VERIFIER", "Session": "s1",
            "ChallengeParameters": [
                "USER_ID_FOR_SRP": "bob", "USERNAME": "bob", "SRP_B": "2", "SALT": "0a",
                "SECRET_BLOCK": Data("block".utf8).base64EncodedString(),
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: challenge)
        await fixture.mock.enqueue(.json(String(decoding: data, as: UTF8.self)), for: "InitiateAuth")
        await fixture.mock.enqueue(
            .json(#"{"ChallengeName":"DEVICE_SRP_AUTH","Session":"s2","ChallengeParameters":{}}"#),
            for: "RespondToAuthChallenge")
        await #expect(throws: CognitoUserError.noDeviceRemembered) {
            try await fixture.alice.authenticateUser(AuthenticationDetails(username: "alice", password: "pw"))
        }
        for request in await fixture.mock.requests {
            #expect(!(String(data: request.body, encoding: .utf8) ?? "").contains("device-bob"))
        }
    }

    @Test("An alias sign-in finds the device remembered under the canonical name it ended with last time")
    func aliasFindsItsDevice() async throws {
        let fixture = try await PoolFixture(tracking: .always, emailAlias: true)
        try await fixture.signIn("alice@example.com")
        await fixture.local.clearRequestLog()
        try await fixture.signIn("alice@example.com")
        let initiate = await fixture.local.requests(for: "InitiateAuth")
        #expect(initiate.first?.parameterNames.contains("DEVICE_KEY") == true)
        let steps = await fixture.local.requests(for: "RespondToAuthChallenge").map(\.challengeName)
        #expect(steps == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
    }
}

@Suite("User names compared byte for byte")
struct ByteExactUserTests {
    @Test("Two users whose names are canonically equivalent keep their own sessions and refresh separately")
    func equivalentNamesAreTwoUsers() async throws {
        let composed = "Jos\u{E9}"
        let decomposed = "Jose\u{301}"
        #expect(composed == decomposed)  // Swift says equal; Cognito says two users
        let fixture = try await MockSessionFixture()
        let keys = fixture.keys
        let issued = Int(MockSessionFixture.now.timeIntervalSince1970) - 7200
        // One update per user: a Swift dictionary would merge the two names' keys.
        for (name, sub) in [(composed, "sub-composed"), (decomposed, "sub-decomposed")] {
            try await fixture.storage.updateItems(
                set: [
                    keys.idToken(username: name): MockSessionFixture.idToken(name, sub: sub, issued: issued),
                    keys.accessToken(username: name): MockSessionFixture.accessToken(name, sub: sub, issued: issued),
                    keys.refreshToken(username: name): "refresh-\(sub)",
                ], remove: [])
        }
        await fixture.mock.setHandler(for: "InitiateAuth") { request in
            let token = request.json?["AuthParameters"]?["REFRESH_TOKEN"]?.stringValue ?? ""
            let sub = String(token.dropFirst("refresh-".count))
            let name = sub == "sub-composed" ? composed : decomposed
            let now = Int(MockSessionFixture.now.timeIntervalSince1970)
            return MockSessionFixture.refreshAnswer(
                access: MockSessionFixture.accessToken(name, sub: sub, issued: now),
                id: MockSessionFixture.idToken(name, sub: sub, issued: now))
        }
        async let first = fixture.pool.user(named: composed).getSession()
        async let second = fixture.pool.user(named: decomposed).getSession()
        let (a, b) = try await (first, second)
        #expect(a.idToken.sub == "sub-composed")
        #expect(b.idToken.sub == "sub-decomposed")
        #expect(await fixture.mock.requests(for: "InitiateAuth").count == 2)
    }
}
