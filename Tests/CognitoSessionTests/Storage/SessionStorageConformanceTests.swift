import CognitoSessionTesting
import Foundation
import Testing

@Suite("SessionStorage conformance: the stores pass, broken stores are caught")
struct SessionStorageConformanceTests {
    typealias Check = SessionStorageConformance.Check

    @Test("MemoryStorage passes every check", arguments: Check.allCases)
    func memoryStorage(_ check: Check) async throws {
        #expect(MemoryStorage().supportsAtomicUpdates)
        try await SessionStorageConformance(concurrentTasks: 50, writesPerTask: 20).run(check) { MemoryStorage() }
    }

    @Test("FileStorage passes every check", arguments: Check.allCases)
    func fileStorage(_ check: Check) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = FileStorage(fileURL: directory.file("sessions.json"))
        #expect(storage.supportsAtomicUpdates)
        try await SessionStorageConformance().run(check) { storage }
    }

    @Test("run(makeStorage:) runs every check on a fresh store")
    func runAll() async throws {
        let made = Counter()
        try await SessionStorageConformance().run {
            await made.increment()
            return MemoryStorage()
        }
        #expect(await made.value == Check.allCases.count)
    }

    @Test("A store that loses concurrent writes fails concurrentWritersLoseNothing")
    func lossyStoreIsCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.concurrentWritersLoseNothing) { LossyStorage() }
        }
        #expect(failure?.check == .concurrentWritersLoseNothing)
        #expect(failure?.description.contains("were lost") == true)
    }

    @Test("A store that claims atomic updates but applies them key by key fails atomicUpdates")
    func falselyAtomicStoreIsCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.atomicUpdates) { KeyByKeyStorage(claimsAtomicity: true) }
        }
        #expect(failure?.check == .atomicUpdates)
        // The same store, honest about not being atomic, is not held to it and passes the rest.
        try await SessionStorageConformance().run { KeyByKeyStorage(claimsAtomicity: false) }
    }

    @Test("A store keyed by String (canonical equivalence) fails byteExactKeys; keyed by bytes it passes")
    func canonicalKeysAreCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.byteExactKeys) { StringKeyedStorage() }
        }
        #expect(failure?.check == .byteExactKeys)
        #expect(failure?.description.contains("canonical equivalence") == true)
        try await SessionStorageConformance().run(.byteExactKeys) { KeyByKeyStorage(claimsAtomicity: false) }
    }

    @Test("A store claiming atomic updates with the default (read, compare, write) conditional update is caught")
    func falselyAtomicConditionalUpdateIsCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.atomicConditionalUpdates) {
                KeyByKeyStorage(claimsAtomicity: true)
            }
        }
        #expect(failure?.check == .atomicConditionalUpdates)
        // The default is honest for a store that does not claim atomicity.
        try await SessionStorageConformance().run(.conditionalUpdate) { KeyByKeyStorage(claimsAtomicity: false) }
    }

    @Test("A store whose conditional update ignores the expectation fails conditionalUpdate")
    func unconditionalUpdateIsCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.conditionalUpdate) { IgnoresExpectation() }
        }
        #expect(failure?.check == .conditionalUpdate)
        #expect(failure?.description.contains("mismatched expectation answered true") == true)
    }

    @Test("A store whose removeItem does nothing fails removal")
    func brokenRemovalIsCaught() async throws {
        let failure = await #expect(throws: SessionStorageConformance.Failure.self) {
            try await SessionStorageConformance().run(.removal) {
                KeyByKeyStorage(claimsAtomicity: false, removes: false)
            }
        }
        #expect(failure?.check == .removal)
    }
}

private actor Counter {
    var value = 0
    func increment() { value += 1 }
}

/// Copies its items, suspends, then writes the copy back: concurrent writers overwrite each other.
private actor LossyStorage: SessionStorage {
    var items: [String: String] = [:]
    func getItem(_ key: String) -> String? { items[key] }
    func setItem(_ key: String, value: String) async {
        var copy = items
        await Task.yield()
        copy[key] = value
        items = copy
    }
    func removeItem(_ key: String) { items[key] = nil }
    func clear() { items = [:] }
}

/// A plain `[String: String]` store: correct except that equivalent keys are one key.
private actor StringKeyedStorage: SessionStorage {
    var items: [String: String] = [:]
    func getItem(_ key: String) -> String? { items[key] }
    func setItem(_ key: String, value: String) { items[key] = value }
    func removeItem(_ key: String) { items[key] = nil }
    func clear() { items = [:] }
}

/// Correct single-key operations (keyed by UTF-8 bytes) that suspend between keys of a multi-key update (the default
/// `updateItems`), optionally claiming atomicity it does not have.
private actor KeyByKeyStorage: SessionStorage {
    nonisolated let supportsAtomicUpdates: Bool
    let removes: Bool
    var items: [[UInt8]: String] = [:]

    init(claimsAtomicity: Bool, removes: Bool = true) {
        supportsAtomicUpdates = claimsAtomicity
        self.removes = removes
    }

    func getItem(_ key: String) -> String? { items[Array(key.utf8)] }
    func setItem(_ key: String, value: String) async {
        await Task.yield()
        items[Array(key.utf8)] = value
    }
    func removeItem(_ key: String) async {
        await Task.yield()
        if removes { items[Array(key.utf8)] = nil }
    }
    func clear() { items = [:] }
}

/// Applies a conditional update whatever the store holds.
private actor IgnoresExpectation: SessionStorage {
    let inner = MemoryStorage()
    func getItem(_ key: String) async throws -> String? { try await inner.getItem(key) }
    func setItem(_ key: String, value: String) async throws { try await inner.setItem(key, value: value) }
    func removeItem(_ key: String) async throws { try await inner.removeItem(key) }
    func clear() async throws { try await inner.clear() }
    func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) async throws
        -> Bool
    {
        try await inner.updateItems(set: set, remove: remove)
        return true
    }
}
