import Foundation
import Testing
@testable import CognitoSession

@Suite("An app client with a secret against moto", .againstMoto)
struct SecretClientIntegrationTests {
    @Test("With SECRET_HASH: sign-up, SRP sign-in, and a refresh hashed over USER_ID_FOR_SRP")
    func secretClientSignsInAndRefreshes() async throws {
        let moto = try MotoPool.load()
        let client = try moto.client(withSecret: true)
        let username = try await client.newUser()

        let helper = try AuthenticationHelper(poolName: moto.poolName)
        let challenge = try await client.service.send(InitiateAuthRequest(
            authFlow: "USER_SRP_AUTH", clientId: client.clientId,
            authParameters: ["USERNAME": username, "SRP_A": helper.srpA, "SECRET_HASH": try #require(client.secretHash(for: username))]))
        let parameters = try #require(challenge.challengeParameters)
        let userId = try #require(parameters["USER_ID_FOR_SRP"])
        let secretBlock = try #require(parameters["SECRET_BLOCK"])
        let key = try helper.passwordAuthenticationKey(
            username: userId, password: MotoClient.password,
            serverB: try #require(parameters["SRP_B"]), salt: try #require(parameters["SALT"]))
        let timestamp = PasswordClaim.timestamp(for: Date())
        let answer = try await client.service.send(RespondToAuthChallengeRequest(
            challengeName: "PASSWORD_VERIFIER", clientId: client.clientId,
            challengeResponses: [
                "USERNAME": userId, "PASSWORD_CLAIM_SECRET_BLOCK": secretBlock, "TIMESTAMP": timestamp,
                "PASSWORD_CLAIM_SIGNATURE": try PasswordClaim.signature(
                    key: key, poolName: moto.poolName, userId: userId, secretBlock: secretBlock, timestamp: timestamp),
                "SECRET_HASH": try #require(client.secretHash(for: userId)),
            ],
            session: challenge.session))
        let refreshToken = try #require(answer.authenticationResult?.refreshToken)

        // After SRP the session belongs to USER_ID_FOR_SRP, as amazon-cognito-identity-js assumes.
        let refreshed = try await client.refresh(refreshToken, username: userId)
        #expect(refreshed.authenticationResult?.accessToken.isEmpty == false)
    }

    @Test("A wrong or missing SECRET_HASH answers NotAuthorizedException")
    func wrongSecretHashIsRefused() async throws {
        let moto = try MotoPool.load()
        let client = try moto.client(withSecret: true)
        let username = try await client.newUser()
        let srpA = try AuthenticationHelper(poolName: moto.poolName).srpA
        let otherSecret = MotoClient(
            clientId: client.clientId, secret: "not-the-secret", poolName: client.poolName,
            service: client.service, responses: client.responses)

        for secretHash in [try otherSecret.secretHash(for: username), nil] {
            var parameters = ["USERNAME": username, "SRP_A": srpA]
            parameters["SECRET_HASH"] = secretHash
            await #expect(throws: CognitoServiceError.notAuthorized) {
                try await client.service.send(InitiateAuthRequest(
                    authFlow: "USER_SRP_AUTH", clientId: client.clientId, authParameters: parameters))
            }
        }

        let refreshToken = try #require(try await client.signIn(username).refreshToken)
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await client.refresh(refreshToken, username: username, secretHash: try otherSecret.secretHash(for: username))
        }
        #expect(try await client.refresh(refreshToken, username: username).authenticationResult != nil)
    }
}
