/// A ``SessionStorage`` held in memory, for tests and short-lived processes.
///
/// Each instance is its own key space (unlike the JS library's process-global `MemoryStorage`).
/// ``updateItems(set:remove:)`` is atomic.
public actor MemoryStorage: SessionStorage {
    private var items: [String: String]

    /// Creates a store holding `items`.
    public init(_ items: [String: String] = [:]) { self.items = items }

    public func getItem(_ key: String) -> String? { items[key] }

    public func setItem(_ key: String, value: String) { items[key] = value }

    public func removeItem(_ key: String) { items[key] = nil }

    public func clear() { items.removeAll() }

    public func updateItems(set: [String: String], remove: [String]) {
        for key in remove { items[key] = nil }
        items.merge(set) { _, new in new }
    }

    public nonisolated var supportsAtomicUpdates: Bool { true }

    /// Every key and value in the store.
    public func allItems() -> [String: String] { items }
}
