import Foundation
import Testing
@testable import CognitoSession

@Suite("Global sign-out against moto", .againstMoto)
struct SignOutIntegrationTests {
    @Test("After GlobalSignOut the refresh token and the access token are refused")
    func globalSignOutRevokesTheTokens() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let tokens = try await client.signIn(username)
        let refreshToken = try #require(tokens.refreshToken)
        #expect(try await client.refresh(refreshToken, username: username).authenticationResult != nil)

        _ = try await client.service.send(GlobalSignOutRequest(accessToken: tokens.accessToken))

        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await client.refresh(refreshToken, username: username)
        }
        await #expect(throws: CognitoServiceError.notAuthorized) { try await client.getUser(tokens.accessToken) }
    }
}
