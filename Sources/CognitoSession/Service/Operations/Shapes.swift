import Foundation

/// The key of a device the service has just started tracking, returned with new tokens.
public struct NewDeviceMetadata: Codable, Sendable, Hashable {
    /// The device key, `<region>_<uuid>`.
    public var deviceKey: String
    /// The device group key, used in the device's SRP verifier.
    public var deviceGroupKey: String

    /// Creates device metadata.
    public init(deviceKey: String, deviceGroupKey: String) {
        self.deviceKey = deviceKey
        self.deviceGroupKey = deviceGroupKey
    }

    private enum CodingKeys: String, CodingKey {
        case deviceKey = "DeviceKey", deviceGroupKey = "DeviceGroupKey"
    }
}

/// Tokens issued by a successful sign-in or refresh.
package struct AuthenticationResult: Codable, Sendable, Hashable {
    package var accessToken: String
    package var idToken: String
    package var refreshToken: String?
    package var expiresIn: Int?
    package var tokenType: String?
    package var newDeviceMetadata: NewDeviceMetadata?

    package init(
        accessToken: String, idToken: String, refreshToken: String? = nil, expiresIn: Int? = nil,
        tokenType: String? = nil, newDeviceMetadata: NewDeviceMetadata? = nil
    ) {
        self.accessToken = accessToken
        self.idToken = idToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.tokenType = tokenType
        self.newDeviceMetadata = newDeviceMetadata
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", idToken = "IdToken", refreshToken = "RefreshToken"
        case expiresIn = "ExpiresIn", tokenType = "TokenType", newDeviceMetadata = "NewDeviceMetadata"
    }
}

/// A legacy SMS MFA option (SetUserSettings, GetUser).
package struct MFAOptionType: Codable, Sendable, Hashable {
    package var deliveryMedium: String?
    package var attributeName: String?

    package init(deliveryMedium: String? = nil, attributeName: String? = nil) {
        self.deliveryMedium = deliveryMedium
        self.attributeName = attributeName
    }

    private enum CodingKeys: String, CodingKey {
        case deliveryMedium = "DeliveryMedium", attributeName = "AttributeName"
    }
}

/// The response of operations that only report where a code went.
package struct CodeDeliveryResponse: Codable, Sendable, Hashable {
    package var codeDeliveryDetails: CodeDeliveryDetails?

    package init(codeDeliveryDetails: CodeDeliveryDetails? = nil) { self.codeDeliveryDetails = codeDeliveryDetails }

    private enum CodingKeys: String, CodingKey { case codeDeliveryDetails = "CodeDeliveryDetails" }
}
