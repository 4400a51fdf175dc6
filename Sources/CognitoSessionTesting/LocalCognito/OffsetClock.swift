import CognitoSession
import Foundation

/// A `WallClock` that reads the system time plus an offset a test can move forward: what
/// `cognito-session serve` runs on, so a test expires tokens by moving the clock, never by sleeping.
///
/// Safe to share between tasks: the offset is guarded by a lock.
public final class OffsetClock: WallClock, @unchecked Sendable {
    // @unchecked: `offset` is only touched with `lock` held.
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    /// A clock that reads the system time until it is moved.
    public init() {}

    /// The system time plus the offset.
    public func now() -> Date { lock.withLock { Date().addingTimeInterval(offset) } }

    /// How far the clock has been moved, in seconds.
    public var currentOffset: TimeInterval { lock.withLock { offset } }

    /// Moves the clock by `interval` seconds (backwards when negative).
    public func advance(by interval: TimeInterval) { lock.withLock { offset += interval } }
}
