import CognitoSession
import Foundation
import Testing

@Suite("Global sign-out through CognitoUser against moto", .againstMoto)
struct SignOutIntegrationTests {
    @Test("globalSignOut clears the session here; elsewhere the access token and a refresh are refused")
    func globalSignOutRevokesTheTokensEverywhere() async throws {
        let moto = try await MotoPool.load()
        let email = try await moto.pool().newUser().username
        // The same user signed in on two devices, each with its own storage. Both use SRP: moto
        // binds tokens to the name they were issued to, and after SRP that is the sub on both.
        let here = try moto.pool().user(named: email)
        let elsewhere = try moto.pool().user(named: email)
        try await here.signIn()
        try await elsewhere.signIn()
        _ = try await elsewhere.refreshSession()

        try await here.globalSignOut()

        #expect(here.signInUserSession == nil)
        await #expect(throws: CognitoUserError.notSignedIn) { try await here.getSession() }
        #expect(try await here.pool.currentUser() == nil)

        // The other device's session is still valid by the clock, but moto forgot its tokens.
        #expect(elsewhere.signInUserSession?.isValid() == true)
        await #expect(throws: CognitoServiceError.notAuthorized) { try await elsewhere.getUserAttributes() }
        await #expect(throws: CognitoServiceError.notAuthorized) { try await elsewhere.refreshSession() }
        await #expect(throws: CognitoUserError.notSignedIn) { try await elsewhere.getSession() }
    }
}
