import CognitoSession

/// Passwords already checked against a user's SRP verifier, so USER_PASSWORD_AUTH does not redo the
/// 3072-bit exponentiation for every sign-in with the same password.
///
/// Keeps, per user, the verifier the password was checked against and an HMAC of the password
/// under a key made for this pool (never the password itself); a new verifier (a new password)
/// makes the entry stale. Digests are compared in constant time.
struct PasswordCheckCache {
    private let key: [UInt8]
    private var entries: [String: (verifier: BigNumber, digest: [UInt8])] = [:]

    init() {
        key = (try? SecureRandom.bytes(count: 32)) ?? Array(repeating: 0, count: 32)
    }

    func knows(_ password: String, for user: LocalUser) throws -> Bool {
        guard let entry = entries[user.username], entry.verifier == user.verifier.verifier else { return false }
        return constantTimeEquals(try digest(password, user), entry.digest)
    }

    mutating func remember(_ password: String, for user: LocalUser) throws {
        entries[user.username] = (user.verifier.verifier, try digest(password, user))
    }

    private func digest(_ password: String, _ user: LocalUser) throws -> [UInt8] {
        try HMACSHA256.authenticationCode(key: key, message: Array((user.username + "\u{0}" + password).utf8))
    }
}
