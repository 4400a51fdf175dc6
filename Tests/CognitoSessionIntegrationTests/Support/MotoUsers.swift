import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

extension CognitoUserPool {
    /// A user signed up and confirmed through the public API (moto accepts any confirmation code).
    func newUser(password: String = MotoPool.password) async throws -> CognitoUser {
        let result = try await signUp(username: MotoPool.uniqueUsername(), password: password)
        try await result.user.confirmRegistration(code: "123456")
        return result.user
    }
}

extension CognitoUser {
    /// Signs in with `flow` and requires tokens, not a challenge.
    @discardableResult
    func signIn(
        password: String = MotoPool.password, flow: AuthenticationFlowType = .userSRPAuth
    ) async throws -> CognitoUserSession {
        let step = try await authenticateUser(
            AuthenticationDetails(username: username, password: password, authenticationFlowType: flow))
        guard case .signedIn(let session, _) = step else {
            Issue.record("expected tokens, got \(step)")
            throw MotoSetupError("sign-in stopped at \(step)")
        }
        return session
    }
}

enum MotoTOTP {
    /// Sends the TOTP code of this moment through `send`. moto checks the code of the 30-second
    /// step it receives it in; if it refused the code because a step ended in between, the next
    /// step's code is sent once. Any other refusal is rethrown.
    static func withCurrentCode<T>(secret: String, _ send: (String) async throws -> T) async throws -> T {
        let computed = Date()
        do {
            return try await send(try TOTP.code(secret: secret, at: computed))
        } catch let error as CognitoServiceError
            where error == .codeMismatch && TOTP.counter(at: Date()) != TOTP.counter(at: computed)
        {
            return try await send(try TOTP.code(secret: secret, at: Date()))
        }
    }

    /// A code that is not the current one: the current code with its last digit changed.
    static func wrongCode(secret: String) throws -> String {
        let code = try TOTP.code(secret: secret, at: Date())
        let last = try #require(code.last?.wholeNumberValue)
        return String(code.dropLast()) + String((last + 1) % 10)
    }
}
