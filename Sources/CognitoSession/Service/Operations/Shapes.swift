import Foundation

/// A user attribute: a name such as `email` or `custom:team` and its value.
public struct CognitoUserAttribute: Codable, Sendable, Hashable {
    /// The attribute name, e.g. `email`.
    public var name: String
    /// The attribute value (empty when the service sent none).
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name", value = "Value"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    }
}

/// Where the service sent a code: a masked destination, the medium and the attribute used.
public struct CodeDeliveryDetails: Codable, Sendable, Hashable {
    /// The masked destination, e.g. `a***@e***.com` or `+*******1234`.
    public var destination: String?
    /// `SMS` or `EMAIL`.
    public var deliveryMedium: String?
    /// The attribute the code went to, e.g. `email` or `phone_number`.
    public var attributeName: String?

    /// Creates delivery details.
    public init(destination: String? = nil, deliveryMedium: String? = nil, attributeName: String? = nil) {
        self.destination = destination
        self.deliveryMedium = deliveryMedium
        self.attributeName = attributeName
    }

    private enum CodingKeys: String, CodingKey {
        case destination = "Destination", deliveryMedium = "DeliveryMedium", attributeName = "AttributeName"
    }
}

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

/// A device the service tracks for a user.
public struct DeviceType: Codable, Sendable, Hashable {
    /// The device key.
    public var deviceKey: String
    /// Attributes such as `device_name` and `device_status`.
    public var deviceAttributes: [CognitoUserAttribute]?
    /// When the device was first seen.
    public var deviceCreateDate: Date?
    /// When the device record last changed.
    public var deviceLastModifiedDate: Date?
    /// When the device was last used to sign in.
    public var deviceLastAuthenticatedDate: Date?

    /// Creates a device record.
    public init(
        deviceKey: String,
        deviceAttributes: [CognitoUserAttribute]? = nil,
        deviceCreateDate: Date? = nil,
        deviceLastModifiedDate: Date? = nil,
        deviceLastAuthenticatedDate: Date? = nil
    ) {
        self.deviceKey = deviceKey
        self.deviceAttributes = deviceAttributes
        self.deviceCreateDate = deviceCreateDate
        self.deviceLastModifiedDate = deviceLastModifiedDate
        self.deviceLastAuthenticatedDate = deviceLastAuthenticatedDate
    }

    private enum CodingKeys: String, CodingKey {
        case deviceKey = "DeviceKey", deviceAttributes = "DeviceAttributes"
        case deviceCreateDate = "DeviceCreateDate", deviceLastModifiedDate = "DeviceLastModifiedDate"
        case deviceLastAuthenticatedDate = "DeviceLastAuthenticatedDate"
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

/// Advanced-security context: the encoded device fingerprint and the end user's IP address.
package struct UserContextData: Codable, Sendable, Hashable {
    package var encodedData: String?
    package var ipAddress: String?

    package init(encodedData: String? = nil, ipAddress: String? = nil) {
        self.encodedData = encodedData
        self.ipAddress = ipAddress
    }

    private enum CodingKeys: String, CodingKey {
        case encodedData = "EncodedData", ipAddress = "IpAddress"
    }
}

/// The Amazon Pinpoint endpoint to record analytics under.
package struct AnalyticsMetadata: Codable, Sendable, Hashable {
    package var analyticsEndpointId: String?

    package init(analyticsEndpointId: String? = nil) { self.analyticsEndpointId = analyticsEndpointId }

    private enum CodingKeys: String, CodingKey { case analyticsEndpointId = "AnalyticsEndpointId" }
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
