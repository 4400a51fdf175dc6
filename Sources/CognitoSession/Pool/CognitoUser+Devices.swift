/// A page of ``CognitoUser/listDevices(limit:paginationToken:)``.
public struct DeviceList: Sendable, Hashable {
    /// The devices on this page.
    public let devices: [DeviceType]
    /// Pass it back for the next page; nil on the last one.
    public let paginationToken: String?
}

extension CognitoUser {
    /// The device remembered for this user in storage (not only in memory, unlike the JS library).
    private func rememberedDeviceKey() async throws -> String {
        guard let device = try await store.loadDevice(username: username) else {
            throw CognitoUserError.noDeviceRemembered
        }
        return device.deviceKey
    }

    /// Marks this device as remembered (UpdateDeviceStatus).
    public func setDeviceStatusRemembered() async throws {
        _ = try await service.send(
            UpdateDeviceStatusRequest(
                accessToken: try await accessToken(), deviceKey: try await rememberedDeviceKey(),
                deviceRememberedStatus: DeviceRememberedStatus.remembered))
    }

    /// Marks this device as not remembered (UpdateDeviceStatus).
    public func setDeviceStatusNotRemembered() async throws {
        _ = try await service.send(
            UpdateDeviceStatusRequest(
                accessToken: try await accessToken(), deviceKey: try await rememberedDeviceKey(),
                deviceRememberedStatus: DeviceRememberedStatus.notRemembered))
    }

    /// Forgets this device at the service (ForgetDevice) and its keys here.
    public func forgetDevice() async throws {
        try await forgetSpecificDevice(try await rememberedDeviceKey())
    }

    /// Forgets a device at the service (ForgetDevice); when it is this device, its keys here too.
    public func forgetSpecificDevice(_ deviceKey: String) async throws {
        _ = try await service.send(ForgetDeviceRequest(accessToken: try await accessToken(), deviceKey: deviceKey))
        if try await store.loadDevice(username: username)?.deviceKey == deviceKey {
            try await store.clearDevice(username: username)
        }
    }

    /// This device as the service knows it (GetDevice).
    public func getDevice() async throws -> DeviceType {
        try await service.send(
            GetDeviceRequest(
                deviceKey: try await rememberedDeviceKey(), accessToken: try await accessToken())
        ).device
    }

    /// The user's remembered devices, a page at a time (ListDevices).
    public func listDevices(limit: Int = 60, paginationToken: String? = nil) async throws -> DeviceList {
        let response = try await service.send(
            ListDevicesRequest(
                accessToken: try await accessToken(), limit: limit, paginationToken: paginationToken))
        return DeviceList(devices: response.devices ?? [], paginationToken: response.paginationToken)
    }
}
