import Foundation

/// A remembered device's secrets, as stored under the `deviceKey`, `deviceGroupKey` and
/// `randomPasswordKey` keys. `description` shows the device key only.
package struct StoredDevice: Sendable, Hashable, CustomStringConvertible {
    package var deviceKey: String
    package var deviceGroupKey: String
    package var randomPassword: String

    package init(deviceKey: String, deviceGroupKey: String, randomPassword: String) {
        self.deviceKey = deviceKey
        self.deviceGroupKey = deviceGroupKey
        self.randomPassword = randomPassword
    }

    package var description: String {
        "StoredDevice(deviceKey: \(deviceKey), deviceGroupKey: <redacted>, randomPassword: <redacted>)"
    }
}

/// The Pool layer's repository: reads and writes whole sessions, device secrets, cached user data
/// and pending revocations in a ``SessionStorage``, under the keys of ``StorageKeys``, the way
/// amazon-cognito-identity-js lays them out.
package struct SessionStore: Sendable {
    package let storage: any SessionStorage
    package let keys: StorageKeys
    /// The clock given to sessions read back.
    package let clock: any WallClock

    package init(storage: any SessionStorage, clientId: String, clock: any WallClock = SystemWallClock()) {
        self.storage = storage
        self.keys = StorageKeys(clientId: clientId)
        self.clock = clock
    }

    /// `LastAuthUser`, unless missing or empty.
    package func lastAuthUser() async throws -> String? {
        try await nonEmpty(keys.lastAuthUser)
    }

    /// The user's stored session, or nil when the ID or access token is missing (the JS
    /// library also treats a missing ID token as "no session"). The stored `clockDrift` is read
    /// as JS `parseInt(value) || 0` does. A token that cannot be decoded throws
    /// ``StorageError/invalidStoredToken`` and nothing is removed.
    package func loadSession(username: String) async throws -> CognitoUserSession? {
        let idKey = keys.idToken(username: username)
        let accessKey = keys.accessToken(username: username)
        guard let id = try await nonEmpty(idKey), let access = try await nonEmpty(accessKey) else { return nil }
        let refresh = try await storage.getItem(keys.refreshToken(username: username)) ?? ""
        let drift = Self.parseClockDrift(try await storage.getItem(keys.clockDrift(username: username)))

        let idToken: CognitoIdToken
        let accessToken: CognitoAccessToken
        do { idToken = try CognitoIdToken(jwtToken: id) } catch {
            throw StorageError.invalidStoredToken(key: idKey, reason: error.description)
        }
        do { accessToken = try CognitoAccessToken(jwtToken: access) } catch {
            throw StorageError.invalidStoredToken(key: accessKey, reason: error.description)
        }
        return CognitoUserSession(
            idToken: idToken, accessToken: accessToken, refreshToken: CognitoRefreshToken(token: refresh),
            clockDrift: drift, clock: clock)
    }

    /// The user's stored refresh token, unless missing or empty, for refreshing when the
    /// stored session cannot be read.
    package func loadRefreshToken(username: String) async throws -> CognitoRefreshToken? {
        try await nonEmpty(keys.refreshToken(username: username)).map(CognitoRefreshToken.init(token:))
    }

    /// Writes the session's three tokens, its clock drift and `LastAuthUser = username` in one
    /// ``SessionStorage/updateItems(set:remove:)`` call; a new sign-in also drops the cached
    /// user data in the same call.
    /// When `signedInAs` is an alias (another name than `username`), the alias is linked to the
    /// canonical name in the same call, so a later sign-in with the alias finds the device.
    package func saveSession(
        _ session: CognitoUserSession, username: String, clearingUserData: Bool = false, signedInAs: String? = nil
    ) async throws {
        var set = [
            keys.idToken(username: username): session.idToken.jwtToken,
            keys.accessToken(username: username): session.accessToken.jwtToken,
            keys.refreshToken(username: username): session.refreshToken.token,
            keys.clockDrift(username: username): String(session.clockDrift),
            keys.lastAuthUser: username,
        ]
        if let alias = signedInAs, !alias.utf8.elementsEqual(username.utf8) {
            set[keys.canonicalName(signingInAs: alias)] = username
        }
        try await storage.updateItems(set: set, remove: clearingUserData ? [keys.userData(username: username)] : [])
    }

    /// The canonical name a completed sign-in as `alias` ended with, if any.
    package func canonicalName(signingInAs alias: String) async throws -> String? {
        try await nonEmpty(keys.canonicalName(signingInAs: alias))
    }

    /// Removes the user's tokens, clock drift and cached user data, and `LastAuthUser` when it
    /// names this user (the JS library removes it whoever it names). Device keys and pending
    /// revocations stay. With `pendingRevocation`, that refresh token is added to the user's
    /// pending revocations in the same update.
    package func clearTokens(username: String, pendingRevocation: PendingRevocation? = nil) async throws {
        _ = try await clear(username: username, pendingRevocation: pendingRevocation, ifRefreshTokenIs: nil)
    }

    /// Clears the user's tokens only while the stored refresh token is still `refreshToken` (the one
    /// the service refused), or none is stored: a session stored meanwhile, by another task or
    /// process, is kept. Compare and delete are one ``SessionStorage/updateItems(set:remove:ifCurrent:)``
    /// (atomic when the store is). Returns whether it cleared.
    @discardableResult
    package func clearTokens(username: String, ifRefreshTokenIs refreshToken: String) async throws -> Bool {
        try await clear(username: username, pendingRevocation: nil, ifRefreshTokenIs: refreshToken)
    }

    /// How many times a conditional update is tried again after another writer changed what it
    /// depends on, before giving up with ``StorageError/writeFailed``.
    static let maximumAttempts = 1000

    /// One conditional update: it applies only if `LastAuthUser`, the pending revocations (when
    /// one is added) and the refresh token (when `refused` is given) are still what was read, and
    /// is tried again when another writer changed them meanwhile.
    private func clear(
        username: String, pendingRevocation: PendingRevocation?, ifRefreshTokenIs refused: String?
    ) async throws -> Bool {
        let refreshKey = keys.refreshToken(username: username)
        let pendingKey = keys.pendingRevocations(username: username)
        let tokenKeys = [
            keys.idToken(username: username), keys.accessToken(username: username), refreshKey,
            keys.clockDrift(username: username), keys.userData(username: username),
        ]
        for _ in 0..<Self.maximumAttempts {
            var expected: [String: String?] = [:]
            if let refused {
                let stored = try await storage.getItem(refreshKey)
                if let stored, !stored.isEmpty, !stored.utf8.elementsEqual(refused.utf8) { return false }
                expected[refreshKey] = .some(stored)
            }
            let last = try await storage.getItem(keys.lastAuthUser)
            expected[keys.lastAuthUser] = .some(last)
            var remove = tokenKeys
            if let last, last.utf8.elementsEqual(username.utf8) { remove.append(keys.lastAuthUser) }
            var set: [String: String] = [:]
            if let pendingRevocation {
                let text = try await storage.getItem(pendingKey)
                expected[pendingKey] = .some(text)
                var pending = Self.decodePending(text)
                pending.removeAll { $0.token == pendingRevocation.token }
                pending.append(pendingRevocation)
                set[pendingKey] = try PendingRevocation.encode(pending)
            }
            if try await storage.updateItems(set: set, remove: remove, ifCurrent: expected) { return true }
        }
        throw Self.contended(pendingKey)
    }

    /// The refresh tokens whose revocation failed for a passing reason, oldest first. An
    /// unreadable value is treated as none (it is replaced at the next change).
    package func pendingRevocations(username: String) async throws -> [PendingRevocation] {
        Self.decodePending(try await storage.getItem(keys.pendingRevocations(username: username)))
    }

    /// Drops `tokens` from the user's pending revocations (removing the key when none is left) in
    /// one conditional update, so an entry another writer added meanwhile is kept. Returns how
    /// many are left.
    @discardableResult
    package func removePendingRevocations(_ tokens: Set<String>, username: String) async throws -> Int {
        let key = keys.pendingRevocations(username: username)
        for _ in 0..<Self.maximumAttempts {
            let text = try await storage.getItem(key)
            let left = Self.decodePending(text).filter { !tokens.contains($0.token) }
            let (set, remove) = left.isEmpty ? ([:], [key]) : ([key: try PendingRevocation.encode(left)], [])
            if try await storage.updateItems(set: set, remove: remove, ifCurrent: [key: text]) { return left.count }
        }
        throw Self.contended(key)
    }

    private static func decodePending(_ text: String?) -> [PendingRevocation] {
        guard let text, !text.isEmpty else { return [] }
        return PendingRevocation.decode(text)
    }

    /// Other writers kept changing `key` for ``maximumAttempts`` tries.
    private static func contended(_ key: String) -> StorageError {
        .writeFailed(key, errorNumber: nil, "other writers kept changing it; nothing was lost, try again")
    }

    /// Finds out whether the storage can be written, before a sign-in sends a password: writes a
    /// probe key and removes it again.
    package func checkWritable() async throws {
        try await storage.updateItems(set: [keys.writeCheck: "1"], remove: [])
        try await storage.updateItems(set: [:], remove: [keys.writeCheck])
    }

    /// The user's remembered device, or nil when no non-empty `deviceKey` is stored.
    package func loadDevice(username: String) async throws -> StoredDevice? {
        guard let deviceKey = try await nonEmpty(keys.deviceKey(username: username)) else { return nil }
        return StoredDevice(
            deviceKey: deviceKey,
            deviceGroupKey: try await storage.getItem(keys.deviceGroupKey(username: username)) ?? "",
            randomPassword: try await storage.getItem(keys.randomPasswordKey(username: username)) ?? "")
    }

    /// Writes the three device keys in one update.
    package func saveDevice(_ device: StoredDevice, username: String) async throws {
        try await storage.updateItems(
            set: [
                keys.deviceKey(username: username): device.deviceKey,
                keys.randomPasswordKey(username: username): device.randomPassword,
                keys.deviceGroupKey(username: username): device.deviceGroupKey,
            ], remove: [])
    }

    /// The cached user data (GetUser), or nil when none is cached or it cannot be read.
    package func loadUserData(username: String) async throws -> UserData? {
        guard let text = try await nonEmpty(keys.userData(username: username)) else { return nil }
        return try? JSONDecoder().decode(UserData.self, from: Data(text.utf8))
    }

    /// Caches the user data, in the JSON layout the JS library keeps there (GetUser's members).
    package func saveUserData(_ data: UserData, username: String) async throws {
        let text = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
        try await storage.updateItems(set: [keys.userData(username: username): text], remove: [])
    }

    /// Drops the cached user data.
    package func clearUserData(username: String) async throws {
        try await storage.updateItems(set: [:], remove: [keys.userData(username: username)])
    }

    /// Removes the three device keys.
    package func clearDevice(username: String) async throws {
        try await storage.updateItems(
            set: [:],
            remove: [
                keys.deviceKey(username: username), keys.randomPasswordKey(username: username),
                keys.deviceGroupKey(username: username),
            ])
    }

    /// JS `parseInt(value, 0) || 0` for the decimal strings the library writes: optional
    /// leading whitespace and sign, then the leading digits; anything else (nil, "", "NaN",
    /// a number too large for `Int`) is 0.
    package static func parseClockDrift(_ value: String?) -> Int {
        guard let value else { return 0 }
        var rest = value.drop { $0.isWhitespace }
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let magnitude = Int(digits) else { return 0 }
        return negative ? -magnitude : magnitude
    }

    private func nonEmpty(_ key: String) async throws -> String? {
        guard let value = try await storage.getItem(key), !value.isEmpty else { return nil }
        return value
    }
}
