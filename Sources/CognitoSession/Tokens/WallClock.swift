import Foundation

/// A source of wall-clock time.
///
/// The library reads "now" only through a `WallClock` — token validity, clock drift, SRP
/// timestamps — so a test can move time forward instead of waiting. ``SystemWallClock`` is the
/// default; `CognitoSessionTesting` has a manual clock for tests.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }
}
