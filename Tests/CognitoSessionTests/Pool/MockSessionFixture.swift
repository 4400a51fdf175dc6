import CognitoSessionTesting
import Foundation

@testable import CognitoSession

/// A pool over a MockTransport with one user ("alice") whose stored session has expired, and a
/// second user ("bob") whose keys must never be touched.
struct MockSessionFixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let clientId = "mock-client"
    static let sub = "11111111-2222-4333-8444-555555555555"

    let mock = MockTransport()
    let clock = ManualClock(now: Self.now)
    let storage: any SessionStorage
    let pool: CognitoUserPool
    let keys = StorageKeys(clientId: Self.clientId)

    /// A pool domain for the fixtures that refresh through the token endpoint.
    static let domain = URL(string: "https://mock.auth.us-east-1.amazoncognito.com")!

    init(
        storage: any SessionStorage = MemoryStorage(), clientSecret: String? = nil, rotation: Bool = false,
        originJti: Bool = true, oauth2Domain: URL? = nil, aliceHasDevice: Bool = true,
        retryPolicy: RetryPolicy = .none
    ) async throws {
        self.storage = storage
        pool = try CognitoUserPool(
            userPoolId: "us-east-1_MockPool", clientId: Self.clientId, clientSecret: clientSecret, storage: storage,
            transport: mock,
            configuration: .init(
                retryPolicy: retryPolicy, refreshTokenRotation: rotation, deviceName: "test", clock: clock,
                oauth2Domain: oauth2Domain),
            retrySleep: { _ in })
        let issued = Int(Self.now.timeIntervalSince1970) - 7200
        var set: [String: String] = [:]
        for (name, sub) in [("alice", Self.sub), ("bob", "bob-sub")] {
            set[keys.idToken(username: name)] = Self.idToken(name, sub: sub, issued: issued)
            set[keys.accessToken(username: name)] = Self.accessToken(
                name, sub: sub, issued: issued, originJti: originJti)
            set[keys.refreshToken(username: name)] = "refresh-\(name)"
            set[keys.clockDrift(username: name)] = "0"
            set[keys.deviceKey(username: name)] = "us-east-1_device-\(name)"
            set[keys.deviceGroupKey(username: name)] = "-group-\(name)"
            set[keys.randomPasswordKey(username: name)] = "device-password-\(name)"
        }
        set[keys.lastAuthUser] = "alice"
        if !aliceHasDevice {
            for key in [
                keys.deviceKey(username: "alice"), keys.deviceGroupKey(username: "alice"),
                keys.randomPasswordKey(username: "alice"),
            ] { set[key] = nil }
        }
        try await storage.updateItems(set: set, remove: [])
    }

    var alice: CognitoUser { pool.user(named: "alice") }

    static func claims(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)) ?? Data()
        return TestJWT.make(payload: String(decoding: data, as: UTF8.self))
    }

    static func idToken(
        _ name: String = "alice", sub: String = sub, issued: Int, client: String = clientId
    ) -> String {
        claims([
            "sub": sub, "cognito:username": name, "aud": client, "token_use": "id",
            "exp": issued + 3600, "iat": issued,
        ])
    }

    static func accessToken(
        _ name: String = "alice", sub: String = sub, issued: Int, client: String = clientId, originJti: Bool = true
    ) -> String {
        var object: [String: Any] = [
            "sub": sub, "username": name, "client_id": client, "token_use": "access",
            "exp": issued + 3600, "iat": issued,
        ]
        if originJti { object["origin_jti"] = "origin-\(name)" }
        return claims(object)
    }

    /// A refresh answer for alice issued now, with the given refresh token member (omitted when nil).
    static func refreshAnswer(
        refreshToken: String? = nil, access: String? = nil, id: String? = nil
    ) -> MockResponse {
        let issued = Int(now.timeIntervalSince1970)
        var result: [String: Any] = [
            "AccessToken": access ?? accessToken(issued: issued), "IdToken": id ?? idToken(issued: issued),
            "ExpiresIn": 3600, "TokenType": "Bearer",
        ]
        if let refreshToken { result["RefreshToken"] = refreshToken }
        let data = (try? JSONSerialization.data(withJSONObject: ["AuthenticationResult": result])) ?? Data()
        return .json(String(decoding: data, as: UTF8.self))
    }

    /// Every stored key and value.
    func items() async throws -> [String: String] {
        var out: [String: String] = [:]
        for key in Self.allKeys(keys) { out[key] = try await storage.getItem(key) }
        return out
    }

    static func allKeys(_ keys: StorageKeys) -> [String] {
        var list = [keys.lastAuthUser]
        for name in ["alice", "bob"] {
            list += [
                keys.idToken(username: name), keys.accessToken(username: name),
                keys.refreshToken(username: name), keys.clockDrift(username: name),
                keys.deviceKey(username: name), keys.deviceGroupKey(username: name),
                keys.randomPasswordKey(username: name), keys.pendingRevocations(username: name),
                keys.userData(username: name),
            ]
        }
        return list
    }
}

/// A MemoryStorage whose writes can be made to fail, for storage that is full or read-only.
actor FlakyStorage: SessionStorage {
    struct WriteRefused: Error, CustomStringConvertible {
        var description: String { "the disk is full (test)" }
    }

    private let inner = MemoryStorage()
    private var failing = false

    func failWrites(_ fail: Bool) { failing = fail }

    func getItem(_ key: String) async throws -> String? { try await inner.getItem(key) }
    func setItem(_ key: String, value: String) async throws {
        if failing { throw WriteRefused() }
        try await inner.setItem(key, value: value)
    }
    func removeItem(_ key: String) async throws {
        if failing { throw WriteRefused() }
        try await inner.removeItem(key)
    }
    func clear() async throws {
        if failing { throw WriteRefused() }
        try await inner.clear()
    }
    func updateItems(set: [String: String], remove: [String]) async throws {
        if failing { throw WriteRefused() }
        try await inner.updateItems(set: set, remove: remove)
    }
    nonisolated var supportsAtomicUpdates: Bool { true }
    func allItems() async -> [String: String] { await inner.allItems() }
}
