// MFA preferences and TOTP software-token setup.

/// One MFA method's setting in SetUserMFAPreference.
package struct MFASettings: Codable, Sendable, Hashable {
    package var enabled: Bool?
    package var preferredMfa: Bool?

    private enum CodingKeys: String, CodingKey { case enabled = "Enabled", preferredMfa = "PreferredMfa" }
}

/// SetUserMFAPreference.
package struct SetUserMFAPreferenceRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .setUserMFAPreference }

    package var accessToken: String
    package var smsMfaSettings: MFASettings?
    package var softwareTokenMfaSettings: MFASettings?
    package var emailMfaSettings: MFASettings?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", smsMfaSettings = "SMSMfaSettings"
        case softwareTokenMfaSettings = "SoftwareTokenMfaSettings", emailMfaSettings = "EmailMfaSettings"
    }
}

/// SetUserSettings: the legacy SMS MFA switch (`enableMFA` / `disableMFA`).
package struct SetUserSettingsRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .setUserSettings }

    package var accessToken: String
    package var mfaOptions: [MFAOptionType]

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken", mfaOptions = "MFAOptions" }
}

/// AssociateSoftwareToken: starts TOTP setup with an access token or an MFA_SETUP session.
package struct AssociateSoftwareTokenRequest: CognitoRequest, Hashable {
    package typealias Response = AssociateSoftwareTokenResponse
    package static var operation: CognitoOperation { .associateSoftwareToken }

    package var accessToken: String?
    package var session: String?

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken", session = "Session" }
}

package struct AssociateSoftwareTokenResponse: Codable, Sendable, Hashable {
    package var secretCode: String?
    package var session: String?

    private enum CodingKeys: String, CodingKey { case secretCode = "SecretCode", session = "Session" }
}

/// VerifySoftwareToken: finishes TOTP setup with a code from the authenticator app.
package struct VerifySoftwareTokenRequest: CognitoRequest, Hashable {
    package typealias Response = VerifySoftwareTokenResponse
    package static var operation: CognitoOperation { .verifySoftwareToken }

    package var accessToken: String?
    package var session: String?
    package var userCode: String
    package var friendlyDeviceName: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", session = "Session", userCode = "UserCode"
        case friendlyDeviceName = "FriendlyDeviceName"
    }
}

package struct VerifySoftwareTokenResponse: Codable, Sendable, Hashable {
    /// `SUCCESS` or `ERROR`.
    package var status: String?
    package var session: String?

    private enum CodingKeys: String, CodingKey { case status = "Status", session = "Session" }
}
