import Foundation

extension CognitoServiceError {
    /// This error with every secret the request carried replaced by `<redacted>` in its message.
    ///
    /// Cognito's messages never echo a request's secrets, but emulators do: moto answers a wrong
    /// SECRET_HASH with the hash itself as the message. Every string value of the request body
    /// (at any depth) counts as secret except the members known to be names and identifiers.
    package func redactingSecrets(sentIn body: Data) -> CognitoServiceError {
        guard let message, !message.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: body)
        else { return self }
        var secrets: [String] = []
        Self.collectSecrets(in: object, key: nil, into: &secrets)
        var redacted = message
        for secret in secrets.sorted(by: { $0.count > $1.count }) where redacted.contains(secret) {
            redacted = redacted.replacingOccurrences(of: secret, with: "<redacted>")
        }
        guard redacted != message else { return self }
        return CognitoServiceError(name: name, message: redacted, statusCode: statusCode, requestID: requestID)
    }

    /// Request members whose values are names, identifiers or vocabulary, never secrets.
    private static let publicMembers: Set<String> = [
        "ClientId", "AuthFlow", "ChallengeName", "USERNAME", "Username", "DEVICE_KEY", "DeviceKey", "DeviceName",
        "FriendlyDeviceName", "DeviceRememberedStatus", "AttributeName", "UserAttributeNames", "Name",
        "CHALLENGE_NAME", "PaginationToken", "Limit", "TokenType",
    ]

    /// Shorter strings than this are not scrubbed: they would match ordinary words of a message.
    private static let shortestSecret = 6

    private static func collectSecrets(in value: Any, key: String?, into secrets: inout [String]) {
        switch value {
        case let text as String:
            if let key, publicMembers.contains(key) { return }
            if text.count >= shortestSecret { secrets.append(text) }
        case let object as [String: Any]:
            for (member, child) in object { collectSecrets(in: child, key: member, into: &secrets) }
        case let array as [Any]:
            for child in array { collectSecrets(in: child, key: key, into: &secrets) }
        default:
            return
        }
    }
}
