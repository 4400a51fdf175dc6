/// A ``SessionStorage`` held in memory, for tests and short-lived processes.
///
/// Each instance is its own key space (unlike the JS library's process-global `MemoryStorage`).
/// ``updateItems(set:remove:)`` is atomic.
public actor MemoryStorage: SessionStorage {
    private var items: [String: String]

    /// Creates a store holding `items`.
    public init(_ items: [String: String] = [:]) { self.items = items }

    // Declared `throws` like the protocol, so `try await memory.setItem(...)` reads the same for
    // every store; nothing here ever throws.

    /// The value stored under `key`, or nil.
    public func getItem(_ key: String) throws -> String? { items[key] }

    /// Stores `value` under `key`.
    public func setItem(_ key: String, value: String) throws { items[key] = value }

    /// Removes `key`.
    public func removeItem(_ key: String) throws { items[key] = nil }

    /// Removes every key.
    public func clear() throws { items.removeAll() }

    /// Removes `remove`, then writes `set`, all at once.
    public func updateItems(set: [String: String], remove: [String]) throws {
        for key in remove { items[key] = nil }
        items.merge(set) { _, new in new }
    }

    /// True: an update is applied whole or not at all.
    public nonisolated var supportsAtomicUpdates: Bool { true }

    /// Every key and value in the store.
    public func allItems() -> [String: String] { items }
}
