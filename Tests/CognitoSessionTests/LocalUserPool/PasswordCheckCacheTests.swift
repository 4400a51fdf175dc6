import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("LocalUserPool remembers checked passwords without weakening the check")
struct PasswordCheckCacheTests {
    static func passwordSignIn(_ wire: WireClient, _ password: String) async throws -> WireClient.Reply {
        try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": wire.clientId,
                "AuthParameters": ["USERNAME": "alice", "PASSWORD": password],
            ])
    }

    @Test("After a right password: a wrong one is still refused; after a change, the old one is refused")
    func cacheNeverAcceptsAWrongPassword() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let pool = try LocalUserPool(userPoolId: "eu-west-1_CacheTest", clock: clock)
        let client = try await pool.addClient(id: "client-1")
        try await pool.createUser(username: "alice", password: "Correct-Horse-1")
        let wire = WireClient(pool: pool, clientId: client.id, clock: clock)

        #expect(try await Self.passwordSignIn(wire, "Correct-Horse-1").accessToken != nil)
        #expect(try await Self.passwordSignIn(wire, "Correct-Horse-1").accessToken != nil)  // from the cache
        #expect(try await Self.passwordSignIn(wire, "Correct-Horse-2").message == "Incorrect username or password.")

        let access = try #require(try await Self.passwordSignIn(wire, "Correct-Horse-1").accessToken)
        _ = try await wire.call(
            "ChangePassword",
            [
                "AccessToken": access, "PreviousPassword": "Correct-Horse-1",
                "ProposedPassword": "Changed-Pass-3",
            ])
        #expect(try await Self.passwordSignIn(wire, "Correct-Horse-1").message == "Incorrect username or password.")
        #expect(try await Self.passwordSignIn(wire, "Changed-Pass-3").accessToken != nil)
    }
}
