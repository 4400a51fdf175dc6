import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("CognitoUserSession: validity and clock drift, on an injected clock")
struct CognitoUserSessionTests {
    static let iat = 1_700_000_000
    static let exp = 1_700_003_600

    private func session(
        drift: Int?, at now: TimeInterval, accessExp: Int = exp, idExp: Int = exp
    ) throws
        -> (CognitoUserSession, ManualClock)
    {
        let clock = ManualClock(secondsSince1970: now)
        let session = try TestJWT.session(
            accessExp: accessExp, idExp: idExp, iat: Self.iat, clockDrift: drift, clock: clock)
        return (session, clock)
    }

    @Test("Valid up to the last whole second before exp; invalid at exp (strict <)")
    func exactBoundary() throws {
        let (session, clock) = try session(drift: 0, at: TimeInterval(Self.exp - 1))
        #expect(session.isValid())
        clock.advance(by: 0.999)  // floor(now) is still exp - 1
        #expect(session.isValid())
        clock.advance(by: 0.001)  // exactly exp
        #expect(!session.isValid())
        clock.set(Date(timeIntervalSince1970: TimeInterval(Self.exp + 3600)))
        #expect(!session.isValid())
    }

    @Test("A positive drift (local clock ahead) moves the boundary later by the drift")
    func positiveDrift() throws {
        let (session, clock) = try session(drift: 30, at: TimeInterval(Self.exp + 29))
        #expect(session.isValid())
        clock.advance(by: 1)
        #expect(!session.isValid())
    }

    @Test("A negative drift (local clock behind) moves the boundary earlier")
    func negativeDrift() throws {
        let (session, clock) = try session(drift: -30, at: TimeInterval(Self.exp - 31))
        #expect(session.isValid())
        clock.advance(by: 1)
        #expect(!session.isValid())
    }

    @Test("A leeway expires the session that many seconds early, drift still applied")
    func leeway() throws {
        let (session, clock) = try session(drift: 10, at: TimeInterval(Self.exp + 10 - 61))
        #expect(session.isValid(leeway: 60))
        #expect(session.isValid(at: clock.now(), leeway: 60))
        clock.advance(by: 1)
        #expect(!session.isValid(leeway: 60))
        #expect(session.isValid())  // without leeway it is still valid
        #expect(session.isValid(leeway: -100) == session.isValid())  // negative leeway counts as 0
    }

    @Test("The token that expires first decides", arguments: [(true, false), (false, true)])
    func bothTokensCount(accessFirst: Bool, idFirst: Bool) throws {
        let early = Self.exp - 600
        let (session, clock) = try session(
            drift: 0, at: TimeInterval(early - 1), accessExp: accessFirst ? early : Self.exp,
            idExp: idFirst ? early : Self.exp)
        #expect(session.isValid())
        clock.advance(by: 1)
        #expect(!session.isValid())
    }

    @Test("Drift is measured at creation: floor(now) minus the earlier iat of the two tokens")
    func calculatedDrift() throws {
        let clock = ManualClock(secondsSince1970: TimeInterval(Self.iat) + 125.9)
        let session = CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: TestJWT.idToken(exp: Self.exp, iat: Self.iat - 5)),
            accessToken: try CognitoAccessToken(jwtToken: TestJWT.accessToken(exp: Self.exp, iat: Self.iat)),
            refreshToken: CognitoRefreshToken(token: "r"), clock: clock)
        #expect(session.clockDrift == 130)
        clock.advance(by: 1000)  // later readings don't change it
        #expect(session.clockDrift == 130)

        let behind = ManualClock(secondsSince1970: TimeInterval(Self.iat - 45))
        let late = try TestJWT.session(accessExp: Self.exp, idExp: Self.exp, iat: Self.iat, clock: behind)
        #expect(late.clockDrift == -45)
    }

    @Test("A local clock an hour fast still sees fresh tokens as valid (the drift absorbs it)")
    func fastClockWithMeasuredDrift() throws {
        let clock = ManualClock(secondsSince1970: TimeInterval(Self.iat + 3600 + 5))
        let session = try TestJWT.session(accessExp: Self.exp, idExp: Self.exp, iat: Self.iat, clock: clock)
        #expect(session.clockDrift == 3605)
        #expect(session.isValid())
        clock.advance(by: 3600 - 1)
        #expect(session.isValid())
        clock.advance(by: 1)
        #expect(!session.isValid())
    }

    @Test("A given drift is used as is; tokens without iat give a drift of 0")
    func givenDriftAndNoIssuedAt() throws {
        let clock = ManualClock(secondsSince1970: 2_000_000_000)
        #expect(
            try TestJWT.session(accessExp: Self.exp, idExp: Self.exp, iat: Self.iat, clockDrift: 0, clock: clock)
                .clockDrift == 0)
        let noIat = TestJWT.make(payload: #"{"exp":1700003600}"#)
        let session = CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: noIat), accessToken: try CognitoAccessToken(jwtToken: noIat),
            refreshToken: CognitoRefreshToken(token: ""), clock: clock)
        #expect(session.clockDrift == 0)
    }

    @Test("An absurd iat cannot crash the drift calculation")
    func absurdIssuedAt() throws {
        let huge = TestJWT.make(payload: #"{"exp":1700003600,"iat":1e300}"#)
        let session = CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: huge), accessToken: try CognitoAccessToken(jwtToken: huge),
            refreshToken: CognitoRefreshToken(token: ""), clock: ManualClock(secondsSince1970: 0))
        #expect(session.clockDrift == 0)
    }

    @Test("The session's description shows no token")
    func redaction() throws {
        let (session, _) = try session(drift: 0, at: 0)
        let tokens = [session.accessToken.jwtToken, session.idToken.jwtToken]
        for part in tokens.flatMap({ $0.split(separator: ".") }) {
            #expect(!session.description.contains(part))
        }
        #expect(!session.description.contains(session.refreshToken.token))
    }
}
