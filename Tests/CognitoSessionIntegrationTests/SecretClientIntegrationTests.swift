import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("An app client with a secret through CognitoUser against moto", .againstMoto)
struct SecretClientIntegrationTests {
    @Test("SECRET_HASH on sign-up, confirmation, SRP sign-in and refresh, each over the name moto expects")
    func secretClientSignsUpSignsInAndRefreshes() async throws {
        let moto = try await MotoPool.load()
        let storage = MemoryStorage()
        let log = ExchangeLog()
        let pool = try moto.confidentialPool(storage: storage, log: log)
        let user = try await pool.newUser()
        let typed = user.username
        let session = try await user.signIn()
        let canonical = try #require(session.idToken.username)

        let laterPool = try moto.confidentialPool(
            storage: storage, clock: ManualClock(now: Date().addingTimeInterval(2 * 3600)), log: log)
        let refreshed = try await #require(try await laterPool.currentUser()).getSession()
        #expect(refreshed.accessToken != session.accessToken)

        let sent = await log.exchanges.map(\.request)
        #expect(
            await log.operations == [
                "SignUp", "ConfirmSignUp", "InitiateAuth", "RespondToAuthChallenge", "InitiateAuth",
            ])
        #expect(sent[0].SecretHash == (try pool.secretHash(for: typed)))
        #expect(sent[1].SecretHash == (try pool.secretHash(for: typed)))
        #expect(sent[2].parameters["SECRET_HASH"] == (try pool.secretHash(for: typed)))
        // After SRP the answers and the refresh are hashed over USER_ID_FOR_SRP / cognito:username.
        #expect(sent[3].parameters["SECRET_HASH"] == (try pool.secretHash(for: canonical)))
        #expect(sent[4].AuthFlow == "REFRESH_TOKEN_AUTH")
        #expect(sent[4].parameters["SECRET_HASH"] == (try pool.secretHash(for: canonical)))
        #expect(typed != canonical)
    }

    /// moto checks a refresh's SECRET_HASH over the name the refresh token was issued to: after
    /// USER_PASSWORD_AUTH with an alias, that is the alias. Cognito checks it over the user's
    /// `cognito:username` (the sub, in a pool with email as the user name), which is what the
    /// library hashes (CognitoSession.docc/Integration.md). This pins down what happens against moto.
    @Test(
        "Refresh after USER_PASSWORD_AUTH with an email alias: moto wants the alias hashed, the library hashes cognito:username"
    )
    func secretClientRefreshAfterPasswordSignInDivergesOnMoto() async throws {
        let moto = try await MotoPool.load()
        let log = ExchangeLog()
        let pool = try moto.confidentialPool(log: log)
        let user = try await pool.newUser()
        let email = user.username
        let session = try await user.signIn(flow: .userPasswordAuth)
        let canonical = try #require(session.idToken.username)
        #expect(canonical != email)

        await #expect(throws: CognitoServiceError.notAuthorized) { try await user.refreshSession() }
        let refresh = try #require(await log.requests("InitiateAuth", flowOrChallenge: "REFRESH_TOKEN_AUTH").first)
        #expect(refresh.parameters["SECRET_HASH"] == (try pool.secretHash(for: canonical)))
        // The refusal is terminal, so the stored tokens are gone (device keys would stay).
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }

        // The same refresh token with SECRET_HASH over the alias is what moto accepts.
        let accepted = try await pool.service.send(
            InitiateAuthRequest(
                authFlow: .refreshTokenAuth, clientId: pool.clientId,
                authParameters: [
                    "REFRESH_TOKEN": session.refreshToken.token,
                    "SECRET_HASH": try #require(pool.secretHash(for: email)),
                ]))
        #expect(accepted.authenticationResult != nil)
    }

    @Test("A wrong or missing client secret is refused with NotAuthorizedException, at sign-in and at refresh")
    func wrongSecretIsRefused() async throws {
        let moto = try await MotoPool.load()
        let storage = MemoryStorage()
        let email = try await moto.confidentialPool().newUser().username

        for secret in ["not-the-secret", nil] {
            let pool = try moto.pool(clientId: moto.secretClientId, clientSecret: secret)
            await #expect(throws: CognitoServiceError.notAuthorized) { try await pool.user(named: email).signIn() }
        }

        let name = try #require(
            try await moto.confidentialPool(storage: storage).user(named: email).signIn().idToken.username)
        let wrong = try moto.pool(clientId: moto.secretClientId, clientSecret: "not-the-secret", storage: storage)
        await #expect(throws: CognitoServiceError.notAuthorized) { try await wrong.user(named: name).refreshSession() }
    }
}
