import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("SessionStore: sessions and devices under the JS library's keys")
struct SessionStoreTests {
    static let clientId = "5ts8s8f0ph1ftbngkp6ucgjc2c"
    static let sub = "d4e8a0b2-6c1f-4b7e-9a3d-2f5c8e1b7a90"
    static let keys = StorageKeys(clientId: clientId)

    static func fixture() throws -> (url: URL, items: [String: String]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/js-localstorage-session.json")
        return (url, try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url)))
    }

    private func checkFixtureSession(_ storage: any SessionStorage) async throws {
        let clock = ManualClock(secondsSince1970: 1_700_000_000 + 1800)
        let store = SessionStore(storage: storage, clientId: Self.clientId, clock: clock)
        let items = try Self.fixture().items

        #expect(try await store.lastAuthUser() == Self.sub)
        let session = try #require(try await store.loadSession(username: Self.sub))
        #expect(session.idToken.jwtToken == items[Self.keys.idToken(username: Self.sub)])
        #expect(session.accessToken.jwtToken == items[Self.keys.accessToken(username: Self.sub)])
        #expect(session.refreshToken.token == items[Self.keys.refreshToken(username: Self.sub)])
        #expect(session.clockDrift == 0)
        #expect(session.accessToken.expiration == Date(timeIntervalSince1970: 1_700_003_600))
        #expect(session.accessToken.deviceKey == "us-east-1_3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b")
        #expect(session.idToken.email == "alice@example.com")
        #expect(session.isValid())
        clock.advance(by: 1800)
        #expect(!session.isValid())

        let device = try #require(try await store.loadDevice(username: Self.sub))
        #expect(device.deviceKey == "us-east-1_3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b")
        #expect(device.deviceGroupKey == "-Xy7Zq1Ab")
        #expect(device.randomPassword.count == 56)
    }

    @Test("A JS localStorage export reads back as a session, from memory")
    func jsFixtureInMemory() async throws {
        try await checkFixtureSession(MemoryStorage(try Self.fixture().items))
    }

    @Test("A JS localStorage export saved as the FileStorage file reads back as a session")
    func jsFixtureAsFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try FileManager.default.copyItem(at: try Self.fixture().url, to: file)
        try await checkFixtureSession(FileStorage(fileURL: file))
    }

    @Test("Saving writes the five keys cacheTokens writes, in one update, and reads back equal")
    func saveAndLoad() async throws {
        let clock = ManualClock(secondsSince1970: 1_700_000_007)
        let storage = MemoryStorage()
        let store = SessionStore(storage: storage, clientId: Self.clientId, clock: clock)
        let session = try TestJWT.session(
            accessExp: 1_700_003_600, idExp: 1_700_003_600, iat: 1_700_000_000, clock: clock)
        try await store.saveSession(session, username: "alice")

        let items = await storage.allItems()
        #expect(
            Set(items.keys) == [
                Self.keys.idToken(username: "alice"), Self.keys.accessToken(username: "alice"),
                Self.keys.refreshToken(username: "alice"), Self.keys.clockDrift(username: "alice"),
                Self.keys.lastAuthUser,
            ])
        #expect(items[Self.keys.clockDrift(username: "alice")] == "7")
        #expect(items[Self.keys.lastAuthUser] == "alice")
        #expect(try await store.loadSession(username: "alice") == session)
        #expect(try await store.loadSession(username: "bob") == nil)
    }

    @Test("clearTokens removes tokens, drift, userData and LastAuthUser; device keys and other users stay")
    func clearTokens() async throws {
        let (_, fixture) = try Self.fixture()
        let other = Self.keys.idToken(username: "bob")
        let storage = MemoryStorage(fixture.merging([other: "bob's token"]) { $1 })
        let store = SessionStore(storage: storage, clientId: Self.clientId)
        try await store.clearTokens(username: Self.sub)

        let items = await storage.allItems()
        for removed in [
            Self.keys.idToken(username: Self.sub), Self.keys.accessToken(username: Self.sub),
            Self.keys.refreshToken(username: Self.sub), Self.keys.clockDrift(username: Self.sub),
            Self.keys.userData(username: Self.sub), Self.keys.lastAuthUser,
        ] { #expect(items[removed] == nil, "\(removed) was kept") }
        for kept in [
            Self.keys.deviceKey(username: Self.sub), Self.keys.randomPasswordKey(username: Self.sub),
            Self.keys.deviceGroupKey(username: Self.sub), other, "aws.cognito.test-ls",
        ] { #expect(items[kept] == fixture[kept] ?? "bob's token", "\(kept) was removed") }
        #expect(try await store.loadDevice(username: Self.sub) != nil)
    }

    @Test("clearTokens keeps LastAuthUser when it names someone else")
    func clearTokensOfAnotherUser() async throws {
        let storage = MemoryStorage([Self.keys.lastAuthUser: "bob", Self.keys.idToken(username: "alice"): "x"])
        try await SessionStore(storage: storage, clientId: Self.clientId).clearTokens(username: "alice")
        #expect(await storage.allItems() == [Self.keys.lastAuthUser: "bob"])
    }

    @Test("Device secrets save, load and clear as a group; an empty deviceKey means no device")
    func devices() async throws {
        let storage = MemoryStorage()
        let store = SessionStore(storage: storage, clientId: Self.clientId)
        let device = StoredDevice(deviceKey: "us-east-1_abc", deviceGroupKey: "-grp", randomPassword: "secret-pw")
        try await store.saveDevice(device, username: "alice")
        #expect(try await store.loadDevice(username: "alice") == device)
        #expect(!device.description.contains("secret-pw"))
        try await store.clearDevice(username: "alice")
        #expect(await storage.allItems().isEmpty)
        try await storage.setItem(Self.keys.deviceKey(username: "alice"), value: "")
        #expect(try await store.loadDevice(username: "alice") == nil)
    }

    @Test("A stored token that cannot be decoded is a typed error naming the key, and nothing is removed")
    func malformedStoredToken() async throws {
        let (_, fixture) = try Self.fixture()
        let accessKey = Self.keys.accessToken(username: Self.sub)
        var items = fixture
        items[accessKey] = "not-a-jwt"
        let storage = MemoryStorage(items)
        let store = SessionStore(storage: storage, clientId: Self.clientId)
        let error = await #expect(throws: StorageError.invalidStoredToken) {
            try await store.loadSession(username: Self.sub)
        }
        #expect(error?.key == accessKey)
        #expect(error?.description.contains("not-a-jwt") == false)
        #expect(await storage.allItems() == items)
        let refresh = try await store.loadRefreshToken(username: Self.sub)
        #expect(refresh?.token == fixture[Self.keys.refreshToken(username: Self.sub)])
    }

    @Test("A missing ID or access token means no stored session")
    func missingTokens() async throws {
        let (_, fixture) = try Self.fixture()
        for key in [Self.keys.idToken(username: Self.sub), Self.keys.accessToken(username: Self.sub)] {
            var items = fixture
            items[key] = ""
            let store = SessionStore(storage: MemoryStorage(items), clientId: Self.clientId)
            #expect(try await store.loadSession(username: Self.sub) == nil)
        }
    }

    @Test(
        "Stored clockDrift reads as JS parseInt(value) || 0",
        arguments: [
            ("0", 0), ("-3", -3), ("42", 42), ("+5", 5), (" 7", 7), ("12abc", 12), ("3.9", 3), ("1e5", 1),
            ("NaN", 0), ("", 0), ("-", 0), ("abc", 0), ("99999999999999999999999", 0), ("٣", 0),
        ])
    func clockDriftParsing(stored: String, expected: Int) {
        #expect(SessionStore.parseClockDrift(stored) == expected)
    }

    @Test("A missing clockDrift is 0")
    func missingClockDrift() {
        #expect(SessionStore.parseClockDrift(nil) == 0)
    }
}
