// Remembered devices.

/// The SRP verifier of a newly confirmed device.
package struct DeviceSecretVerifierConfig: Codable, Sendable, Hashable {
    package var passwordVerifier: String
    package var salt: String

    private enum CodingKeys: String, CodingKey { case passwordVerifier = "PasswordVerifier", salt = "Salt" }
}

/// ConfirmDevice: registers a device's verifier after sign-in returned NewDeviceMetadata.
package struct ConfirmDeviceRequest: CognitoRequest, Hashable {
    package typealias Response = ConfirmDeviceResponse
    package static var operation: CognitoOperation { .confirmDevice }

    package var accessToken: String
    package var deviceKey: String
    package var deviceSecretVerifierConfig: DeviceSecretVerifierConfig?
    package var deviceName: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", deviceKey = "DeviceKey"
        case deviceSecretVerifierConfig = "DeviceSecretVerifierConfig", deviceName = "DeviceName"
    }
}

package struct ConfirmDeviceResponse: Codable, Sendable, Hashable {
    package var userConfirmationNecessary: Bool?

    private enum CodingKeys: String, CodingKey { case userConfirmationNecessary = "UserConfirmationNecessary" }
}

/// UpdateDeviceStatus: `remembered` or `not_remembered`.
package struct UpdateDeviceStatusRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .updateDeviceStatus }

    package var accessToken: String
    package var deviceKey: String
    package var deviceRememberedStatus: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", deviceKey = "DeviceKey", deviceRememberedStatus = "DeviceRememberedStatus"
    }
}

/// ForgetDevice.
package struct ForgetDeviceRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .forgetDevice }

    package var accessToken: String?
    package var deviceKey: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken", deviceKey = "DeviceKey" }
}

/// GetDevice.
package struct GetDeviceRequest: CognitoRequest, Hashable {
    package typealias Response = GetDeviceResponse
    package static var operation: CognitoOperation { .getDevice }

    package var deviceKey: String
    package var accessToken: String?

    private enum CodingKeys: String, CodingKey { case deviceKey = "DeviceKey", accessToken = "AccessToken" }
}

package struct GetDeviceResponse: Codable, Sendable, Hashable {
    package var device: DeviceType

    private enum CodingKeys: String, CodingKey { case device = "Device" }
}

/// ListDevices: one page of the user's devices.
package struct ListDevicesRequest: CognitoRequest, Hashable {
    package typealias Response = ListDevicesResponse
    package static var operation: CognitoOperation { .listDevices }

    package var accessToken: String
    package var limit: Int?
    package var paginationToken: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", limit = "Limit", paginationToken = "PaginationToken"
    }
}

package struct ListDevicesResponse: Codable, Sendable, Hashable {
    package var devices: [DeviceType]?
    package var paginationToken: String?

    private enum CodingKeys: String, CodingKey { case devices = "Devices", paginationToken = "PaginationToken" }
}
