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
public struct RetryPolicy: Sendable, Hashable {
    /// The most requests made for one call, the first included (at least 1).
    public var maxAttempts: Int
    /// The wait ceiling before the first retry; it doubles for each later retry.
    public var baseDelay: Duration
    /// The largest wait ceiling before any one retry.
    public var maxDelay: Duration
    /// The most time spent waiting between attempts, over all retries of one call.
    public var maxTotalDelay: Duration

    /// Creates a policy; `maxAttempts` below 1 counts as 1 and negative durations as zero.
    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .seconds(2),
        maxTotalDelay: Duration = .seconds(5)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.maxTotalDelay = max(.zero, maxTotalDelay)
    }

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
