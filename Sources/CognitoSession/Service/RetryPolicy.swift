/// How the service client retries a failed request: capped exponential backoff with full jitter.
///
/// The wait before retry *n* (n = 1, 2, ...) is a random duration between zero and
/// `min(maxDelay, baseDelay × 2^(n-1))`. Retrying stops after ``maxAttempts`` requests in all,
/// or when the next wait would take the total time spent waiting past ``maxTotalDelay``; the
/// last error is then thrown. Cancelling the calling task stops at once with `CancellationError`.
///
/// What is retried:
/// - Throttling (`TooManyRequestsException`, `ThrottlingException`, HTTP 429) and service errors
///   with a 5xx status, for every operation: the service refused the request, nothing was done.
/// - Timeouts, lost connections and 5xx responses that are not from the service (a proxy's
///   502/504 page), only for operations that are safe to send twice (reads, overwriting
///   settings, RevokeToken, InitiateAuth, GetTokensFromRefreshToken): the request may have been
///   applied, and repeating, say, ConfirmSignUp would turn a success into an error.
/// - Nothing else: a wrong password, an expired code or a revoked refresh token is returned at
///   once. (amazon-cognito-identity-js retries every error of a refresh, this library does not.)
///
/// Every limit is clamped, when the policy is made and whenever a limit is set: attempts to
/// 1...10, each delay to 0...60 s, the total wait to 0...300 s.
public struct RetryPolicy: Sendable, Hashable {
    /// The most requests made for one call, the first included (1...10).
    public var maxAttempts: Int {
        didSet { maxAttempts = Self.attempts.clamp(maxAttempts) }
    }
    /// The wait ceiling before the first retry; it doubles for each later retry (0...60 s).
    public var baseDelay: Duration {
        didSet { baseDelay = Self.delay.clamp(baseDelay) }
    }
    /// The largest wait ceiling before any one retry (0...60 s).
    public var maxDelay: Duration {
        didSet { maxDelay = Self.delay.clamp(maxDelay) }
    }
    /// The most time spent waiting between attempts, over all retries of one call (0...300 s).
    public var maxTotalDelay: Duration {
        didSet { maxTotalDelay = Self.totalDelay.clamp(maxTotalDelay) }
    }

    /// Creates a policy; each limit is clamped to its range.
    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .seconds(2),
        maxTotalDelay: Duration = .seconds(5)
    ) {
        self.maxAttempts = Self.attempts.clamp(maxAttempts)
        self.baseDelay = Self.delay.clamp(baseDelay)
        self.maxDelay = Self.delay.clamp(maxDelay)
        self.maxTotalDelay = Self.totalDelay.clamp(maxTotalDelay)
    }

    private static let attempts = 1...10
    private static let delay = Duration.zero...Duration.seconds(60)
    private static let totalDelay = Duration.zero...Duration.seconds(300)

    /// Three attempts, waits from 100 ms doubling up to 2 s, at most 5 s of waiting in all.
    public static let `default` = RetryPolicy()

    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The largest wait before retry `retry` (1-based): `min(maxDelay, baseDelay × 2^(retry-1))`.
    package func delayCeiling(beforeRetry retry: Int) -> Duration {
        var ceiling = baseDelay
        for _ in 1..<max(1, retry) {
            if ceiling >= maxDelay { return maxDelay }
            ceiling *= 2
        }
        return min(ceiling, maxDelay)
    }

    /// The wait before retry `retry` for a `unitRandom` drawn from 0...1 (full jitter).
    package func delay(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        delayCeiling(beforeRetry: retry) * min(1, max(0, unitRandom))
    }
}

extension ClosedRange {
    /// `value`, moved into the range when outside it.
    fileprivate func clamp(_ value: Bound) -> Bound { Swift.min(Swift.max(value, lowerBound), upperBound) }
}
