import CognitoSession
import Foundation

// The checks every operation shares: SECRET_HASH, the password, the password policy.
extension LocalUserPool {
    /// Checks SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)) for a client with a
    /// secret, computed over exactly `username`.
    func checkSecretHash(_ provided: String?, client: AppClient, username: String) throws {
        guard let secret = client.secret else { return }
        guard let provided, !provided.isEmpty else {
            throw ServiceFault.notAuthorized("Client \(client.id) is configured for secret but secret was not received")
        }
        let expected = try HMACSHA256.authenticationCode(
            key: Array(secret.utf8), message: Array((username + client.id).utf8))
        guard let decoded = Data(base64Encoded: provided), constantTimeEquals(Array(decoded), expected) else {
            throw ServiceFault.notAuthorized("Unable to verify secret hash for client \(client.id)")
        }
    }

    /// Whether `password` is the user's, checked against the SRP verifier (a 3072-bit exponentiation)
    /// unless the same password was verified already against the same verifier.
    func checkPassword(_ password: String, for user: LocalUser) throws -> Bool {
        if try passwordChecks.knows(password, for: user) { return true }
        let candidate = try SRPServer.Verifier(
            poolName: poolName, username: user.username, password: password, salt: user.verifier.salt)
        let width = try (SRPGroup.cognito().prime.bitCount + 7) / 8
        let matches = try constantTimeEquals(
            candidate.verifier.bigEndianBytes(paddedTo: width), user.verifier.verifier.bigEndianBytes(paddedTo: width))
        if matches { try passwordChecks.remember(password, for: user) }
        return matches
    }

    func checkPasswordPolicy(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw ServiceFault(
                name: "InvalidPasswordException",
                message: "Password did not conform with policy: Password not long enough")
        }
        try administration.passwordPolicy.checkCharacterClasses(password)
    }
}
