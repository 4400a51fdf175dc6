// Mirrors for the device shapes: access tokens and the device's SRP verifier are `<redacted>`.

extension DeviceSecretVerifierConfig: CustomReflectable {
    /// The verifier and its salt, both `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["passwordVerifier": Redaction.secret(passwordVerifier), "salt": Redaction.secret(salt)],
            displayStyle: .struct)
    }
}

extension ConfirmDeviceRequest: CustomReflectable {
    /// The device key and name; the access token and the verifier are `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "deviceKey": deviceKey,
                "deviceSecretVerifierConfig": deviceSecretVerifierConfig as Any, "deviceName": deviceName as Any,
            ],
            displayStyle: .struct)
    }
}

extension UpdateDeviceStatusRequest: CustomReflectable {
    /// The device key and status; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "deviceKey": deviceKey,
                "deviceRememberedStatus": deviceRememberedStatus as Any,
            ],
            displayStyle: .struct)
    }
}

extension ForgetDeviceRequest: CustomReflectable {
    /// The device key; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["accessToken": Redaction.secret(accessToken) as Any, "deviceKey": deviceKey],
            displayStyle: .struct)
    }
}

extension GetDeviceRequest: CustomReflectable {
    /// The device key; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: ["deviceKey": deviceKey, "accessToken": Redaction.secret(accessToken) as Any],
            displayStyle: .struct)
    }
}

extension ListDevicesRequest: CustomReflectable {
    /// The page size and token; the access token is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": Redaction.secret(accessToken), "limit": limit as Any,
                "paginationToken": paginationToken as Any,
            ],
            displayStyle: .struct)
    }
}
