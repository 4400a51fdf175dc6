import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

@Suite("Sign-in and refresh through CognitoUser against moto", .againstMoto)
struct SignInIntegrationTests {
    @Test("USER_PASSWORD_AUTH signs in and stores the session, which another pool on the storage finds")
    func userPasswordAuthSignsInAndStoresTheSession() async throws {
        let moto = try await MotoPool.load()
        let storage = MemoryStorage()
        let log = ExchangeLog()
        let user = try await moto.pool(storage: storage, log: log).newUser()
        let typed = user.username

        let session = try await user.signIn(flow: .userPasswordAuth)
        let signIn = try #require(await log.requests("InitiateAuth").last)
        #expect(signIn.AuthFlow == "USER_PASSWORD_AUTH")
        #expect(signIn.parameters["USERNAME"] == typed)
        #expect(await log.operations == ["SignUp", "ConfirmSignUp", "InitiateAuth"])

        #expect(session.accessToken.tokenUse == "access")
        #expect(session.accessToken.clientId == moto.clientId)
        #expect(session.accessToken.scopes.contains("aws.cognito.signin.user.admin"))
        #expect(session.accessToken.originJti != nil && session.accessToken.originJti == session.idToken.originJti)
        #expect(!session.refreshToken.token.isEmpty)
        #expect(session.isValid())
        // Tokens are kept under the canonical name the ID token carries, not the alias typed.
        #expect(user.username == session.idToken.username)
        #expect(user.username != typed)

        let otherLog = ExchangeLog()
        let other = try moto.pool(storage: storage, log: otherLog)
        let current = try #require(try await other.currentUser())
        #expect(current.username == user.username)
        #expect(try await current.getSession().accessToken == session.accessToken)
        #expect(await otherLog.operations.isEmpty)
    }

    @Test("USER_PASSWORD_AUTH with a wrong password is refused with NotAuthorizedException; nothing is stored")
    func userPasswordAuthRefusesAWrongPassword() async throws {
        let pool = try await MotoPool.load().pool()
        let user = try await pool.newUser()
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.signIn(password: "Wrong-h0rse", flow: .userPasswordAuth)
        }
        #expect(try await pool.currentUser() == nil)
        await #expect(throws: CognitoUserError.notSignedIn) { try await user.getSession() }
    }

    /// moto answers with a random SALT and SRP_B and does not check the signature (see
    /// CognitoSession.docc/Integration.md): this shows the messages over the wire, not the math, which
    /// LocalUserPool and the pycognito vectors check.
    @Test("USER_SRP_AUTH (the default): SRP_A, then PASSWORD_VERIFIER answered for USER_ID_FOR_SRP, then tokens")
    func userSRPAuthMessageFlow() async throws {
        let log = ExchangeLog()
        let user = try await MotoPool.load().pool(log: log).newUser()
        let typed = user.username

        let session = try await user.signIn()

        #expect(await log.operations == ["SignUp", "ConfirmSignUp", "InitiateAuth", "RespondToAuthChallenge"])
        let initiate = try #require(await log.requests("InitiateAuth").first)
        #expect(initiate.AuthFlow == "USER_SRP_AUTH")
        #expect(initiate.parameters["USERNAME"] == typed)
        #expect(initiate.parameters["SRP_A"].map { !$0.isEmpty && $0.allSatisfy(\.isHexDigit) } == true)
        #expect(initiate.parameters["PASSWORD"] == nil)
        let answer = try #require(await log.requests("RespondToAuthChallenge").first)
        #expect(answer.ChallengeName == "PASSWORD_VERIFIER")
        // moto's USER_ID_FOR_SRP is the user's sub.
        #expect(answer.parameters["USERNAME"] == session.accessToken.sub)
        for name in ["PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"] {
            #expect(answer.parameters[name]?.isEmpty == false, "\(name)")
        }
        #expect(user.username == session.accessToken.sub)
        #expect(!session.refreshToken.token.isEmpty)
    }

    @Test(
        "getSession refreshes an expired session with REFRESH_TOKEN_AUTH, keeps the refresh token, and stores the result"
    )
    func getSessionRefreshesAnExpiredSession() async throws {
        let moto = try await MotoPool.load()
        let storage = MemoryStorage()
        let user = try await moto.pool(storage: storage).newUser()
        let first = try await user.signIn()

        // moto issues tokens by its own (real) clock; a pool whose clock is two hours on finds them expired.
        let later = ManualClock(now: Date().addingTimeInterval(2 * 3600))
        let log = ExchangeLog()
        let laterPool = try moto.pool(storage: storage, clock: later, log: log)
        let current = try #require(try await laterPool.currentUser())
        let refreshed = try await current.getSession()

        #expect(await log.operations == ["InitiateAuth"])
        let request = try #require(await log.requests("InitiateAuth").first)
        #expect(request.AuthFlow == "REFRESH_TOKEN_AUTH")
        #expect(request.parameters["REFRESH_TOKEN"] == first.refreshToken.token)
        #expect(refreshed.accessToken != first.accessToken)
        #expect(refreshed.accessToken.originJti == first.accessToken.originJti)
        #expect(refreshed.refreshToken == first.refreshToken)
        // Valid by the pool's clock: the drift measured at issue makes up for the two hours.
        #expect(refreshed.isValid())

        // The refreshed session is used, in memory and from storage, without another request.
        #expect(try await current.getSession().accessToken == refreshed.accessToken)
        let again = try #require(try await moto.pool(storage: storage, clock: later, log: log).currentUser())
        #expect(try await again.getSession().accessToken == refreshed.accessToken)
        #expect(try await again.getUserAttributes().contains { $0.name == "sub" && $0.value == refreshed.idToken.sub })
        #expect(await log.operations == ["InitiateAuth", "GetUser"])
    }

    @Test("Concurrent getSession calls for an expired session make one REFRESH_TOKEN_AUTH request between them")
    func concurrentGetSessionSharesOneRefresh() async throws {
        let moto = try await MotoPool.load()
        let storage = MemoryStorage()
        let username = try await moto.pool(storage: storage).newUser().signIn().idToken.username
        let log = ExchangeLog()
        let pool = try moto.pool(
            storage: storage, clock: ManualClock(now: Date().addingTimeInterval(2 * 3600)), log: log)
        let name = try #require(username)

        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<6 {
                group.addTask { try await pool.user(named: name).getSession().accessToken.jwtToken }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(await log.requests("InitiateAuth", flowOrChallenge: "REFRESH_TOKEN_AUTH").count == 1)
        #expect(await log.operations == ["InitiateAuth"])
    }

    @Test("refreshSession with a made-up refresh token is refused with NotAuthorizedException")
    func refreshWithAnUnknownTokenIsRefused() async throws {
        let user = try await MotoPool.load().pool().user(named: MotoPool.uniqueUsername())
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.refreshSession(CognitoRefreshToken(token: UUID().uuidString))
        }
    }
}
