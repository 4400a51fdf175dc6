import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("Sign-out: a revocation that fails for a passing reason is kept and sent later")
struct SignOutRevocationTests {
    @Test("A 5xx, throttling or a dropped connection on RevokeToken: signed out here, revocation pending in storage")
    func pendingRevocation() async throws {
        for fault in [LocalUserPool.Fault.serverError(status: 503), .throttle, .dropConnection] {
            let fixture = try await PoolFixture(retryPolicy: .none)
            let (user, session, _) = try await fixture.signIn()
            await fixture.local.inject(fault, into: "RevokeToken")
            let result = try await user.signOut()
            guard case .revocationPending = result else {
                Issue.record("expected a pending revocation, got \(result)")
                continue
            }
            #expect(!result.refreshTokenIsDead)
            let keys = StorageKeys(clientId: fixture.client.id)
            let items = await fixture.storedItems()
            #expect(items[keys.refreshToken(username: "alice")] == nil)
            #expect(items[keys.accessToken(username: "alice")] == nil)
            let pending = try #require(items[keys.pendingRevocations(username: "alice")])
            #expect(pending.contains(session.refreshToken.token))
            // The refresh token still works at the service: it was not revoked.
            #expect(await fixture.local.requests(for: "RevokeToken").count == 1)
        }
    }

    @Test("The next sign-in sends the pending revocation; the old refresh token is then dead and the entry gone")
    func sentAtNextSignIn() async throws {
        let fixture = try await PoolFixture(retryPolicy: .none)
        let (user, first, _) = try await fixture.signIn()
        await fixture.local.inject(.serverError(status: 500), into: "RevokeToken")
        try await user.signOut()
        try await fixture.signIn()
        #expect(await fixture.local.requests(for: "RevokeToken").count == 2)
        let keys = StorageKeys(clientId: fixture.client.id)
        #expect(await fixture.storedItems()[keys.pendingRevocations(username: "alice")] == nil)
        // The first session's refresh token was revoked at the service.
        let other = fixture.pool.user(named: "alice")
        await #expect(throws: CognitoServiceError.notAuthorized) { try await other.refreshSession(first.refreshToken) }
    }

    @Test("A refresh sends a pending revocation too, and so does the explicit call")
    func sentAtRefreshAndExplicitly() async throws {
        let fixture = try await PoolFixture(retryPolicy: .none)
        let (user, _, _) = try await fixture.signIn()
        await fixture.local.inject(.dropConnection, into: "RevokeToken")
        try await user.signOut()
        // The sign-in sends it again (failing once more), as does the explicit call (failing too).
        await fixture.local.inject(.dropConnection, into: "RevokeToken")
        let (again, _, _) = try await fixture.signIn()
        await fixture.local.inject(.serverError(status: 503), into: "RevokeToken")
        #expect(try await again.revokePendingTokens() == 1)
        #expect(await fixture.local.requests(for: "RevokeToken").count == 3)
        // The next refresh sends it, and it succeeds.
        fixture.clock.advance(by: 3601)
        _ = try await again.getSession()
        #expect(await fixture.local.requests(for: "RevokeToken").count == 4)
        let keys = StorageKeys(clientId: fixture.client.id)
        #expect(await fixture.storedItems()[keys.pendingRevocations(username: "alice")] == nil)
        #expect(try await again.revokePendingTokens() == 0)
    }

    @Test("A pending revocation older than a refresh token can live is dropped without a request")
    func expiredPendingDropped() async throws {
        let fixture = try await PoolFixture(retryPolicy: .none)
        let (user, _, _) = try await fixture.signIn()
        await fixture.local.inject(.serverError(status: 503), into: "RevokeToken")
        try await user.signOut()
        fixture.clock.advance(by: PendingRevocation.maximumRefreshTokenValidity + 1)
        await fixture.local.clearRequestLog()
        #expect(try await user.revokePendingTokens() == 0)
        #expect(await fixture.local.requests(for: "RevokeToken").isEmpty)
    }

    @Test("Sign-out without origin_jti says nothing was revoked, and sends nothing")
    func withoutOriginJti() async throws {
        let fixture = try await MockSessionFixture(originJti: false)
        let result = try await fixture.alice.signOut()
        guard case .notRevoked(.revocationNotEnabled) = result else {
            Issue.record("expected notRevoked(.revocationNotEnabled), got \(result)")
            return
        }
        #expect(await fixture.mock.requests(for: "RevokeToken").isEmpty)
        #expect(try await fixture.storage.getItem(fixture.keys.refreshToken(username: "alice")) == nil)
        await #expect(throws: CognitoUserError.revocationNotEnabled) {
            try await MockSessionFixture(originJti: false).alice.revokeTokens()
        }
    }

    @Test("A revoked token is reported revoked; signOut(revokingTokens: false) says it was not asked")
    func revokedAndNotRequested() async throws {
        let fixture = try await PoolFixture()
        let (user, _, _) = try await fixture.signIn()
        guard case .revoked = try await user.signOut() else { Issue.record("expected .revoked"); return }
        let (again, _, _) = try await fixture.signIn()
        guard case .notRevoked(.notRequested) = try await again.signOut(revokingTokens: false) else {
            Issue.record("expected .notRevoked(.notRequested)")
            return
        }
    }
}
