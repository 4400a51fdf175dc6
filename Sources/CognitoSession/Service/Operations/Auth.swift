// Sign-in, challenges, refresh and sign-out.

/// InitiateAuth: starts USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_AUTH or REFRESH_TOKEN_AUTH.
package struct InitiateAuthRequest: CognitoRequest, Hashable {
    package typealias Response = AuthChallengeResponse
    package static var operation: CognitoOperation { .initiateAuth }

    package var authFlow: AuthFlow
    package var clientId: String
    package var authParameters: [String: String]
    package var clientMetadata: [String: String]?
    /// The `Session` of ConfirmSignUp (or SignUp) that starts USER_AUTH without another factor.
    package var session: String? = nil

    private enum CodingKeys: String, CodingKey {
        case authFlow = "AuthFlow", clientId = "ClientId", authParameters = "AuthParameters"
        case clientMetadata = "ClientMetadata", session = "Session"
    }
}

/// RespondToAuthChallenge: answers PASSWORD_VERIFIER, an MFA code, NEW_PASSWORD_REQUIRED, ...
package struct RespondToAuthChallengeRequest: CognitoRequest, Hashable {
    package typealias Response = AuthChallengeResponse
    package static var operation: CognitoOperation { .respondToAuthChallenge }

    package var challengeName: ChallengeName
    package var clientId: String
    package var challengeResponses: [String: String]
    package var session: String?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case challengeName = "ChallengeName", clientId = "ClientId", challengeResponses = "ChallengeResponses"
        case session = "Session", clientMetadata = "ClientMetadata"
    }
}

/// The response of InitiateAuth and RespondToAuthChallenge: a next challenge or tokens.
package struct AuthChallengeResponse: Codable, Sendable, Hashable {
    package var challengeName: ChallengeName?
    package var challengeParameters: [String: String]?
    package var session: String?
    package var authenticationResult: AuthenticationResult?
    package var availableChallenges: [ChallengeName]?

    private enum CodingKeys: String, CodingKey {
        case challengeName = "ChallengeName", challengeParameters = "ChallengeParameters", session = "Session"
        case authenticationResult = "AuthenticationResult", availableChallenges = "AvailableChallenges"
    }
}

/// GetTokensFromRefreshToken: refresh with refresh-token rotation.
package struct GetTokensFromRefreshTokenRequest: CognitoRequest, Hashable {
    package typealias Response = GetTokensFromRefreshTokenResponse
    package static var operation: CognitoOperation { .getTokensFromRefreshToken }

    package var refreshToken: String
    package var clientId: String
    package var clientSecret: String?
    package var deviceKey: String?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case refreshToken = "RefreshToken", clientId = "ClientId", clientSecret = "ClientSecret"
        case deviceKey = "DeviceKey", clientMetadata = "ClientMetadata"
    }
}

package struct GetTokensFromRefreshTokenResponse: Codable, Sendable, Hashable {
    package var authenticationResult: AuthenticationResult

    private enum CodingKeys: String, CodingKey { case authenticationResult = "AuthenticationResult" }
}

/// RevokeToken: revokes a refresh token and the tokens issued from it.
package struct RevokeTokenRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .revokeToken }

    package var token: String
    package var clientId: String
    package var clientSecret: String?

    private enum CodingKeys: String, CodingKey {
        case token = "Token", clientId = "ClientId", clientSecret = "ClientSecret"
    }
}

/// GlobalSignOut: invalidates every token issued to the user.
package struct GlobalSignOutRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .globalSignOut }

    package var accessToken: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken" }
}
