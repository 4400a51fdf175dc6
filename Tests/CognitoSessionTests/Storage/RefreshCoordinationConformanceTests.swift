import CognitoSessionTesting
import Foundation
import Testing

@Suite("RefreshCoordinating conformance: the coordinators pass, broken ones are caught")
struct RefreshCoordinationConformanceTests {
    typealias Check = RefreshCoordinationConformance.Check

    @Test("InProcessRefreshCoordinator passes every check", arguments: Check.allCases)
    func inProcess(_ check: Check) async throws {
        try await RefreshCoordinationConformance(concurrentTasks: 50).run(check) { InProcessRefreshCoordinator() }
    }

    @Test("FileStorage's lease passes every check, a SIGKILLed holder process included", arguments: Check.allCases)
    func fileStorage(_ check: Check) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let suite = RefreshCoordinationConformance(
            dyingHolder: .init { name in
                let holder = try WriterProcess(["lease", file.path, name])
                guard await holder.waitForOutput(lines: 1) == 1 else { throw LeaseHolderFailed() }
                return {
                    kill(holder.process.processIdentifier, SIGKILL)
                    _ = await holder.exit()
                }
            })
        try await suite.run(check) { FileStorage(fileURL: file) }
    }

    @Test("run(makeCoordinator:) runs every check on a fresh coordinator")
    func runAll() async throws {
        let made = Made()
        try await RefreshCoordinationConformance().run {
            made.increment()
            return InProcessRefreshCoordinator()
        }
        #expect(made.count == Check.allCases.count)
    }

    @Test("A coordinator that takes no lock fails mutualExclusion and noLostUpdate")
    func noLockIsCaught() async throws {
        for check in [Check.mutualExclusion, .noLostUpdate] {
            let failure = await #expect(throws: RefreshCoordinationConformance.Failure.self) {
                try await RefreshCoordinationConformance().run(check) { NoLock() }
            }
            #expect(failure?.check == check)
        }
    }

    @Test("A coordinator that keeps the lease after a throwing body fails releaseOnThrow")
    func leakOnThrowIsCaught() async throws {
        let failure = await #expect(throws: RefreshCoordinationConformance.Failure.self) {
            try await RefreshCoordinationConformance().run(.releaseOnThrow) { LeaksOnThrow() }
        }
        #expect(failure?.description.contains("still held after a body threw") == true)
    }

    @Test("A coordinator that ignores its timeout fails boundedWait")
    func unboundedWaitIsCaught() async throws {
        let failure = await #expect(throws: RefreshCoordinationConformance.Failure.self) {
            try await RefreshCoordinationConformance(shortTimeout: .milliseconds(50)).run(.boundedWait) {
                IgnoresTimeout()
            }
        }
        #expect(failure?.check == .boundedWait)
        #expect(failure?.description.contains("still waiting") == true)
    }

    @Test("A coordinator that one lease name blocks for all fails namesAreIndependent")
    func sharedLockIsCaught() async throws {
        let failure = await #expect(throws: RefreshCoordinationConformance.Failure.self) {
            try await RefreshCoordinationConformance().run(.namesAreIndependent) { OneLockForAll() }
        }
        #expect(failure?.check == .namesAreIndependent)
    }

    @Test("RefreshLeaseError.timedOut is retryable and names the lease")
    func timedOutError() {
        let error = RefreshLeaseError.timedOut(name: "CognitoIdentityServiceProvider.client.alice", after: .seconds(3))
        #expect(error == .timedOut && error != .lost)
        #expect(error.isRetryable && RefreshLeaseError.lost.isRetryable)
        #expect(error.description.contains("CognitoIdentityServiceProvider.client.alice"))
        #expect(error.serviceExceptionName == nil)
    }
}

private struct LeaseHolderFailed: Error {}

private final class Made: @unchecked Sendable {
    private let lock = NSLock()
    private var made = 0
    func increment() { lock.withLock { made += 1 } }
    var count: Int { lock.withLock { made } }
}

/// Runs every body at once.
private struct NoLock: RefreshCoordinating {
    func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value { try await body() }
}

/// A correct coordinator whose waiters never give up (the timeout is ignored).
private struct IgnoresTimeout: RefreshCoordinating {
    let inner = InProcessRefreshCoordinator()
    func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value { try await inner.withRefreshLease(named: name, timeout: .seconds(3600), body) }
}

/// One lease for every name.
private struct OneLockForAll: RefreshCoordinating {
    let inner = InProcessRefreshCoordinator()
    func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value { try await inner.withRefreshLease(named: "all", timeout: timeout, body) }
}

/// Forgets to release the lease when the body throws.
private actor LeaksOnThrow: RefreshCoordinating {
    private var held: Set<String> = []

    func withRefreshLease<Value: Sendable>(
        named name: String, timeout: Duration, _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while held.contains(name) {
            if clock.now >= deadline { throw RefreshLeaseError.timedOut(name: name, after: timeout) }
            try await Task.sleep(for: .milliseconds(5))
        }
        held.insert(name)
        let value = try await body()
        held.remove(name)
        return value
    }
}
