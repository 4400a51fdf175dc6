/// Checks that a `SessionStorage` implementation keeps the protocol's promises.
///
/// It needs no test framework: each check throws a ``Failure`` saying what went wrong, so it
/// runs the same from XCTest, Swift Testing or a plain executable.
///
/// ```swift
/// // Swift Testing: one test case per check
/// @Test(arguments: SessionStorageConformance.Check.allCases)
/// func conformance(_ check: SessionStorageConformance.Check) async throws {
///     try await SessionStorageConformance().run(check) { MyStorage() }
/// }
///
/// // XCTest
/// func testConformance() async throws {
///     try await SessionStorageConformance().run { MyStorage() }
/// }
/// ```
///
/// `makeStorage` must return an empty store each time it is called; a check writes only keys
/// that start with `conformance.`.
///
/// A store that keeps its items in a `[String: String]` fails ``Check/byteExactKeys``: Swift's
/// `String` equality is canonical equivalence. Key by the UTF-8 bytes instead (for example
/// `[[UInt8]: String]` with `Array(key.utf8)`), as a database column compared in binary does.
public struct SessionStorageConformance: Sendable {
    /// One promise of `SessionStorage`.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Values come back as written, including empty, long and non-ASCII ones; a later write
        /// replaces an earlier one; a key never written reads nil.
        case valuesRoundTrip
        /// `removeItem` removes that key only, and removing a missing key succeeds.
        case removal
        /// `clear()` removes every key, and the store takes writes afterwards.
        case clear
        /// `updateItems(set:remove:)` removes, then sets: a key in both ends up set.
        case updateItems
        /// Keys are compared byte for byte: two keys that Swift's `==` calls equal (canonically
        /// equivalent, like "é" as U+00E9 and as `e` + U+0301) but whose UTF-8 differs are two
        /// keys, each with its own value. A user name is an exact byte string to Cognito.
        case byteExactKeys
        /// Many tasks writing distinct keys at once (with `setItem` and `updateItems`) lose
        /// nothing.
        case concurrentWritersLoseNothing
        /// When the store claims `SessionStorage/supportsAtomicUpdates`: concurrent
        /// multi-key updates never interleave, so the keys end up all from one update. Skipped
        /// (passes) for a store that does not claim it.
        case atomicUpdates
        /// `updateItems(set:remove:ifCurrent:)` applies the changes (and answers `true`) only when
        /// every expected key holds exactly the expected value (nil: absent), compared byte for
        /// byte; otherwise it changes nothing and answers `false`.
        case conditionalUpdate
        /// When the store claims `SessionStorage/supportsAtomicUpdates`: concurrent
        /// compare-and-set increments of one key with `updateItems(set:remove:ifCurrent:)` lose
        /// none (two never both succeed from the same value). Skipped (passes) otherwise.
        case atomicConditionalUpdates

        public var description: String { rawValue }
    }

    /// A broken promise.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The check that failed.
        public let check: Check
        /// What the store did wrong.
        public let message: String

        public var description: String { "SessionStorage conformance check \(check) failed: \(message)" }
    }

    /// How many tasks write at once in the concurrency checks.
    public var concurrentTasks: Int
    /// How many writes each of those tasks makes.
    public var writesPerTask: Int

    /// A suite with the given amount of concurrency (defaults suit a file-backed store).
    public init(concurrentTasks: Int = 16, writesPerTask: Int = 8) {
        self.concurrentTasks = max(2, concurrentTasks)
        self.writesPerTask = max(1, writesPerTask)
    }

    /// Runs every check, each on a fresh store, and throws the first failure.
    public func run(makeStorage: @Sendable () async throws -> any SessionStorage) async throws {
        for check in Check.allCases {
            try await run(check, makeStorage: makeStorage)
        }
    }

    /// Runs one check on a fresh store.
    public func run(_ check: Check, makeStorage: @Sendable () async throws -> any SessionStorage) async throws {
        let storage = try await makeStorage()
        let expect = Expectation(check: check)
        switch check {
        case .valuesRoundTrip: try await valuesRoundTrip(storage, expect)
        case .removal: try await removal(storage, expect)
        case .clear: try await clear(storage, expect)
        case .updateItems: try await updateItems(storage, expect)
        case .byteExactKeys: try await byteExactKeys(storage, expect)
        case .concurrentWritersLoseNothing: try await concurrentWriters(storage, expect)
        case .atomicUpdates: try await atomicUpdates(storage, expect)
        case .conditionalUpdate: try await conditionalUpdate(storage, expect)
        case .atomicConditionalUpdates: try await atomicConditionalUpdates(storage, expect)
        }
    }

    // MARK: - Checks

    private func valuesRoundTrip(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        let values = [
            "conformance.plain": "value",
            "conformance.empty": "",
            "conformance.json": #"{"quoted": "\"x\"", "slash": "a/b\\c"}"#,
            "conformance.lines": "line 1\nline 2\r\n\ttab",
            "conformance.unicode": "zoë 🍏 日本語 \u{7F}",
            "conformance.long": String(repeating: "eyJhbGciOiJSUzI1NiJ9.", count: 300),
            "conformance.CognitoIdentityServiceProvider.client.user@example.com.idToken": "a.b.c",
        ]
        for (key, value) in values { try await storage.setItem(key, value: value) }
        for (key, value) in values {
            let read = try await storage.getItem(key)
            try expect(read == value, "\(key) read back \(Self.show(read)), expected \(Self.show(value))")
        }
        try await storage.setItem("conformance.plain", value: "second")
        let replaced = try await storage.getItem("conformance.plain")
        try expect(replaced == "second", "a second write read back \(Self.show(replaced))")
        let missing = try await storage.getItem("conformance.never-written")
        try expect(missing == nil, "a key never written read back \(Self.show(missing))")
    }

    private func removal(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        try await storage.setItem("conformance.a", value: "1")
        try await storage.setItem("conformance.b", value: "2")
        try await storage.removeItem("conformance.a")
        let removed = try await storage.getItem("conformance.a")
        try expect(removed == nil, "a removed key read back \(Self.show(removed))")
        let kept = try await storage.getItem("conformance.b")
        try expect(kept == "2", "removing one key changed another to \(Self.show(kept))")
        try await storage.removeItem("conformance.never-written")
        try await storage.setItem("conformance.a", value: "3")
        let rewritten = try await storage.getItem("conformance.a")
        try expect(rewritten == "3", "a key written after removal read back \(Self.show(rewritten))")
    }

    private func clear(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        let keys = (0..<5).map { "conformance.clear.\($0)" }
        for key in keys { try await storage.setItem(key, value: key) }
        try await storage.clear()
        for key in keys {
            let read = try await storage.getItem(key)
            try expect(read == nil, "\(key) survived clear() as \(Self.show(read))")
        }
        try await storage.setItem("conformance.after-clear", value: "x")
        let after = try await storage.getItem("conformance.after-clear")
        try expect(after == "x", "a write after clear() read back \(Self.show(after))")
    }

    private func updateItems(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        try await storage.setItem("conformance.old", value: "old")
        try await storage.setItem("conformance.both", value: "before")
        try await storage.updateItems(
            set: ["conformance.new1": "1", "conformance.new2": "2", "conformance.both": "after"],
            remove: ["conformance.old", "conformance.both", "conformance.never-written"])
        let expected: [String: String?] = [
            "conformance.old": nil, "conformance.new1": "1", "conformance.new2": "2", "conformance.both": "after",
        ]
        for (key, value) in expected {
            let read = try await storage.getItem(key)
            try expect(read == value, "after updateItems \(key) is \(Self.show(read)), expected \(Self.show(value))")
        }
    }

    private func byteExactKeys(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        // The same name, precomposed and decomposed: `==` is true between these two strings.
        let composed = "conformance.CognitoIdentityServiceProvider.client.jos\u{E9}.idToken"
        let decomposed = "conformance.CognitoIdentityServiceProvider.client.jose\u{301}.idToken"
        let (named, other) = ("the key with U+00E9", "the key with e + U+0301")
        try await storage.setItem(composed, value: "composed")
        let unwritten = try await storage.getItem(decomposed)
        try expect(
            unwritten == nil,
            "\(other), never written, read back \(Self.show(unwritten)) (the value stored "
                + "under \(named)): keys are compared by canonical equivalence, not by bytes")
        try await storage.setItem(decomposed, value: "decomposed")
        let first = try await storage.getItem(composed)
        let second = try await storage.getItem(decomposed)
        try expect(
            first == "composed" && second == "decomposed",
            "after writing both, \(named) reads \(Self.show(first)) and \(other) \(Self.show(second))")
        try await storage.removeItem(decomposed)
        let kept = try await storage.getItem(composed)
        try expect(kept == "composed", "removing \(other) changed \(named) to \(Self.show(kept))")
        try await storage.updateItems(set: [decomposed: "updated"], remove: [composed])
        let removed = try await storage.getItem(composed)
        let updated = try await storage.getItem(decomposed)
        try expect(
            removed == nil && updated == "updated",
            "updateItems(set: [\(other)], remove: [\(named)]) left "
                + "\(named) = \(Self.show(removed)), \(other) = \(Self.show(updated))")
    }

    private func concurrentWriters(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        let (tasks, writes) = (concurrentTasks, writesPerTask)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for write in 0..<writes {
                        let key = "conformance.concurrent.\(task).\(write)"
                        if write.isMultiple(of: 2) {
                            try await storage.setItem(key, value: "\(task)/\(write)")
                        } else {
                            try await storage.updateItems(set: [key: "\(task)/\(write)"], remove: [])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        var lost: [String] = []
        for task in 0..<tasks {
            for write in 0..<writes {
                let key = "conformance.concurrent.\(task).\(write)"
                if try await storage.getItem(key) != "\(task)/\(write)" { lost.append(key) }
            }
        }
        let total = tasks * writes
        try expect(lost.isEmpty, "\(lost.count) of \(total) concurrent writes were lost, e.g. \(lost.prefix(3))")
    }

    private func atomicUpdates(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        guard storage.supportsAtomicUpdates else { return }
        // Each update sets one group of keys to its own id and removes the other group, so the
        // only consistent outcomes are "group A all = one id, group B absent" and the reverse.
        let groupA = (0..<6).map { "conformance.atomic.a\($0)" }
        let groupB = (0..<6).map { "conformance.atomic.b\($0)" }
        let updaters = concurrentTasks
        for round in 0..<3 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for updater in 0..<updaters {
                    group.addTask {
                        let id = "\(round).\(updater)"
                        let (set, remove) = updater.isMultiple(of: 2) ? (groupA, groupB) : (groupB, groupA)
                        try await storage.updateItems(
                            set: Dictionary(uniqueKeysWithValues: set.map { ($0, id) }), remove: remove)
                    }
                }
                try await group.waitForAll()
            }
            var state: [String: String] = [:]
            for key in groupA + groupB { state[key] = try await storage.getItem(key) }
            let aValues = Set(groupA.map { state[$0] })
            let bValues = Set(groupB.map { state[$0] })
            let consistent =
                (aValues.count == 1 && bValues == [nil] && aValues != [nil])
                || (bValues.count == 1 && aValues == [nil] && bValues != [nil])
            let shown = state.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            try expect(consistent, "concurrent updates interleaved in round \(round): \(shown)")
        }
    }

    private func conditionalUpdate(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        let (token, other, absent) = ("conformance.cas.token", "conformance.cas.other", "conformance.cas.absent")
        try await storage.updateItems(set: [token: "refresh-1", other: "kept"], remove: [])
        let refused = try await storage.updateItems(
            set: ["conformance.cas.new": "x"], remove: [token, other], ifCurrent: [token: "refresh-0"])
        try expect(!refused, "a mismatched expectation answered true")
        let afterRefusal = [try await storage.getItem(token), try await storage.getItem(other)]
        let new = try await storage.getItem("conformance.cas.new")
        try expect(
            afterRefusal == ["refresh-1", "kept"] && new == nil,
            "a refused conditional update changed the store: \(afterRefusal.map(Self.show)), new = \(Self.show(new))")

        let absentRefused = try await storage.updateItems(set: [absent: "x"], remove: [], ifCurrent: [token: nil])
        try expect(!absentRefused, "expecting a present key to be absent answered true")
        let presentRefused = try await storage.updateItems(set: [token: "x"], remove: [], ifCurrent: [absent: "y"])
        try expect(!presentRefused, "expecting an absent key to hold a value answered true")

        // Canonically equivalent but byte-distinct: not the same value.
        try await storage.setItem(other, value: "jos\u{E9}")
        let equivalent = try await storage.updateItems(set: [other: "x"], remove: [], ifCurrent: [other: "jose\u{301}"])
        try expect(!equivalent, "a canonically equivalent but byte-distinct value matched: compare bytes")
        try await storage.setItem(other, value: "kept")

        let applied = try await storage.updateItems(
            set: [token: "refresh-2", absent: "now"], remove: [other], ifCurrent: [token: "refresh-1", absent: nil])
        try expect(applied, "a matching expectation answered false")
        let after = [
            try await storage.getItem(token), try await storage.getItem(absent), try await storage.getItem(other),
        ]
        try expect(
            after == ["refresh-2", "now", nil], "a matching conditional update left \(after.map(Self.show))")
        let unconditional = try await storage.updateItems(set: [other: "y"], remove: [], ifCurrent: [:])
        let written = try await storage.getItem(other)
        try expect(unconditional && written == "y", "an update expecting nothing was not applied")
    }

    private func atomicConditionalUpdates(_ storage: any SessionStorage, _ expect: Expectation) async throws {
        guard storage.supportsAtomicUpdates else { return }
        let key = "conformance.cas.counter"
        let (tasks, increments) = (concurrentTasks, writesPerTask)
        try await storage.setItem(key, value: "0")
        let doubled = Doubled()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var done = 0
                    while done < increments {
                        let current = try await storage.getItem(key) ?? "0"
                        let next = String((Int(current) ?? 0) + 1)
                        if try await storage.updateItems(set: [key: next], remove: [], ifCurrent: [key: current]) {
                            await doubled.record(next)
                            done += 1
                        }
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await storage.getItem(key)
        let total = tasks * increments
        let twice = await doubled.duplicates
        try expect(
            twice == 0 && final == String(total),
            "\(total) compare-and-set increments left \(Self.show(final)); \(twice) values were set by two writers")
    }

    // MARK: - Helpers

    /// Counts values that two successful compare-and-sets both wrote.
    private actor Doubled {
        private var seen: Set<String> = []
        private(set) var duplicates = 0
        func record(_ value: String) {
            if !seen.insert(value).inserted { duplicates += 1 }
        }
    }

    private struct Expectation {
        let check: Check
        func callAsFunction(_ condition: Bool, _ message: @autoclosure () -> String) throws(Failure) {
            if !condition { throw Failure(check: check, message: message()) }
        }
    }

    private static func show(_ value: String?) -> String {
        guard let value else { return "nil" }
        return value.count > 40 ? "\"\(value.prefix(40))…\" (\(value.count) characters)" : "\"\(value)\""
    }
}
