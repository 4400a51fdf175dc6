import CognitoSession
import Foundation
import Testing

@Suite("Attributes and passwords through CognitoUser against moto", .againstMoto)
struct AccountIntegrationTests {
    @Test("getUserAttributes lists the attributes; updateAttributes changes them; getUserData caches GetUser")
    func attributesCanBeReadAndUpdated() async throws {
        let log = ExchangeLog()
        let user = try await MotoPool.load().pool(log: log).newUser()
        let email = user.username
        let session = try await user.signIn()

        let before = try await user.getUserAttributes()
        #expect(before.contains(CognitoUserAttribute(name: "email", value: email)))
        #expect(before.contains(CognitoUserAttribute(name: "sub", value: session.idToken.sub ?? "-")))
        #expect(!before.contains { $0.name == "given_name" })

        try await user.updateAttributes([CognitoUserAttribute(name: "given_name", value: "Ada")])
        #expect(try await user.getUserAttributes().contains(CognitoUserAttribute(name: "given_name", value: "Ada")))

        let data = try await user.getUserData()
        #expect(data.username == user.username)
        #expect(data.attributes.contains(CognitoUserAttribute(name: "given_name", value: "Ada")))
        let getUsers = await log.operations.count { $0 == "GetUser" }
        #expect(try await user.getUserData() == data)
        #expect(await log.operations.count { $0 == "GetUser" } == getUsers)
    }

    @Test("changePassword needs the old password; afterwards only the new one signs in")
    func changePasswordReplacesThePassword() async throws {
        let pool = try await MotoPool.load().pool()
        let user = try await pool.newUser()
        let email = user.username
        try await user.signIn()

        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.changePassword(oldPassword: "Wrong-h0rse", newPassword: MotoPool.newPassword)
        }
        try await user.changePassword(oldPassword: MotoPool.password, newPassword: MotoPool.newPassword)

        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await pool.user(named: email).signIn(flow: .userPasswordAuth)
        }
        try await pool.user(named: email).signIn(password: MotoPool.newPassword, flow: .userPasswordAuth)
    }

    @Test("forgotPassword sends a code; confirmPassword with it sets the new password, a wrong code is refused")
    func forgottenPasswordIsReplacedWithTheCode() async throws {
        let moto = try await MotoPool.load()
        let log = ExchangeLog()
        let pool = try moto.pool(log: log)
        let email = try await pool.newUser().username
        let user = pool.user(named: email)

        let delivery = try await user.forgotPassword()
        #expect(delivery?.deliveryMedium == "EMAIL")
        #expect(delivery?.destination.map { !$0.contains(email) } == true)
        // moto hands the code out in a response header, and checks only codes of its own form.
        let code = try #require(await log.lastResponseValue(of: "x-moto-forgot-password-confirmation-code"))
        #expect(code.hasPrefix("moto-confirmation-code:"))

        await #expect(throws: CognitoServiceError.expiredCode) {
            try await user.confirmPassword(code: "moto-confirmation-code:0", newPassword: MotoPool.newPassword)
        }
        try await user.confirmPassword(code: code, newPassword: MotoPool.newPassword)

        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await pool.user(named: email).signIn(flow: .userPasswordAuth)
        }
        try await pool.user(named: email).signIn(password: MotoPool.newPassword, flow: .userPasswordAuth)
    }
}
