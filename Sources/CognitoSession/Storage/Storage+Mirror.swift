// Mirrors for what holds tokens and device secrets at rest.

extension MemoryStorage: CustomReflectable {
    /// Nothing of the items it holds (they are tokens and device secrets).
    public nonisolated var customMirror: Mirror {
        Mirror(self, children: ["items": Redaction.marker], displayStyle: .class)
    }
}
