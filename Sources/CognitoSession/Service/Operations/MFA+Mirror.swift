// Mirrors for the MFA shapes: access tokens, sessions, TOTP secrets and codes are `<redacted>`.

extension SetUserMFAPreferenceRequest: CustomReflectable {
    /// The settings; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "smsMfaSettings": smsMfaSettings as Any,
                "softwareTokenMfaSettings": softwareTokenMfaSettings as Any,
                "emailMfaSettings": emailMfaSettings as Any,
            ],
            displayStyle: .struct)
    }
}

extension SetUserSettingsRequest: CustomReflectable {
    /// The options; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["accessToken": Redaction.secret(accessToken), "mfaOptions": mfaOptions],
            displayStyle: .struct)
    }
}

extension AssociateSoftwareTokenRequest: CustomReflectable {
    /// The access token and the session, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken) as Any, "session": Redaction.secret(session) as Any,
            ],
            displayStyle: .struct)
    }
}

extension AssociateSoftwareTokenResponse: CustomReflectable {
    /// The TOTP secret and the session, `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "secretCode": Redaction.secret(secretCode) as Any, "session": Redaction.secret(session) as Any,
            ],
            displayStyle: .struct)
    }
}

extension VerifySoftwareTokenRequest: CustomReflectable {
    /// The device name; the access token, session and code are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken) as Any, "session": Redaction.secret(session) as Any,
                "userCode": Redaction.secret(userCode), "friendlyDeviceName": friendlyDeviceName as Any,
            ],
            displayStyle: .struct)
    }
}

extension VerifySoftwareTokenResponse: CustomReflectable {
    /// The status; the session is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["status": status as Any, "session": Redaction.secret(session) as Any],
            displayStyle: .struct)
    }
}
