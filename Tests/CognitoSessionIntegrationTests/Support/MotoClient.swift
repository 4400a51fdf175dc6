import Foundation
import Testing
import CognitoSessionTesting
@testable import CognitoSession

/// One app client of the moto pool, spoken to through the library's service client over HTTP.
/// The steps a test does not examine are here; each test creates its own user.
struct MotoClient: Sendable {
    let clientId: String
    let secret: String?
    let poolName: String
    let service: CognitoServiceClient
    let responses: ResponseLog

    /// Meets the pool's policy: upper and lower case, a digit, a symbol, 8 or more characters.
    static let password = "Correct-h0rse"

    /// A user name no other test uses (the pool takes email addresses as user names).
    static func uniqueUsername() -> String { "it-\(UUID().uuidString.lowercased())@example.com" }

    /// SECRET_HASH = base64(HMAC-SHA256(client secret, username + client id)); nil without a secret.
    func secretHash(for username: String) throws -> String? {
        guard let secret else { return nil }
        let mac = try HMACSHA256.authenticationCode(key: Array(secret.utf8), message: Array((username + clientId).utf8))
        return Data(mac).base64EncodedString()
    }

    func signUp(_ username: String, password: String = Self.password) async throws -> SignUpResponse {
        try await service.send(SignUpRequest(
            clientId: clientId, username: username, password: password, secretHash: try secretHash(for: username)))
    }

    /// ConfirmSignUp. moto accepts any code, so this one is made up.
    func confirm(_ username: String) async throws {
        _ = try await service.send(ConfirmSignUpRequest(
            clientId: clientId, username: username, confirmationCode: "123456",
            secretHash: try secretHash(for: username)))
    }

    /// A signed-up and confirmed user; returns the user name.
    func newUser(password: String = Self.password) async throws -> String {
        let username = Self.uniqueUsername()
        _ = try await signUp(username, password: password)
        try await confirm(username)
        return username
    }

    func initiatePasswordAuth(_ username: String, _ password: String = Self.password) async throws -> AuthChallengeResponse {
        var parameters = ["USERNAME": username, "PASSWORD": password]
        parameters["SECRET_HASH"] = try secretHash(for: username)
        return try await service.send(InitiateAuthRequest(
            authFlow: "USER_PASSWORD_AUTH", clientId: clientId, authParameters: parameters))
    }

    /// USER_PASSWORD_AUTH that must end in tokens, with no challenge.
    func signIn(_ username: String, _ password: String = Self.password) async throws -> AuthenticationResult {
        let response = try await initiatePasswordAuth(username, password)
        #expect(response.challengeName == nil)
        return try #require(response.authenticationResult)
    }

    /// REFRESH_TOKEN_AUTH; `username` is the name SECRET_HASH is computed over.
    func refresh(_ refreshToken: String, username: String, secretHash: String? = nil) async throws -> AuthChallengeResponse {
        var parameters = ["REFRESH_TOKEN": refreshToken]
        parameters["SECRET_HASH"] = try secretHash ?? self.secretHash(for: username)
        return try await service.send(InitiateAuthRequest(
            authFlow: "REFRESH_TOKEN_AUTH", clientId: clientId, authParameters: parameters))
    }

    func getUser(_ accessToken: String) async throws -> GetUserResponse {
        try await service.send(GetUserRequest(accessToken: accessToken))
    }

    /// Sends the TOTP code of this moment through `send`. moto checks the code of the 30-second
    /// step it receives it in; if it refused the code because a step ended in between, the next
    /// step's code is sent once. Any other refusal is rethrown.
    func withCurrentTOTP<T>(secret: String, _ send: (String) async throws -> T) async throws -> T {
        let computed = Date()
        do {
            return try await send(try TOTP.code(secret: secret, at: computed))
        } catch let error as CognitoServiceError
            where error == .codeMismatch && TOTP.counter(at: Date()) != TOTP.counter(at: computed) {
            return try await send(try TOTP.code(secret: secret, at: Date()))
        }
    }
}
