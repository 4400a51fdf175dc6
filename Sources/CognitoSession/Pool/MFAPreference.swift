/// One factor's setting for ``CognitoUser/setUserMfaPreference(sms:softwareToken:)``.
public struct MFAPreference: Sendable, Hashable {
    /// Whether the factor is enabled.
    public var enabled: Bool
    /// Whether it is the preferred factor.
    public var preferred: Bool

    /// A setting.
    public init(enabled: Bool, preferred: Bool = false) {
        self.enabled = enabled
        self.preferred = preferred
    }
}
