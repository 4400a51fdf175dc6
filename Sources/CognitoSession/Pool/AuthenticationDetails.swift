/// What a sign-in needs: the user name, the password, and optional data for Lambda triggers.
public struct AuthenticationDetails: Sendable {
    /// The user name, or an alias (email, phone number) when the pool allows it.
    public var username: String
    /// The password (empty for custom authentication without SRP).
    public var password: String
    /// Sent to the pre-authentication trigger as `ClientMetadata`.
    ///
    /// amazon-cognito-identity-js sends `ValidationData`, when present, *instead of* the client
    /// metadata. This library sends both, merged, with the client metadata winning on a clash.
    public var validationData: [String: String]
    /// Passed to Lambda triggers as `ClientMetadata`.
    public var clientMetadata: [String: String]
    /// Extra `AuthParameters` (custom authentication without SRP).
    public var authParameters: [String: String]
    /// How ``CognitoUser/authenticateUser(_:)`` signs in: SRP unless given (or unless the
    /// deprecated ``CognitoUser/authenticationFlowType`` says otherwise).
    public var authenticationFlowType: AuthenticationFlowType?

    /// Details for a sign-in.
    public init(
        username: String, password: String = "", validationData: [String: String] = [:],
        clientMetadata: [String: String] = [:], authParameters: [String: String] = [:],
        authenticationFlowType: AuthenticationFlowType? = nil
    ) {
        self.username = username
        self.password = password
        self.validationData = validationData
        self.clientMetadata = clientMetadata
        self.authParameters = authParameters
        self.authenticationFlowType = authenticationFlowType
    }

    /// The `ClientMetadata` sent with the sign-in, or nil when there is none.
    var metadata: [String: String]? {
        let merged = validationData.merging(clientMetadata) { $1 }
        return merged.isEmpty ? nil : merged
    }
}

extension AuthenticationDetails: CustomStringConvertible {
    /// Never shows the password.
    public var description: String { "AuthenticationDetails(username: \(username), password: <redacted>)" }
}

/// How `authenticateUser(_:)` signs in: ``AuthFlow/userSRPAuth`` (the default),
/// ``AuthFlow/userPasswordAuth`` or ``AuthFlow/customAuth`` (starting with SRP).
public typealias AuthenticationFlowType = AuthFlow
