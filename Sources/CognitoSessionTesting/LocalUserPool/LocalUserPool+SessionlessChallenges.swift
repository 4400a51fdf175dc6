import Foundation

extension LocalUserPool {
    /// The key of the sign-in a RespondToAuthChallenge continues. Usually its `Session`; but the service also
    /// takes the SRP steps without one (pycognito and other clients send none): PASSWORD_VERIFIER and
    /// DEVICE_PASSWORD_VERIFIER are found by their `PASSWORD_CLAIM_SECRET_BLOCK`, DEVICE_SRP_AUTH by the user,
    /// client and device it names.
    func sessionKey(
        _ request: WireObject, challengeName: String, responses: [String: String], clientId: String
    )
        throws -> String
    {
        if let session = try request.optionalString("Session"), !session.isEmpty { return session }
        switch challengeName {
        case "PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER":
            guard let block = responses["PASSWORD_CLAIM_SECRET_BLOCK"], !block.isEmpty else { return "" }
            return sessions.first {
                $0.value.clientId == clientId && $0.value.secretBlock?.base64EncodedString() == block
            }?.key ?? ""
        case "DEVICE_SRP_AUTH":
            guard let name = responses["USERNAME"].flatMap(resolveUser), let device = responses["DEVICE_KEY"] else {
                return ""
            }
            return sessions.first {
                $0.value.clientId == clientId && $0.value.username == name && $0.value.expected == .deviceSRP
                    && $0.value.deviceKey == device
            }?.key ?? ""
        default:
            return ""
        }
    }
}
