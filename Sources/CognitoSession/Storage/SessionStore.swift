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

/// Reads and writes whole sessions and device secrets in a ``SessionStorage``, under the keys
/// of ``StorageKeys``, the way amazon-cognito-identity-js lays them out.
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
            throw StorageError.invalidStoredToken(key: idKey, error)
        }
        do { accessToken = try CognitoAccessToken(jwtToken: access) } catch {
            throw StorageError.invalidStoredToken(key: accessKey, error)
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
    package func saveSession(_ session: CognitoUserSession, username: String, clearingUserData: Bool = false)
        async throws
    {
        try await storage.updateItems(set: [
            keys.idToken(username: username): session.idToken.jwtToken,
            keys.accessToken(username: username): session.accessToken.jwtToken,
            keys.refreshToken(username: username): session.refreshToken.token,
            keys.clockDrift(username: username): String(session.clockDrift),
            keys.lastAuthUser: username,
        ], remove: clearingUserData ? [keys.userData(username: username)] : [])
    }

    /// Removes the user's tokens, clock drift and cached user data, and `LastAuthUser` when it
    /// names this user (the JS library removes it whoever it names). Device keys stay.
    package func clearTokens(username: String) async throws {
        var remove = [
            keys.idToken(username: username), keys.accessToken(username: username),
            keys.refreshToken(username: username), keys.clockDrift(username: username),
            keys.userData(username: username),
        ]
        if try await storage.getItem(keys.lastAuthUser) == username { remove.append(keys.lastAuthUser) }
        try await storage.updateItems(set: [:], remove: remove)
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
        try await storage.updateItems(set: [
            keys.deviceKey(username: username): device.deviceKey,
            keys.randomPasswordKey(username: username): device.randomPassword,
            keys.deviceGroupKey(username: username): device.deviceGroupKey,
        ], remove: [])
    }

    /// Removes the three device keys.
    package func clearDevice(username: String) async throws {
        try await storage.updateItems(set: [:], remove: [
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
