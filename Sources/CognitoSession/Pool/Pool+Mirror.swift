// Mirrors for the pool, the user and the sign-in details: names shown, secrets `<redacted>`.

extension AuthenticationDetails: CustomReflectable {
    /// The user name and the names of the metadata and parameters; the password and every value
    /// that could be secret are `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "username": username, "password": Redaction.secret(password),
                "validationData": Redaction.parameters(validationData),
                "clientMetadata": Redaction.parameters(clientMetadata),
                "authParameters": Redaction.parameters(authParameters),
            ],
            displayStyle: .struct)
    }
}

extension CognitoUserPool: CustomReflectable {
    /// The pool, client, region and settings; the client secret is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "userPoolId": userPoolId, "clientId": clientId, "region": region,
                "clientSecret": Redaction.secret(clientSecret) as Any,
                "refreshTokenRotation": refreshTokenRotation, "deviceName": deviceName,
                "oauth2Client": oauth2Client as Any,
            ],
            displayStyle: .class)
    }
}

extension CognitoUser: CustomReflectable {
    /// The user name, pool and flow; the session shows through its own redacted mirror, and a
    /// challenge in progress by its name only (its session string is `<redacted>`).
    public var customMirror: Mirror {
        let state = state.current
        let challenge = state.challenge.map { challenge in
            ["name": challenge.name, "session": Redaction.secret(challenge.session) ?? "nil"]
        }
        return Mirror(
            self,
            children: [
                "username": state.username, "pool": pool, "authenticationFlowType": state.flowType,
                "signInUserSession": state.session as Any, "challenge": challenge as Any,
            ],
            displayStyle: .class)
    }
}
