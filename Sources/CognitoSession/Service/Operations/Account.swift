// Operations on the signed-in user, authorised by the access token in the body.

/// ChangePassword.
package struct ChangePasswordRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .changePassword }

    package var previousPassword: String?
    package var proposedPassword: String
    package var accessToken: String

    private enum CodingKeys: String, CodingKey {
        case previousPassword = "PreviousPassword", proposedPassword = "ProposedPassword"
        case accessToken = "AccessToken"
    }
}

/// GetUser: the user's attributes and MFA settings.
package struct GetUserRequest: CognitoRequest, Hashable {
    package typealias Response = GetUserResponse
    package static var operation: CognitoOperation { .getUser }

    package var accessToken: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken" }
}

package struct GetUserResponse: Codable, Sendable, Hashable {
    package var username: String
    package var userAttributes: [CognitoUserAttribute]
    package var mfaOptions: [MFAOptionType]?
    package var preferredMfaSetting: String?
    package var userMFASettingList: [String]?

    private enum CodingKeys: String, CodingKey {
        case username = "Username", userAttributes = "UserAttributes", mfaOptions = "MFAOptions"
        case preferredMfaSetting = "PreferredMfaSetting", userMFASettingList = "UserMFASettingList"
    }
}

/// UpdateUserAttributes.
package struct UpdateUserAttributesRequest: CognitoRequest, Hashable {
    package typealias Response = UpdateUserAttributesResponse
    package static var operation: CognitoOperation { .updateUserAttributes }

    package var userAttributes: [CognitoUserAttribute]
    package var accessToken: String
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case userAttributes = "UserAttributes", accessToken = "AccessToken", clientMetadata = "ClientMetadata"
    }
}

package struct UpdateUserAttributesResponse: Codable, Sendable, Hashable {
    package var codeDeliveryDetailsList: [CodeDeliveryDetails]?

    private enum CodingKeys: String, CodingKey { case codeDeliveryDetailsList = "CodeDeliveryDetailsList" }
}

/// DeleteUserAttributes.
package struct DeleteUserAttributesRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .deleteUserAttributes }

    package var userAttributeNames: [String]
    package var accessToken: String

    private enum CodingKeys: String, CodingKey {
        case userAttributeNames = "UserAttributeNames", accessToken = "AccessToken"
    }
}

/// DeleteUser: deletes the signed-in user.
package struct DeleteUserRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .deleteUser }

    package var accessToken: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken" }
}

/// GetUserAttributeVerificationCode: sends a code to verify an email or phone number.
package struct GetUserAttributeVerificationCodeRequest: CognitoRequest, Hashable {
    package typealias Response = CodeDeliveryResponse
    package static var operation: CognitoOperation { .getUserAttributeVerificationCode }

    package var accessToken: String
    package var attributeName: String
    package var clientMetadata: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", attributeName = "AttributeName", clientMetadata = "ClientMetadata"
    }
}

/// VerifyUserAttribute: verifies an attribute with the code sent.
package struct VerifyUserAttributeRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .verifyUserAttribute }

    package var accessToken: String
    package var attributeName: String
    package var code: String

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", attributeName = "AttributeName", code = "Code"
    }
}
