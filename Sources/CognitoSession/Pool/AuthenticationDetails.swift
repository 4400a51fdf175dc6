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
    /// The first factor asked for with ``AuthFlow/userAuth`` (`PREFERRED_CHALLENGE`): ``ChallengeName/password``,
    /// ``ChallengeName/passwordSRP`` (both use ``password``), ``ChallengeName/emailOTP``,
    /// ``ChallengeName/smsOTP`` or ``ChallengeName/webAuthn``. Nil: the service offers the pool's choices
    /// (``AuthenticationStep/selectChallenge(availableChallenges:)``). Ignored by the other flows.
    public var preferredChallenge: ChallengeName?

    /// Details for a sign-in.
    public init(
        username: String, password: String = "", validationData: [String: String] = [:],
        clientMetadata: [String: String] = [:], authParameters: [String: String] = [:],
        authenticationFlowType: AuthenticationFlowType? = nil, preferredChallenge: ChallengeName? = nil
    ) {
        self.preferredChallenge = preferredChallenge
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
/// ``AuthFlow/userPasswordAuth``, ``AuthFlow/customAuth`` (starting with SRP) or ``AuthFlow/userAuth``
/// (the choice-based sign-in).
public typealias AuthenticationFlowType = AuthFlow
