// Mirrors for the sign-in, challenge, refresh and sign-out shapes: passwords, SRP values,
// SECRET_HASH, session strings, tokens and client secrets are `<redacted>`.

extension InitiateAuthRequest: CustomReflectable {
    /// The flow, client and parameter names; secret parameter values are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "authFlow": authFlow, "clientId": clientId, "authParameters": Redaction.parameters(authParameters),
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,
                "session": Redaction.secret(session) as Any,

            ],
            displayStyle: .struct)
    }
}

extension RespondToAuthChallengeRequest: CustomReflectable {
    /// The challenge, client and response names; secret answers and the session are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "challengeName": challengeName, "clientId": clientId,
                "challengeResponses": Redaction.parameters(challengeResponses),
                "session": Redaction.secret(session) as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,

            ],
            displayStyle: .struct)
    }
}

extension AuthChallengeResponse: CustomReflectable {
    /// The challenge name and parameter names; SRP values, the session and tokens are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "challengeName": challengeName as Any,
                "challengeParameters": Redaction.parameters(challengeParameters) as Any,
                "session": Redaction.secret(session) as Any, "authenticationResult": authenticationResult as Any,
                "availableChallenges": availableChallenges as Any,
            ],
            displayStyle: .struct)
    }
}

extension GetTokensFromRefreshTokenRequest: CustomReflectable {
    /// The client and device key; the refresh token and client secret are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "refreshToken": Redaction.secret(refreshToken), "clientId": clientId,
                "clientSecret": Redaction.secret(clientSecret) as Any, "deviceKey": deviceKey as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,
            ],
            displayStyle: .struct)
    }
}

extension RevokeTokenRequest: CustomReflectable {
    /// The client; the token and client secret are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "token": Redaction.secret(token), "clientId": clientId,
                "clientSecret": Redaction.secret(clientSecret) as Any,
            ],
            displayStyle: .struct)
    }
}

extension GlobalSignOutRequest: CustomReflectable {
    /// The access token, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["accessToken": Redaction.secret(accessToken)], displayStyle: .struct)
    }
}
