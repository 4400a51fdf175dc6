// Mirrors for SRP and crypto values: sizes and public names only.

extension BigNumber: CustomReflectable {
    /// The size only; the value may be a secret exponent or a key.
    package var customMirror: Mirror {
        Mirror(self, children: ["bitCount": bitCount, "value": Redaction.marker], displayStyle: .struct)
    }
}

extension AuthenticationHelper: CustomReflectable {
    /// The pool name; the ephemeral secret `a` and the public `A` are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["poolName": poolName, "smallA": Redaction.marker, "largeA": Redaction.marker],
            displayStyle: .struct)
    }
}

extension DeviceVerifier: CustomReflectable {
    /// Nothing but that it is there: the password, salt and verifier are all `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "randomPassword": Redaction.marker, "salt": Redaction.marker, "passwordVerifier": Redaction.marker,
            ],
            displayStyle: .struct)
    }
}
