import Foundation
import Testing
@testable import CognitoSession

@Suite("Sign-up and confirmation against moto", .againstMoto)
struct RegistrationIntegrationTests {
    @Test("Sign-up answers unconfirmed with a sub; the user can sign in only after ConfirmSignUp")
    func signUpThenConfirmationAllowsSignIn() async throws {
        let client = try MotoPool.load().client()
        let username = MotoClient.uniqueUsername()

        let signUp = try await client.signUp(username)
        #expect(signUp.userConfirmed == false)
        #expect(!signUp.userSub.isEmpty)
        #expect(signUp.codeDeliveryDetails?.deliveryMedium == "EMAIL")
        #expect(signUp.codeDeliveryDetails?.attributeName == "email")

        await #expect(throws: CognitoServiceError.userNotConfirmed) {
            try await client.initiatePasswordAuth(username)
        }
        try await client.confirm(username)

        let tokens = try await client.signIn(username)
        let idToken = try CognitoIdToken(jwtToken: tokens.idToken)
        #expect(idToken.sub == signUp.userSub)
        #expect(idToken.email == username)
        #expect(idToken.tokenUse == "id")
        #expect(idToken.clientId == client.clientId)
    }

    @Test("Signing up a taken user name answers UsernameExistsException")
    func signUpTwiceIsRefused() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        await #expect(throws: CognitoServiceError.usernameExists) { try await client.signUp(username) }
    }

    @Test("A password outside the pool's policy answers InvalidPasswordException")
    func signUpWithAWeakPasswordIsRefused() async throws {
        let client = try MotoPool.load().client()
        await #expect(throws: CognitoServiceError.invalidPassword) {
            try await client.signUp(MotoClient.uniqueUsername(), password: "password")
        }
    }
}
