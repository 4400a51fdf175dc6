import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// A one-shot gate a mock handler waits on, so a test decides when an answer arrives.
private actor AnswerGate {
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var arrivals: [CheckedContinuation<Void, Never>] = []
    private var arrived = false

    func wait() async {
        arrived = true
        for arrival in arrivals { arrival.resume() }
        arrivals.removeAll()
        if opened { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func untilArrived() async {
        if arrived { return }
        await withCheckedContinuation { arrivals.append($0) }
    }

    func open() {
        opened = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

@Suite("Sign-out and sign-in during a refresh in flight")
struct SessionRaceTests {
    @Test("A sign-out while a refresh is out: the refresh's tokens are never stored, the caller is told")
    func signOutDuringRefresh() async throws {
        let fixture = try await MockSessionFixture()
        let gate = AnswerGate()
        await fixture.mock.setHandler(for: "InitiateAuth") { _ in
            await gate.wait()
            return MockSessionFixture.refreshAnswer(refreshToken: "refresh-new")
        }
        let user = fixture.alice
        let refreshing = Task { try await user.getSession() }
        await gate.untilArrived()
        try await fixture.pool.user(named: "alice").signOut(revokingTokens: false)
        await gate.open()
        await #expect(throws: CognitoUserError.notSignedIn) { try await refreshing.value }
        let items = try await fixture.items()
        #expect(items[fixture.keys.refreshToken(username: "alice")] == nil)
        #expect(items[fixture.keys.accessToken(username: "alice")] == nil)
        #expect(!user.signInUserSessionIsSet)
    }

    @Test("A sign-in after an alias sign-in failed: sign-out still clears the canonical user's tokens")
    func signOutAfterFailedAliasSignIn() async throws {
        let fixture = try await PoolFixture(emailAlias: true)
        let (user, _, _) = try await fixture.signIn("alice@example.com")
        #expect(user.username == "alice")
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await user.authenticateUser(
                AuthenticationDetails(
                    username: "alice@example.com", password: "wrong", authenticationFlowType: .userPasswordAuth))
        }
        try await user.signOut(revokingTokens: false)
        let keys = StorageKeys(clientId: fixture.client.id)
        let items = await fixture.storedItems()
        #expect(items[keys.refreshToken(username: "alice")] == nil)
        #expect(items[keys.lastAuthUser] == nil)
    }
}

extension CognitoUser {
    fileprivate var signInUserSessionIsSet: Bool { signInUserSession != nil }
}
