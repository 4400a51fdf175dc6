// Sign-up, confirmation and forgotten passwords: the unauthenticated account operations.

/// SignUp: registers a user.
package struct SignUpRequest: CognitoRequest, Hashable {
    package typealias Response = SignUpResponse
    package static var operation: CognitoOperation { .signUp }

    package var clientId: String
    package var username: String
    package var password: String?
    package var secretHash: String?
    package var userAttributes: [CognitoUserAttribute]?
    package var validationData: [CognitoUserAttribute]?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case clientId = "ClientId", username = "Username", password = "Password", secretHash = "SecretHash"
        case userAttributes = "UserAttributes", validationData = "ValidationData"
        case clientMetadata = "ClientMetadata"
    }
}

package struct SignUpResponse: Codable, Sendable, Hashable {
    package var userConfirmed: Bool
    package var userSub: String
    package var codeDeliveryDetails: CodeDeliveryDetails?
    package var session: String?

    private enum CodingKeys: String, CodingKey {
        case userConfirmed = "UserConfirmed", userSub = "UserSub"
        case codeDeliveryDetails = "CodeDeliveryDetails", session = "Session"
    }
}

/// ConfirmSignUp: confirms a registration with the code sent to the user.
package struct ConfirmSignUpRequest: CognitoRequest, Hashable {
    package typealias Response = ConfirmSignUpResponse
    package static var operation: CognitoOperation { .confirmSignUp }

    package var clientId: String
    package var username: String
    package var confirmationCode: String
    package var forceAliasCreation: Bool?
    package var secretHash: String?
    package var clientMetadata: [String: String]?
    package var session: String?

    private enum CodingKeys: String, CodingKey {
        case clientId = "ClientId", username = "Username", confirmationCode = "ConfirmationCode"
        case forceAliasCreation = "ForceAliasCreation", secretHash = "SecretHash"
        case clientMetadata = "ClientMetadata", session = "Session"
    }
}

package struct ConfirmSignUpResponse: Codable, Sendable, Hashable {
    package var session: String?

    private enum CodingKeys: String, CodingKey { case session = "Session" }
}

/// ResendConfirmationCode: sends the sign-up code again.
package struct ResendConfirmationCodeRequest: CognitoRequest, Hashable {
    package typealias Response = CodeDeliveryResponse
    package static var operation: CognitoOperation { .resendConfirmationCode }

    package var clientId: String
    package var username: String
    package var secretHash: String?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case clientId = "ClientId", username = "Username", secretHash = "SecretHash"
        case clientMetadata = "ClientMetadata"
    }
}

/// ForgotPassword: sends a password-reset code.
package struct ForgotPasswordRequest: CognitoRequest, Hashable {
    package typealias Response = CodeDeliveryResponse
    package static var operation: CognitoOperation { .forgotPassword }

    package var clientId: String
    package var username: String
    package var secretHash: String?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case clientId = "ClientId", username = "Username", secretHash = "SecretHash"
        case clientMetadata = "ClientMetadata"
    }
}

/// ConfirmForgotPassword: sets a new password with the reset code.
package struct ConfirmForgotPasswordRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .confirmForgotPassword }

    package var clientId: String
    package var username: String
    package var confirmationCode: String
    package var password: String
    package var secretHash: String?
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case clientId = "ClientId", username = "Username", confirmationCode = "ConfirmationCode"
        case password = "Password", secretHash = "SecretHash", clientMetadata = "ClientMetadata"
    }
}
