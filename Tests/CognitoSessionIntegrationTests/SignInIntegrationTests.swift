import Foundation
import Testing
@testable import CognitoSession

@Suite("Sign-in and refresh against moto", .againstMoto)
struct SignInIntegrationTests {
    @Test("USER_PASSWORD_AUTH returns access, id and refresh tokens the library parses")
    func userPasswordAuthReturnsTokens() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()

        let tokens = try await client.signIn(username)
        let access = try CognitoAccessToken(jwtToken: tokens.accessToken)
        let id = try CognitoIdToken(jwtToken: tokens.idToken)
        #expect(access.tokenUse == "access")
        #expect(access.clientId == client.clientId)
        #expect(access.scopes.contains("aws.cognito.signin.user.admin"))
        #expect(access.sub == id.sub)
        #expect(access.originJti != nil && access.originJti == id.originJti)
        #expect(access.expiration > Date())
        #expect(tokens.refreshToken?.isEmpty == false)
        #expect(tokens.tokenType == "Bearer")
    }

    @Test("USER_PASSWORD_AUTH with a wrong password answers NotAuthorizedException")
    func userPasswordAuthRefusesAWrongPassword() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await client.initiatePasswordAuth(username, "Wrong-h0rse")
        }
    }

    @Test("REFRESH_TOKEN_AUTH returns new access and id tokens and no new refresh token")
    func refreshReturnsNewTokens() async throws {
        let client = try MotoPool.load().client()
        let username = try await client.newUser()
        let first = try await client.signIn(username)

        let refreshToken = try #require(first.refreshToken)
        let refreshed = try #require(try await client.refresh(refreshToken, username: username).authenticationResult)
        #expect(refreshed.refreshToken == nil)
        #expect(refreshed.accessToken != first.accessToken)
        let access = try CognitoAccessToken(jwtToken: refreshed.accessToken)
        #expect(access.originJti == (try CognitoAccessToken(jwtToken: first.accessToken)).originJti)
        #expect(try await client.getUser(refreshed.accessToken).userAttributes.contains { $0.value == username })
    }

    @Test("A made-up refresh token answers NotAuthorizedException")
    func refreshWithAnUnknownTokenIsRefused() async throws {
        let client = try MotoPool.load().client()
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await client.refresh(UUID().uuidString, username: MotoClient.uniqueUsername())
        }
    }

    /// moto answers with random SALT and SRP_B and does not check the signature (see
    /// Docs/Integration.md): this shows the messages, not the math, which LocalUserPool and the
    /// pycognito vectors check.
    @Test("USER_SRP_AUTH: SRP_A, then PASSWORD_VERIFIER answered for USER_ID_FOR_SRP, then tokens")
    func userSRPAuthMessageFlow() async throws {
        let moto = try MotoPool.load()
        let client = try moto.client()
        let username = try await client.newUser()

        let helper = try AuthenticationHelper(poolName: moto.poolName)
        let challenge = try await client.service.send(InitiateAuthRequest(
            authFlow: "USER_SRP_AUTH", clientId: client.clientId,
            authParameters: ["USERNAME": username, "SRP_A": helper.srpA]))
        #expect(challenge.challengeName == "PASSWORD_VERIFIER")
        let parameters = try #require(challenge.challengeParameters)
        let userId = try #require(parameters["USER_ID_FOR_SRP"])
        let secretBlock = try #require(parameters["SECRET_BLOCK"])

        let key = try helper.passwordAuthenticationKey(
            username: userId, password: MotoClient.password,
            serverB: try #require(parameters["SRP_B"]), salt: try #require(parameters["SALT"]))
        let timestamp = PasswordClaim.timestamp(for: Date())
        let signature = try PasswordClaim.signature(
            key: key, poolName: moto.poolName, userId: userId, secretBlock: secretBlock, timestamp: timestamp)
        let answer = try await client.service.send(RespondToAuthChallengeRequest(
            challengeName: "PASSWORD_VERIFIER", clientId: client.clientId,
            challengeResponses: [
                "USERNAME": userId, "PASSWORD_CLAIM_SECRET_BLOCK": secretBlock, "TIMESTAMP": timestamp,
                "PASSWORD_CLAIM_SIGNATURE": signature,
            ],
            session: challenge.session))

        let tokens = try #require(answer.authenticationResult)
        #expect(try CognitoAccessToken(jwtToken: tokens.accessToken).sub == userId)
        #expect(tokens.refreshToken != nil)
    }
}
