// Mirrors for the passkey shapes: access tokens are `<redacted>`; options and credentials hold public
// values only (challenges, ids, public keys, signatures) but are large, so only their presence shows.

extension StartWebAuthnRegistrationRequest: CustomReflectable {
    /// The access token, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["accessToken": Redaction.secret(accessToken)], displayStyle: .struct)
    }
}

extension CompleteWebAuthnRegistrationRequest: CustomReflectable {
    /// The access token is `<redacted>`; the credential is summarized.
    package var customMirror: Mirror {
        Mirror(
            self, children: ["accessToken": Redaction.secret(accessToken), "credential": "<credential JSON>"],
            displayStyle: .struct)
    }
}

extension ListWebAuthnCredentialsRequest: CustomReflectable {
    /// The page size and token; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "nextToken": nextToken as Any,
                "maxResults": maxResults as Any,
            ],
            displayStyle: .struct)
    }
}

extension DeleteWebAuthnCredentialRequest: CustomReflectable {
    /// The credential id; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self, children: ["accessToken": Redaction.secret(accessToken), "credentialId": credentialId],
            displayStyle: .struct)
    }
}
