// Mirrors for the account shapes: access tokens, passwords and codes are `<redacted>`.

extension ChangePasswordRequest: CustomReflectable {
    /// Both passwords and the access token are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "previousPassword": Redaction.secret(previousPassword) as Any,
                "proposedPassword": Redaction.secret(proposedPassword), "accessToken": Redaction.secret(accessToken),
            ],
            displayStyle: .struct)
    }
}

extension GetUserRequest: CustomReflectable {
    /// The access token, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["accessToken": Redaction.secret(accessToken)], displayStyle: .struct)
    }
}

extension UpdateUserAttributesRequest: CustomReflectable {
    /// The attributes; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "userAttributes": userAttributes, "accessToken": Redaction.secret(accessToken),
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,
            ],
            displayStyle: .struct)
    }
}

extension DeleteUserAttributesRequest: CustomReflectable {
    /// The attribute names; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["userAttributeNames": userAttributeNames, "accessToken": Redaction.secret(accessToken)],
            displayStyle: .struct)
    }
}

extension DeleteUserRequest: CustomReflectable {
    /// The access token, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["accessToken": Redaction.secret(accessToken)], displayStyle: .struct)
    }
}

extension GetUserAttributeVerificationCodeRequest: CustomReflectable {
    /// The attribute name; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "attributeName": attributeName,
                "clientMetadata": Redaction.parameters(clientMetadata) as Any,
            ],
            displayStyle: .struct)
    }
}

extension VerifyUserAttributeRequest: CustomReflectable {
    /// The attribute name; the access token and the code are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "attributeName": attributeName,
                "code": Redaction.secret(code),
            ],
            displayStyle: .struct)
    }
}
