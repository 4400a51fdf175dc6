// Mirrors for the records the Pool layer keeps at rest.

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

extension PendingRevocation: CustomReflectable {
    /// When it was first tried; the refresh token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["since": since, "token": Redaction.marker], displayStyle: .struct)
    }
}
