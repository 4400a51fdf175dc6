import Foundation

/// The app client a request speaks for: its id, its secret if it has one, and the parameters
/// every auth request shares.
package struct AppClientCredentials: Sendable {
    /// The app client id.
    package let clientId: String
    /// The app client secret; nil for a public client.
    package let clientSecret: String?

    package init(clientId: String, clientSecret: String?) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    /// SECRET_HASH = base64(HMAC-SHA256(client secret, username + client id)), or nil without a secret.
    package func secretHash(for username: String) throws -> String? {
        guard let clientSecret else { return nil }
        var key = Array(clientSecret.utf8)
        defer { key.secureClear() }
        return Data(try HMACSHA256.authenticationCode(key: key, message: Array((username + clientId).utf8)))
            .base64EncodedString()
    }

    /// The members every auth request and challenge answer carries: `USERNAME` (unless nil),
    /// `SECRET_HASH` over `secretHashName` (the name the service checks at that step; the user name
    /// unless given), and `DEVICE_KEY` when a device is given, added to `parameters`.
    package func authParameters(
        _ parameters: [String: String] = [:], username: String?, secretHashName: String? = nil, deviceKey: String?
    ) throws -> [String: String] {
        var all = parameters
        if let username { all[AuthParameter.username] = username }
        if let deviceKey { all[AuthParameter.deviceKey] = deviceKey }
        if let name = secretHashName ?? username, let hash = try secretHash(for: name) {
            all[AuthParameter.secretHash] = hash
        }
        return all
    }
}

extension AppClientCredentials: CustomStringConvertible, CustomReflectable {
    /// The client id; never the secret.
    package var description: String {
        "AppClientCredentials(clientId: \(clientId)\(clientSecret == nil ? "" : ", clientSecret: <redacted>"))"
    }

    /// The client id; the secret is `<redacted>`.
    package var customMirror: Mirror {
        Mirror(self, children: ["clientId": clientId, "clientSecret": Redaction.secret(clientSecret) as Any])
    }
}
