// The mirror of the tokens a sign-in or refresh returns.

extension AuthenticationResult: CustomReflectable {
    /// The lifetime, type and new device; the three tokens are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "idToken": Redaction.secret(idToken),
                "refreshToken": Redaction.secret(refreshToken) as Any, "expiresIn": expiresIn as Any,
                "tokenType": tokenType as Any, "newDeviceMetadata": newDeviceMetadata as Any,
            ],
            displayStyle: .struct)
    }
}
