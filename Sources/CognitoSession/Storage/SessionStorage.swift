/// Where sessions live: a string-to-string key-value store with the Web Storage method names
/// amazon-cognito-identity-js uses, so the same keys (see ``StorageKeys``) mean the same thing.
///
/// Keys are exact byte strings: a store compares them by their UTF-8 bytes, not with `String`'s
/// `==` (Unicode canonical equivalence), so "José" with U+00E9 and "José" with `e` + U+0301 —
/// two users to Cognito — are two keys. A `[String: String]` does not do this; key by
/// `Array(key.utf8)` or store in a column compared in binary.
///
/// Implementations must be safe to call from many tasks at once. Errors are the store's own
/// (``StorageError`` for the stores in this library); a store must never answer a failure by
/// discarding what it holds.
///
/// The library writes a whole session with one ``updateItems(set:remove:)`` call. Its default
/// implementation applies the changes key by key; a store that can apply them all-or-nothing (a
/// file replaced by rename, a database transaction) should implement it so, and report
/// ``supportsAtomicUpdates`` as `true`. `SessionStorageConformance` in `CognitoSessionTesting`
/// checks an implementation against this contract.
public protocol SessionStorage: Sendable {
    /// The value stored under `key`, or nil.
    func getItem(_ key: String) async throws -> String?

    /// Stores `value` under `key`, replacing any previous value.
    func setItem(_ key: String, value: String) async throws

    /// Removes `key`; removing a missing key is not an error.
    func removeItem(_ key: String) async throws

    /// Removes every key in the store.
    func clear() async throws

    /// Removes the keys in `remove`, then stores every pair in `set` (so a key in both ends up
    /// set). When ``supportsAtomicUpdates`` is `true`, a reader sees either none or all of the
    /// changes, and a failure leaves none of them applied.
    func updateItems(set: [String: String], remove: [String]) async throws

    /// Applies `set`/`remove` only if every key in `expected` holds exactly the given value (nil: absent), in one
    /// atomic step when ``supportsAtomicUpdates``; returns whether it applied them.
    ///
    /// Values are compared byte for byte. The pool clears a refused session with it only while the
    /// stored refresh token is still the refused one, so a session another task or process stored
    /// meanwhile is kept; it updates the pending revocations the same way, so two writers never drop
    /// each other's entry.
    func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) async throws
        -> Bool

    /// Whether ``updateItems(set:remove:)`` and ``updateItems(set:remove:ifCurrent:)`` are
    /// all-or-nothing. `false` by default.
    var supportsAtomicUpdates: Bool { get }
}

extension SessionStorage {
    /// Applies the changes one key at a time: removals first, then sets. Not atomic.
    public func updateItems(set: [String: String], remove: [String]) async throws {
        for key in remove { try await removeItem(key) }
        for (key, value) in set { try await setItem(key, value: value) }
    }

    /// Reads every key in `expected`, compares, then calls ``updateItems(set:remove:)``. Not atomic:
    /// another writer may change a key between the comparison and the update. A store that claims
    /// ``supportsAtomicUpdates`` must implement it as one atomic step.
    public func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    )
        async throws -> Bool
    {
        for (key, value) in expected {
            guard sameStoredValue(try await getItem(key), value) else { return false }
        }
        try await updateItems(set: set, remove: remove)
        return true
    }

    /// `false`: the default ``updateItems(set:remove:)`` is not atomic.
    public var supportsAtomicUpdates: Bool { false }
}
