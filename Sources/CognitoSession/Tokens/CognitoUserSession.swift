import Foundation

/// A signed-in user's tokens, and the clock drift measured when Cognito issued them.
///
/// Validity follows amazon-cognito-identity-js exactly, in whole seconds:
///
///     adjusted = floor(now) - clockDrift
///     valid   <=> adjusted + leeway < accessToken.exp  &&  adjusted + leeway < idToken.exp
///
/// "now" comes from the session's ``WallClock``. With the default leeway of 0 this is the
/// JS library's `isValid()`; a positive leeway treats the session as expired that many seconds
/// early, so a caller can refresh before the tokens actually run out.
public struct CognitoUserSession: Sendable, Equatable, CustomStringConvertible {
    /// The ID token.
    public let idToken: CognitoIdToken
    /// The access token.
    public let accessToken: CognitoAccessToken
    /// The refresh token (empty if Cognito did not return one).
    public let refreshToken: CognitoRefreshToken
    /// Local clock minus Cognito's clock, in whole seconds, measured when the tokens were
    /// issued: positive when the local clock is ahead.
    public let clockDrift: Int

    private let clock: any WallClock

    /// Creates a session.
    ///
    /// - Parameters:
    ///   - idToken: The ID token.
    ///   - accessToken: The access token.
    ///   - refreshToken: The refresh token (empty when there is none).
    ///   - clockDrift: The drift to apply. When nil it is measured now, as
    ///     ``calculateClockDrift(idToken:accessToken:now:)`` describes — right for tokens just
    ///     received from Cognito; pass the stored value for tokens read back from storage.
    ///   - clock: Where "now" comes from, for the drift and for ``isValid()``.
    public init(
        idToken: CognitoIdToken,
        accessToken: CognitoAccessToken,
        refreshToken: CognitoRefreshToken,
        clockDrift: Int? = nil,
        clock: any WallClock = SystemWallClock()
    ) {
        self.idToken = idToken
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.clock = clock
        self.clockDrift =
            clockDrift
            ?? Self.calculateClockDrift(idToken: idToken, accessToken: accessToken, now: clock.now())
    }

    /// The JS library's `calculateClockDrift()`: `floor(now) - min(access iat, id iat)`, in
    /// whole seconds. 0 when neither token has an `iat`, or the result would not fit an `Int`.
    public static func calculateClockDrift(
        idToken: CognitoIdToken, accessToken: CognitoAccessToken, now: Date
    ) -> Int {
        let issued = [accessToken.issuedAtSeconds, idToken.issuedAtSeconds].compactMap { $0 }
        guard let earliest = issued.min() else { return 0 }
        let drift = (now.timeIntervalSince1970.rounded(.down) - earliest).rounded(.down)
        guard abs(drift) < 1e15 else { return 0 }
        return Int(drift)
    }

    /// Whether both tokens are still valid now, clock drift applied (the JS `isValid()`).
    public func isValid() -> Bool { isValid(at: clock.now(), leeway: 0) }

    /// Whether both tokens will still be valid `leeway` seconds from now, clock drift applied.
    public func isValid(leeway: TimeInterval) -> Bool { isValid(at: clock.now(), leeway: leeway) }

    /// Whether both tokens are valid at `date`, treating them as expiring `leeway` seconds
    /// early (a negative leeway counts as 0). The rule is in the type's documentation.
    public func isValid(at date: Date, leeway: TimeInterval = 0) -> Bool {
        let adjusted = date.timeIntervalSince1970.rounded(.down) - Double(clockDrift) + max(0, leeway)
        return adjusted < accessToken.expirationSeconds && adjusted < idToken.expirationSeconds
    }

    /// Sessions are equal when their tokens and drift are; the clock is not compared.
    public static func == (lhs: CognitoUserSession, rhs: CognitoUserSession) -> Bool {
        lhs.idToken == rhs.idToken && lhs.accessToken == rhs.accessToken
            && lhs.refreshToken == rhs.refreshToken && lhs.clockDrift == rhs.clockDrift
    }

    public var description: String {
        "CognitoUserSession(accessToken: \(accessToken), idToken: \(idToken), "
            + "refreshToken: \(refreshToken), clockDrift: \(clockDrift))"
    }
}
