import Foundation

/// A `WallClock` that stands still until a test moves it.
///
/// Safe to share between tasks: `now()`, ``advance(by:)`` and ``set(_:)`` are serialised by a
/// lock.
public final class ManualClock: WallClock, @unchecked Sendable {
    // @unchecked: `current` is only touched with `lock` held.
    private let lock = NSLock()
    private var current: Date

    /// A clock reading `now`.
    public init(now: Date) { current = now }

    /// A clock reading `secondsSince1970`.
    public convenience init(secondsSince1970: TimeInterval) {
        self.init(now: Date(timeIntervalSince1970: secondsSince1970))
    }

    /// The time the clock was set or advanced to.
    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock by `interval` seconds (backwards when negative).
    public func advance(by interval: TimeInterval) { lock.withLock { current += interval } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { lock.withLock { current = date } }
}
