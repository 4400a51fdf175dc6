/// A user's profile as GetUser returns it, and as the `userData` key caches it.
public struct UserData: Sendable, Hashable, Codable {
    /// The canonical user name.
    public let username: String
    /// The user's attributes.
    public let attributes: [CognitoUserAttribute]
    /// `SMS_MFA` or `SOFTWARE_TOKEN_MFA`, when the user chose one.
    public let preferredMFASetting: String?
    /// The factors the user has enabled.
    public let mfaSettings: [String]

    /// A profile.
    public init(
        username: String, attributes: [CognitoUserAttribute], preferredMFASetting: String?, mfaSettings: [String]
    ) {
        self.username = username
        self.attributes = attributes
        self.preferredMFASetting = preferredMFASetting
        self.mfaSettings = mfaSettings
    }

    // The member names of GetUser's answer, which amazon-cognito-identity-js caches under `userData`.
    private enum CodingKeys: String, CodingKey {
        case username = "Username", attributes = "UserAttributes", preferredMFASetting = "PreferredMfaSetting"
        case mfaSettings = "UserMFASettingList"
    }

    /// Reads the cached JSON; a missing attribute or factor list is empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        attributes = try container.decodeIfPresent([CognitoUserAttribute].self, forKey: .attributes) ?? []
        preferredMFASetting = try container.decodeIfPresent(String.self, forKey: .preferredMFASetting)
        mfaSettings = try container.decodeIfPresent([String].self, forKey: .mfaSettings) ?? []
    }
}

extension UserData {
    init(_ response: GetUserResponse) {
        self.init(
            username: response.username, attributes: response.userAttributes,
            preferredMFASetting: response.preferredMfaSetting, mfaSettings: response.userMFASettingList ?? [])
    }
}
