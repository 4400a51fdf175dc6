import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// A MemoryStorage that runs `interloper` once, right after the first read of `key`: another writer
/// slipping in between a read and the write that depends on it.
private actor InterleavingStorage: SessionStorage {
    let inner: MemoryStorage
    private let key: String
    private var interloper: (@Sendable (MemoryStorage) async throws -> Void)?

    init(
        _ items: [String: String], after key: String,
        _ interloper: @escaping @Sendable (MemoryStorage) async throws -> Void
    ) {
        inner = MemoryStorage(items)
        self.key = key
        self.interloper = interloper
    }

    func getItem(_ key: String) async throws -> String? {
        let value = try await inner.getItem(key)
        if key == self.key, let interloper {
            self.interloper = nil
            try await interloper(inner)
        }
        return value
    }
    func setItem(_ key: String, value: String) async throws { try await inner.setItem(key, value: value) }
    func removeItem(_ key: String) async throws { try await inner.removeItem(key) }
    func clear() async throws { try await inner.clear() }
    func updateItems(set: [String: String], remove: [String]) async throws {
        try await inner.updateItems(set: set, remove: remove)
    }
    func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) async throws
        -> Bool
    { try await inner.updateItems(set: set, remove: remove, ifCurrent: expected) }
    nonisolated var supportsAtomicUpdates: Bool { true }
}

@Suite("SessionStore: compare-and-delete and pending revocations that no concurrent writer can drop")
struct SessionStoreConditionalTests {
    static let keys = StorageKeys(clientId: "client")

    static func session(_ name: String, refresh: String) -> [String: String] {
        [
            keys.idToken(username: name): "id-\(refresh)", keys.accessToken(username: name): "access-\(refresh)",
            keys.refreshToken(username: name): refresh, keys.lastAuthUser: name,
        ]
    }

    @Test("clearTokens(ifRefreshTokenIs:) clears the refused session, and keeps one stored since")
    func compareAndDelete() async throws {
        let storage = MemoryStorage(Self.session("alice", refresh: "refresh-new"))
        let store = SessionStore(storage: storage, clientId: "client")
        #expect(try await store.clearTokens(username: "alice", ifRefreshTokenIs: "refresh-old") == false)
        #expect(await storage.allItems() == Self.session("alice", refresh: "refresh-new"))
        #expect(try await store.clearTokens(username: "alice", ifRefreshTokenIs: "refresh-new"))
        #expect(await storage.allItems().isEmpty)
    }

    @Test("A session stored between the comparison's read and its delete is kept")
    func newerSessionStoredDuringClear() async throws {
        let refreshKey = Self.keys.refreshToken(username: "alice")
        let newer = Self.session("alice", refresh: "refresh-newer")
        let storage = InterleavingStorage(Self.session("alice", refresh: "refresh-old"), after: refreshKey) {
            try await $0.updateItems(set: newer, remove: [])
        }
        let store = SessionStore(storage: storage, clientId: "client")
        #expect(try await store.clearTokens(username: "alice", ifRefreshTokenIs: "refresh-old") == false)
        #expect(await storage.inner.allItems() == newer)
    }

    @Test("A pending revocation added by another writer during a sign-out's update is kept")
    func concurrentPendingAppend() async throws {
        let pendingKey = Self.keys.pendingRevocations(username: "alice")
        let other = PendingRevocation(token: "refresh-other", since: Date(timeIntervalSince1970: 1))
        let storage = InterleavingStorage(Self.session("alice", refresh: "refresh-1"), after: pendingKey) {
            try await $0.setItem(pendingKey, value: try PendingRevocation.encode([other]))
        }
        let store = SessionStore(storage: storage, clientId: "client")
        let mine = PendingRevocation(token: "refresh-1", since: Date(timeIntervalSince1970: 2))
        try await store.clearTokens(username: "alice", pendingRevocation: mine)
        #expect(try await store.pendingRevocations(username: "alice").map(\.token) == ["refresh-other", "refresh-1"])
        #expect(try await storage.getItem(Self.keys.refreshToken(username: "alice")) == nil)
    }

    @Test("Removing revoked entries keeps an entry another writer added meanwhile")
    func concurrentPendingRemoval() async throws {
        let pendingKey = Self.keys.pendingRevocations(username: "alice")
        let entries = ["a", "b"].map {
            PendingRevocation(token: "refresh-\($0)", since: Date(timeIntervalSince1970: 1))
        }
        let added = PendingRevocation(token: "refresh-c", since: Date(timeIntervalSince1970: 2))
        let storage = InterleavingStorage([pendingKey: try PendingRevocation.encode(entries)], after: pendingKey) {
            try await $0.setItem(pendingKey, value: try PendingRevocation.encode(entries + [added]))
        }
        let store = SessionStore(storage: storage, clientId: "client")
        #expect(try await store.removePendingRevocations(["refresh-a"], username: "alice") == 2)
        #expect(try await store.pendingRevocations(username: "alice").map(\.token) == ["refresh-b", "refresh-c"])
        #expect(try await store.removePendingRevocations(["refresh-b", "refresh-c"], username: "alice") == 0)
        #expect(try await storage.getItem(pendingKey) == nil)
    }

    @Test("Many concurrent sign-outs' pending revocations through FileStorage: none dropped")
    func concurrentPendingThroughFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = SessionStore(storage: FileStorage(fileURL: directory.file("sessions.json")), clientId: "client")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let entry = PendingRevocation(token: "refresh-\(index)", since: Date(timeIntervalSince1970: 1))
                    try await store.clearTokens(username: "alice", pendingRevocation: entry)
                }
            }
            try await group.waitForAll()
        }
        let tokens = Set(try await store.pendingRevocations(username: "alice").map(\.token))
        #expect(tokens == Set((0..<16).map { "refresh-\($0)" }))
    }
}
