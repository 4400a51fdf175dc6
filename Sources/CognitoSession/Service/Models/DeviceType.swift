import Foundation

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
