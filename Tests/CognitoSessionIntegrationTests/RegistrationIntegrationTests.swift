import CognitoSession
import Foundation
import Testing

@Suite("Sign-up and confirmation through CognitoUserPool against moto", .againstMoto)
struct RegistrationIntegrationTests {
    @Test("signUp answers unconfirmed with a sub; the user signs in only after confirmRegistration")
    func signUpThenConfirmationAllowsSignIn() async throws {
        let pool = try await MotoPool.load().pool()
        let username = MotoPool.uniqueUsername()

        let result = try await pool.signUp(username: username, password: MotoPool.password)
        #expect(result.userConfirmed == false)
        #expect(!result.userSub.isEmpty)
        #expect(result.codeDeliveryDetails?.deliveryMedium == "EMAIL")
        #expect(result.codeDeliveryDetails?.attributeName == "email")
        let user = result.user
        #expect(user.username == username)

        await #expect(throws: CognitoServiceError.userNotConfirmed) {
            try await user.signIn(flow: .userPasswordAuth)
        }
        #expect(try await pool.currentUser() == nil)
        try await user.confirmRegistration(code: "123456")

        let session = try await user.signIn(flow: .userPasswordAuth)
        #expect(session.idToken.sub == result.userSub)
        #expect(session.idToken.tokenUse == "id")
        #expect(session.idToken.clientId == pool.clientId)
    }

    @Test("Signing up a taken user name is refused with UsernameExistsException")
    func signUpTwiceIsRefused() async throws {
        let pool = try await MotoPool.load().pool()
        let user = try await pool.newUser()
        await #expect(throws: CognitoServiceError.usernameExists) {
            try await pool.signUp(username: user.username, password: MotoPool.password)
        }
    }

    @Test("A password outside the pool's policy is refused with InvalidPasswordException")
    func signUpWithAWeakPasswordIsRefused() async throws {
        let pool = try await MotoPool.load().pool()
        await #expect(throws: CognitoServiceError.invalidPassword) {
            try await pool.signUp(username: MotoPool.uniqueUsername(), password: "password")
        }
    }
}
