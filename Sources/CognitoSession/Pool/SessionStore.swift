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
        try await clear(username: username, pendingRevocation: pendingRevocation)
    }

    /// Clears the user's tokens only while the stored refresh token is still `refreshToken` (the one
    /// the service refused): a session stored meanwhile, by another task or process, is kept.
    /// Returns whether it cleared. (Compare and clear are two steps; a store-level atomic version
    /// comes with cross-process refresh coordination.)
    @discardableResult
    package func clearTokens(username: String, ifRefreshTokenIs refreshToken: String) async throws -> Bool {
        if let stored = try await storage.getItem(keys.refreshToken(username: username)), !stored.isEmpty,
            !stored.utf8.elementsEqual(refreshToken.utf8)
        {
            return false
        }
        try await clear(username: username, pendingRevocation: nil)
        return true
    }

    private func clear(username: String, pendingRevocation: PendingRevocation?) async throws {
        var remove = [
            keys.idToken(username: username), keys.accessToken(username: username),
            keys.refreshToken(username: username), keys.clockDrift(username: username),
            keys.userData(username: username),
        ]
        if let last = try await storage.getItem(keys.lastAuthUser), last.utf8.elementsEqual(username.utf8) {
            remove.append(keys.lastAuthUser)
        }
        var set: [String: String] = [:]
        if let pendingRevocation {
            var pending = try await pendingRevocations(username: username)
            pending.removeAll { $0.token == pendingRevocation.token }
            pending.append(pendingRevocation)
            set[keys.pendingRevocations(username: username)] = try PendingRevocation.encode(pending)
        }
        try await storage.updateItems(set: set, remove: remove)
    }

    /// The refresh tokens whose revocation failed for a passing reason, oldest first. An
    /// unreadable value is treated as none (it is replaced at the next change).
    package func pendingRevocations(username: String) async throws -> [PendingRevocation] {
        guard let text = try await nonEmpty(keys.pendingRevocations(username: username)) else { return [] }
        return PendingRevocation.decode(text)
    }

    /// Replaces the user's pending revocations (removing the key when none is left).
    package func setPendingRevocations(_ pending: [PendingRevocation], username: String) async throws {
        let key = keys.pendingRevocations(username: username)
        if pending.isEmpty {
            try await storage.updateItems(set: [:], remove: [key])
        } else {
            try await storage.updateItems(set: [key: try PendingRevocation.encode(pending)], remove: [])
        }
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
