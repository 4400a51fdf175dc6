import Foundation
import Testing
@testable import CognitoSession

@Suite("Attributes and passwords against moto", .againstMoto)
struct AccountIntegrationTests {
    @Test("GetUser lists the attributes; UpdateUserAttributes changes them")
    func attributesCanBeReadAndUpdated() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let accessToken = try await client.signIn(username).accessToken

        let before = try await client.getUser(accessToken)
        #expect(before.userAttributes.contains(CognitoUserAttribute(name: "email", value: username)))
        #expect(before.userAttributes.contains { $0.name == "sub" && !$0.value.isEmpty })
        #expect(!before.userAttributes.contains { $0.name == "given_name" })

        _ = try await client.service.send(UpdateUserAttributesRequest(
            userAttributes: [CognitoUserAttribute(name: "given_name", value: "Ada")], accessToken: accessToken))
        let after = try await client.getUser(accessToken)
        #expect(after.userAttributes.contains(CognitoUserAttribute(name: "given_name", value: "Ada")))
    }

    @Test("ChangePassword needs the old password; afterwards only the new one signs in")
    func changePasswordReplacesThePassword() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let accessToken = try await client.signIn(username).accessToken
        let newPassword = "Battery-staple9"

        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await client.service.send(ChangePasswordRequest(
                previousPassword: "Wrong-h0rse", proposedPassword: newPassword, accessToken: accessToken))
        }
        _ = try await client.service.send(ChangePasswordRequest(
            previousPassword: MotoClient.password, proposedPassword: newPassword, accessToken: accessToken))

        await #expect(throws: CognitoServiceError.notAuthorized) { try await client.initiatePasswordAuth(username) }
        #expect(try await client.signIn(username, newPassword).accessToken.isEmpty == false)
    }

    @Test("ForgotPassword sends a code; ConfirmForgotPassword with it sets the new password")
    func forgottenPasswordIsReplacedWithTheCode() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let newPassword = "Battery-staple9"

        let delivery = try await client.service.send(ForgotPasswordRequest(clientId: client.clientId, username: username))
        #expect(delivery.codeDeliveryDetails?.deliveryMedium == "EMAIL")
        #expect(delivery.codeDeliveryDetails?.destination?.contains(username) == false)
        // moto hands the code out in a response header, and checks only codes of its own form.
        let code = try #require(await client.responses.lastValue(of: "x-moto-forgot-password-confirmation-code"))
        #expect(code.hasPrefix("moto-confirmation-code:"))

        await #expect(throws: CognitoServiceError.expiredCode) {
            try await client.service.send(ConfirmForgotPasswordRequest(
                clientId: client.clientId, username: username, confirmationCode: "moto-confirmation-code:0",
                password: newPassword))
        }
        _ = try await client.service.send(ConfirmForgotPasswordRequest(
            clientId: client.clientId, username: username, confirmationCode: code, password: newPassword))

        await #expect(throws: CognitoServiceError.notAuthorized) { try await client.initiatePasswordAuth(username) }
        #expect(try await client.signIn(username, newPassword).accessToken.isEmpty == false)
    }
}
