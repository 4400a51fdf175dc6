import CognitoSession
import Foundation

extension LocalUserPool {
    func confirmDevice(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let key = try request.string("DeviceKey")
        guard var device = user.devices[key] else { throw ServiceFault.deviceNotFound }
        guard let config = try request.optionalObject("DeviceSecretVerifierConfig") else {
            throw ServiceFault.missing("DeviceSecretVerifierConfig")
        }
        guard let salt = Data(base64Encoded: try config.string("Salt")),
            let verifier = Data(base64Encoded: try config.string("PasswordVerifier"))
        else {
            throw ServiceFault.invalidParameter("DeviceSecretVerifierConfig is not valid base64.")
        }
        device.verifier = SRPServer.Verifier(
            salt: try BigNumber(bigEndian: Array(salt)), verifier: try BigNumber(bigEndian: Array(verifier)))
        device.name = try request.optionalString("DeviceName")
        device.remembered = deviceTracking == .always
        device.lastModified = now()
        users[user.username]?.devices[key] = device
        return ["UserConfirmationNecessary": deviceTracking == .userOptIn]
    }

    func updateDeviceStatus(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let key = try request.string("DeviceKey")
        guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
        switch try request.optionalString("DeviceRememberedStatus") {
        case "remembered": users[user.username]?.devices[key]?.remembered = true
        case "not_remembered": users[user.username]?.devices[key]?.remembered = false
        default: throw ServiceFault.invalidParameter("DeviceRememberedStatus must be remembered or not_remembered.")
        }
        users[user.username]?.devices[key]?.lastModified = now()
        return [:]
    }

    func forgetDevice(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let key = try request.string("DeviceKey")
        guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
        users[user.username]?.devices[key] = nil
        return [:]
    }

    func getDevice(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        guard let device = user.devices[try request.string("DeviceKey")] else { throw ServiceFault.deviceNotFound }
        return ["Device": Self.wireDevice(device)]
    }

    func listDevices(_ request: WireObject) throws -> [String: Any] {
        try devicePage(of: try authenticate(request), request)
    }

    /// A page of the user's confirmed devices (ListDevices, AdminListDevices), oldest first.
    func devicePage(of user: LocalUser, _ request: WireObject) throws -> [String: Any] {
        let limit = min(max(try request.optionalInt("Limit") ?? 60, 1), 60)
        let start = Int(try request.optionalString("PaginationToken") ?? "0") ?? -1
        let devices = user.devices.values.filter { $0.verifier != nil }.sorted {
            ($0.created, $0.key) < ($1.created, $1.key)
        }
        guard start >= 0, start <= devices.count else {
            throw ServiceFault.invalidParameter("Invalid pagination token.")
        }
        let page = devices[start..<min(start + limit, devices.count)]
        var result: [String: Any] = ["Devices": page.map(Self.wireDevice)]
        if start + limit < devices.count { result["PaginationToken"] = String(start + limit) }
        return result
    }

    static func wireDevice(_ device: LocalDevice) -> [String: Any] {
        var attributes = [
            "device_status": device.verifier == nil ? "unconfirmed" : "valid",
            "device_remembered_status": device.remembered ? "remembered" : "not_remembered",
        ]
        if let name = device.name { attributes["device_name"] = name }
        return [
            "DeviceKey": device.key, "DeviceAttributes": wireAttributes(attributes),
            "DeviceCreateDate": device.created.timeIntervalSince1970,
            "DeviceLastModifiedDate": device.lastModified.timeIntervalSince1970,
            "DeviceLastAuthenticatedDate": device.lastAuthenticated.timeIntervalSince1970,
        ]
    }
}
