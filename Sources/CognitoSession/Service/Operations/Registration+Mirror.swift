// Mirrors for the registration and password-reset shapes: passwords, codes, SECRET_HASH and
// sessions are `<redacted>`.

extension SignUpRequest: CustomReflectable {
    /// The client, user name and attributes; the password and SECRET_HASH are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "username": username, "password": Redaction.secret(password) as Any,
                "secretHash": Redaction.secret(secretHash) as Any, "userAttributes": userAttributes as Any,
                "validationData": validationData as Any, "clientMetadata": Redaction.parameters(clientMetadata) as Any,

            ],
            displayStyle: .struct)
    }
}

extension SignUpResponse: CustomReflectable {
    /// The outcome; the session is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "userConfirmed": userConfirmed, "userSub": userSub, "codeDeliveryDetails": codeDeliveryDetails as Any,
                "session": Redaction.secret(session) as Any,
            ],
            displayStyle: .struct)
    }
}

extension ConfirmSignUpRequest: CustomReflectable {
    /// The client and user name; the code, SECRET_HASH and session are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "username": username, "confirmationCode": Redaction.secret(confirmationCode),
                "forceAliasCreation": forceAliasCreation as Any, "secretHash": Redaction.secret(secretHash) as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,

                "session": Redaction.secret(session) as Any,
            ],
            displayStyle: .struct)
    }
}

extension ConfirmSignUpResponse: CustomReflectable {
    /// The session, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["session": Redaction.secret(session) as Any], displayStyle: .struct)
    }
}

extension ResendConfirmationCodeRequest: CustomReflectable {
    /// The client and user name; SECRET_HASH is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "username": username, "secretHash": Redaction.secret(secretHash) as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,

            ],
            displayStyle: .struct)
    }
}

extension ForgotPasswordRequest: CustomReflectable {
    /// The client and user name; SECRET_HASH is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "username": username, "secretHash": Redaction.secret(secretHash) as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,

            ],
            displayStyle: .struct)
    }
}

extension ConfirmForgotPasswordRequest: CustomReflectable {
    /// The client and user name; the code, new password and SECRET_HASH are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "username": username, "confirmationCode": Redaction.secret(confirmationCode),
                "password": Redaction.secret(password), "secretHash": Redaction.secret(secretHash) as Any,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,

            ],
            displayStyle: .struct)
    }
}
