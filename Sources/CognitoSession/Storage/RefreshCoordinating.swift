/// A store that can make one refresh among all the processes or machines that share it.
///
/// A pool whose ``SessionStorage`` also conforms to this protocol uses it by itself: inside its
/// in-process single flight it takes the lease for the user, re-reads the stored session (someone
/// else may have refreshed it meanwhile: then it is returned and no request is sent), and only
/// otherwise refreshes and stores the new tokens, still holding the lease. So any number of
/// processes sharing the store make one refresh between them, and a client that rotates refresh
/// tokens never sends the same one twice.
///
/// ``FileStorage`` coordinates the processes of one host with a per-user lock file;
/// ``InProcessRefreshCoordinator`` is the in-process default. `RefreshCoordinationConformance` in
/// `CognitoSessionTesting` checks an implementation against this contract.
public protocol RefreshCoordinating: Sendable {
    /// Runs `body` while holding the exclusive lease `name` (one per client and user; the pool passes
    /// "CognitoIdentityServiceProvider.<clientId>.<username>"), waiting at most `timeout` to get it.
    ///
    /// The lease is released when `body` returns or throws, and also when its holder (process,
    /// database connection) dies. A caller cancelled while waiting stops waiting with
    /// `CancellationError` and never runs `body`.
    ///
    /// - Throws: ``RefreshLeaseError`` (``RefreshLeaseError/timedOut`` is retryable), the store's
    ///   own error, or what `body` throws.
    func withRefreshLease<Result: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Result
    ) async throws -> Result
}
