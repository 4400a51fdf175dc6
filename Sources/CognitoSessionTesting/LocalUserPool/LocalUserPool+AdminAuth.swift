import Foundation

extension LocalUserPool {
    func handleAdminAuth(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        switch operation {
        case "AdminInitiateAuth": return try adminInitiateAuth(request)
        case "AdminRespondToAuthChallenge":
            return try withoutNewDevices { try respondToAuthChallenge(request) }
        case "AdminUserGlobalSignOut":
            let user = try adminUser(request)
            for record in refreshTokens.values where record.username == user.username {
                revokedOrigins.insert(record.originJTI)
            }
            return [:]
        case "AdminListDevices":
            return try devicePage(of: try adminUser(request), request)
        case "AdminForgetDevice":
            let user = try adminUser(request)
            let key = try request.string("DeviceKey")
            guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
            users[user.username]?.devices[key] = nil
            return [:]
        default:
            throw ServiceFault(name: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }

    /// ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH check the password server-side; the other flows are
    /// the same as InitiateAuth's. Admin sign-ins are given no NewDeviceMetadata.
    private func adminInitiateAuth(_ request: WireObject) throws -> [String: Any] {
        var fields = request.fields
        switch try request.string("AuthFlow") {
        case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH": fields["AuthFlow"] = "USER_PASSWORD_AUTH"
        case "USER_PASSWORD_AUTH": throw ServiceFault.invalidParameter("Initiate Auth method not supported.")
        default: break
        }
        return try withoutNewDevices { try initiateAuth(WireObject(fields)) }
    }

    /// Runs `body` as if device tracking were off, so the sign-in creates no device.
    private func withoutNewDevices(_ body: () throws -> [String: Any]) throws -> [String: Any] {
        let tracking = deviceTracking
        deviceTracking = .off
        defer { deviceTracking = tracking }
        return try body()
    }
}
