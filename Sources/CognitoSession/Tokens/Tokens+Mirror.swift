import Foundation

// Mirrors that show when a token expires and whose it is, never the token itself.

extension CognitoJWTToken {
    /// The children every JWT's mirror shows: the non-secret claims and the expiry, the token redacted.
    fileprivate func redactedChildren(username: String?) -> KeyValuePairs<String, Any> {
        [
            "tokenUse": tokenUse as Any, "username": username as Any, "expiration": expiration,
            "issuedAt": issuedAt as Any, "jwtToken": Redaction.marker,
        ]
    }
}

extension CognitoAccessToken: CustomReflectable {
    /// The claims that say whose token it is and when it expires; the token is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: redactedChildren(username: username), displayStyle: .struct)
    }
}

extension CognitoIdToken: CustomReflectable {
    /// The claims that say whose token it is and when it expires; the token is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: redactedChildren(username: username), displayStyle: .struct)
    }
}

extension CognitoRefreshToken: CustomReflectable {
    /// `<redacted>`, or an empty string when there is no refresh token.
    public var customMirror: Mirror {
        Mirror(self, children: ["token": Redaction.secret(token)], displayStyle: .struct)
    }
}

extension CognitoUserSession: CustomReflectable {
    /// The three tokens (each redacted by its own mirror) and the clock drift.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "idToken": idToken, "accessToken": accessToken, "refreshToken": refreshToken,
                "clockDrift": clockDrift,
            ],
            displayStyle: .struct)
    }
}

extension JWT: CustomReflectable {
    /// The expiry only; the token and its claims are not shown.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["expiration": expiration, "issuedAt": issuedAt as Any, "token": Redaction.marker],
            displayStyle: .struct)
    }
}
