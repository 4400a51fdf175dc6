/// A ``SessionStorage`` held in memory, for tests and short-lived processes.
///
/// Each instance is its own key space (unlike the JS library's process-global `MemoryStorage`).
/// Keys are compared byte for byte (their UTF-8), not by Unicode canonical equivalence: "José"
/// with U+00E9 and "José" with `e` + U+0301 are two keys, as they are to Cognito.
/// ``updateItems(set:remove:)`` and ``updateItems(set:remove:ifCurrent:)`` are atomic.
public actor MemoryStorage: SessionStorage {
    private var items: [ExactKey: String]

    /// Creates a store holding `items`.
    public init(_ items: [String: String] = [:]) { self.items = [ExactKey: String](exactKeys: items) }

    // Declared `throws` like the protocol, so `try await memory.setItem(...)` reads the same for
    // every store; nothing here ever throws.

    /// The value stored under `key` (compared byte for byte), or nil.
    public func getItem(_ key: String) throws -> String? { items[ExactKey(key)] }

    /// Stores `value` under `key`.
    public func setItem(_ key: String, value: String) throws { items[ExactKey(key)] = value }

    /// Removes `key`.
    public func removeItem(_ key: String) throws { items[ExactKey(key)] = nil }

    /// Removes every key.
    public func clear() throws { items.removeAll() }

    /// Removes `remove`, then writes `set`, all at once.
    public func updateItems(set: [String: String], remove: [String]) throws {
        for key in remove { items[ExactKey(key)] = nil }
        for (key, value) in set { items[ExactKey(key)] = value }
    }

    /// Applies `set`/`remove` if every key in `expected` holds the given value (nil: absent), all
    /// at once; returns whether it did.
    public func updateItems(
        set: [String: String], remove: [String], ifCurrent expected: [String: String?]
    ) throws
        -> Bool
    {
        guard items.matches(expected) else { return false }
        try updateItems(set: set, remove: remove)
        return true
    }

    /// True: an update is applied whole or not at all.
    public nonisolated var supportsAtomicUpdates: Bool { true }

    /// Every key and value in the store.
    ///
    /// Two keys that are byte-distinct but canonically equivalent are one key in a
    /// `[String: String]`: the value kept is the one under the key first in UTF-8 byte order.
    /// ``allItemPairs()`` returns every key.
    public func allItems() -> [String: String] { items.stringDictionary }

    /// Every key and value in the store, one pair per byte-distinct key, in UTF-8 byte order.
    public func allItemPairs() -> [(key: String, value: String)] { items.sortedPairs }
}
