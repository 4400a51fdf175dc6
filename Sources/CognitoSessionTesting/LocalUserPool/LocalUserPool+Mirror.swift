import CognitoSession

// Mirrors for the in-process pool and its public models: ids and names shown; passwords'
// verifiers, codes, client secrets, private challenge answers and SRP values `<redacted>`.

extension LocalUserPool: CustomReflectable {
    /// The pool id and region; the users, sessions and tokens it holds are not shown.
    public nonisolated var customMirror: Mirror {
        Mirror(
            self,
            children: ["userPoolId": userPoolId, "region": region, "state": Redaction.marker],
            displayStyle: .class)
    }
}

extension LocalUserPool.AppClient: CustomReflectable {
    /// The client id and lifetimes; the secret is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "secret": Redaction.secret(secret) as Any, "accessTokenLifetime": accessTokenLifetime,
                "idTokenLifetime": idTokenLifetime, "refreshTokenLifetime": refreshTokenLifetime,
                "refreshTokenRotationGracePeriod": refreshTokenRotationGracePeriod as Any,
            ],
            displayStyle: .struct)
    }
}

extension LocalUserPool.SentMessage: CustomReflectable {
    /// Who it went to and why; the code is `<redacted>` (read it from ``code``).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["username": username, "purpose": purpose, "medium": medium, "code": Redaction.secret(code)],
            displayStyle: .struct)
    }
}

extension LocalUserPool.CustomChallenge: CustomReflectable {
    /// The public parameters; the private ones (the expected answer) are `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "publicParameters": publicParameters,
                "privateParameters": privateParameters.mapValues { _ in Redaction.marker },
            ],
            displayStyle: .struct)
    }
}

extension SRPServer: CustomReflectable {
    /// Nothing but that it is there: the verifier, `b` and `B` are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["verifier": Redaction.marker, "smallB": Redaction.marker, "largeB": Redaction.marker],
            displayStyle: .struct)
    }
}

extension SRPServer.Verifier: CustomReflectable {
    /// The salt and verifier, both `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["salt": Redaction.marker, "verifier": Redaction.marker], displayStyle: .struct)
    }
}
