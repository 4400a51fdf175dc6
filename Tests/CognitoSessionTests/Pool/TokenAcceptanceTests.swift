import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("A response never replaces a token with nothing, nor with another client's or user's tokens")
struct TokenAcceptanceTests {
    @Test("An empty or missing RefreshToken in a refresh answer keeps the stored one", arguments: [false, true])
    func emptyRefreshTokenKept(rotation: Bool) async throws {
        for member in ["", nil] as [String?] {
            let fixture = try await MockSessionFixture(rotation: rotation)
            await fixture.mock.enqueue(
                MockSessionFixture.refreshAnswer(refreshToken: member),
                for: rotation ? "GetTokensFromRefreshToken" : "InitiateAuth")
            let session = try await fixture.alice.getSession()
            #expect(session.refreshToken.token == "refresh-alice")
            #expect(try await fixture.storage.getItem(fixture.keys.refreshToken(username: "alice")) == "refresh-alice")
        }
    }

    @Test("A rotated refresh token replaces the stored one")
    func rotatedTokenStored() async throws {
        let fixture = try await MockSessionFixture(rotation: true)
        await fixture.mock.enqueue(
            MockSessionFixture.refreshAnswer(refreshToken: "refresh-2"),
            for: "GetTokensFromRefreshToken")
        _ = try await fixture.alice.getSession()
        #expect(try await fixture.storage.getItem(fixture.keys.refreshToken(username: "alice")) == "refresh-2")
    }

    static let issued = Int(MockSessionFixture.now.timeIntervalSince1970)
    static let unusable: [(String, MockResponse)] = [
        ("an empty access token", MockSessionFixture.refreshAnswer(access: "")),
        ("an empty ID token", MockSessionFixture.refreshAnswer(id: "")),
        (
            "an access token for another client",
            MockSessionFixture.refreshAnswer(access: MockSessionFixture.accessToken(issued: issued, client: "other"))
        ),
        (
            "an ID token for another client",
            MockSessionFixture.refreshAnswer(id: MockSessionFixture.idToken(issued: issued, client: "other"))
        ),
        (
            "tokens for two users",
            MockSessionFixture.refreshAnswer(id: MockSessionFixture.idToken(sub: "someone-else", issued: issued))
        ),
        (
            "tokens for another user than the session's",
            MockSessionFixture.refreshAnswer(
                access: MockSessionFixture.accessToken(sub: "bob-sub", issued: issued),
                id: MockSessionFixture.idToken(sub: "bob-sub", issued: issued))
        ),
    ]

    @Test("Unusable tokens in a refresh answer are a typed error that changes nothing stored")
    func unusableTokensRefused() async throws {
        for (label, answer) in Self.unusable {
            let fixture = try await MockSessionFixture()
            let before = try await fixture.items()
            await fixture.mock.enqueue(answer, for: "InitiateAuth")
            let error = await #expect(throws: CognitoUserError.self, "\(label)") {
                try await fixture.alice.getSession()
            }
            #expect(error == .unusableTokens, "\(label)")
            #expect(try await fixture.items() == before, "\(label)")
        }
    }

    @Test("A sign-in answer with tokens for another client is refused and stores nothing")
    func signInForAnotherClient() async throws {
        let fixture = try await MockSessionFixture()
        try await fixture.storage.clear()
        let user = fixture.pool.user(named: "alice")
        await fixture.mock.enqueue(
            MockSessionFixture.refreshAnswer(
                refreshToken: "r", access: MockSessionFixture.accessToken(issued: Self.issued, client: "other")),
            for: "InitiateAuth")
        await #expect(throws: CognitoUserError.unusableTokens) {
            try await user.authenticateUser(
                AuthenticationDetails(username: "alice", password: "pw", authenticationFlowType: .userPasswordAuth))
        }
        #expect(try await fixture.storage.getItem(fixture.keys.accessToken(username: "alice")) == nil)
        // A sign-in answer without a refresh token is refused too.
        await fixture.mock.enqueue(MockSessionFixture.refreshAnswer(), for: "InitiateAuth")
        await #expect(throws: CognitoUserError.unusableTokens) {
            try await user.authenticateUser(
                AuthenticationDetails(username: "alice", password: "pw", authenticationFlowType: .userPasswordAuth))
        }
    }
}
