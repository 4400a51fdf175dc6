import CognitoSession
import Foundation

/// What the session file holds for one app client: who signed in last, and each user with tokens.
struct StoredUsers: Sendable {
    /// One user with tokens in the file.
    struct Entry: Sendable {
        let username: String
        /// The stored access token's expiry, when it is readable.
        let accessExpiration: Date?
        let hasRefreshToken: Bool
        let hasDevice: Bool
    }

    let lastAuthUser: String?
    let users: [Entry]

    /// Reads the whole file once (``FileStorage/allItems()``).
    static func read(_ pool: CognitoUserPool) async throws -> StoredUsers {
        let keys = StorageKeys(clientId: pool.clientId)
        let items: [String: String]
        if let file = pool.storage as? FileStorage {
            items = try await file.allItems()
        } else {
            items = [:]
        }
        let prefix = keys.prefix + "."
        var names = Set<String>()
        for key in items.keys where key.hasPrefix(prefix) {
            for suffix in [".accessToken", ".refreshToken"] where key.hasSuffix(suffix) {
                let name = String(key.dropFirst(prefix.count).dropLast(suffix.count))
                if !name.isEmpty { names.insert(name) }
            }
        }
        let users = names.sorted().map { name in
            Entry(
                username: name,
                accessExpiration: items[keys.accessToken(username: name)].flatMap {
                    try? CognitoAccessToken(jwtToken: $0).expiration
                },
                hasRefreshToken: !(items[keys.refreshToken(username: name)] ?? "").isEmpty,
                hasDevice: !(items[keys.deviceKey(username: name)] ?? "").isEmpty)
        }
        return StoredUsers(lastAuthUser: items[keys.lastAuthUser].flatMap { $0.isEmpty ? nil : $0 }, users: users)
    }

    func entry(_ username: String) -> Entry? { users.first { $0.username == username } }
}
