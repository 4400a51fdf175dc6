// Mirrors for what holds tokens and device secrets at rest.

extension StoredDevice: CustomReflectable {
    /// The device key; the group key and the random password are `<redacted>`, as in `description`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "deviceKey": deviceKey, "deviceGroupKey": Redaction.marker,
                "randomPassword": Redaction.secret(randomPassword),
            ],
            displayStyle: .struct)
    }
}

extension MemoryStorage: CustomReflectable {
    /// Nothing of the items it holds (they are tokens and device secrets).
    public nonisolated var customMirror: Mirror {
        Mirror(self, children: ["items": Redaction.marker], displayStyle: .class)
    }
}
