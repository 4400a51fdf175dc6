import Foundation

/// Checks that a `RefreshCoordinating` implementation keeps the protocol's promises.
///
/// Like `SessionStorageConformance`, it needs no test framework: each check throws a
/// ``Failure`` saying what went wrong.
///
/// ```swift
/// @Test(arguments: RefreshCoordinationConformance.Check.allCases)
/// func coordination(_ check: RefreshCoordinationConformance.Check) async throws {
///     try await RefreshCoordinationConformance().run(check) { MyStore() }
/// }
/// ```
///
/// Each check uses lease names of its own, starting with `conformance.`. When the coordinator is
/// also a `SessionStorage`, ``Check/noLostUpdate`` makes its read-modify-writes in that store
/// (keys starting with `conformance.`), as the pool does with a session.
///
/// ``Check/holderDeathReleases`` needs a ``DyingHolder``: a way to take a lease in another holder
/// (a child process, a second database connection) and kill that holder while it holds it.
/// Without one the check has nothing to kill and passes; run it where the store can die.
public struct RefreshCoordinationConformance: Sendable {
    /// One promise of `RefreshCoordinating`.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Many tasks asking for one lease at once run their bodies one at a time.
        case mutualExclusion
        /// A read-modify-write with a suspension in the middle, made inside the lease by many tasks
        /// at once, loses no update.
        case noLostUpdate
        /// Leases of different names do not wait for each other.
        case namesAreIndependent
        /// A body that throws releases the lease, and its error reaches the caller unchanged.
        case releaseOnThrow
        /// A waiter cancelled while waiting stops at once without running its body; a holder
        /// cancelled in its body releases the lease.
        case releaseOnCancellation
        /// A waiter gives up after its timeout with `RefreshLeaseError.timedOut`, without running
        /// its body; the lease is taken normally once the holder is done.
        case boundedWait
        /// A holder that dies while holding the lease (see ``DyingHolder``) releases it: a waiter
        /// gets it within its timeout.
        case holderDeathReleases

        public var description: String { rawValue }
    }

    /// A broken promise.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The check that failed.
        public let check: Check
        /// What the coordinator did wrong.
        public let message: String

        public var description: String { "RefreshCoordinating conformance check \(check) failed: \(message)" }
    }

    /// Another holder of a lease, that can be killed while it holds it.
    public struct DyingHolder: Sendable {
        /// Takes the lease `name` in a holder other than this task (a child process, another
        /// connection), returns once it holds it, and returns a closure that kills that holder
        /// without letting it release the lease itself.
        public var hold: @Sendable (_ name: String) async throws -> @Sendable () async throws -> Void

        /// A dying holder made of `hold`.
        public init(hold: @escaping @Sendable (_ name: String) async throws -> @Sendable () async throws -> Void) {
            self.hold = hold
        }
    }

    /// How many tasks contend for one lease.
    public var concurrentTasks: Int
    /// The timeout given to a waiter that is expected to time out (and the unit of the other waits).
    public var shortTimeout: Duration
    /// The timeout given to a waiter that is expected to get the lease.
    public var longTimeout: Duration
    /// How to kill a holder, for ``Check/holderDeathReleases``.
    public var dyingHolder: DyingHolder?

    /// A suite; the defaults suit a file-backed store.
    public init(
        concurrentTasks: Int = 8, shortTimeout: Duration = .milliseconds(200), longTimeout: Duration = .seconds(20),
        dyingHolder: DyingHolder? = nil
    ) {
        self.concurrentTasks = max(2, concurrentTasks)
        self.shortTimeout = shortTimeout
        self.longTimeout = longTimeout
        self.dyingHolder = dyingHolder
    }

    /// Runs every check, each on a fresh coordinator, and throws the first failure.
    public func run(makeCoordinator: @Sendable () async throws -> any RefreshCoordinating) async throws {
        for check in Check.allCases {
            try await run(check, makeCoordinator: makeCoordinator)
        }
    }

    /// Runs one check on a fresh coordinator.
    public func run(
        _ check: Check, makeCoordinator: @Sendable () async throws -> any RefreshCoordinating
    ) async throws {
        let coordinator = try await makeCoordinator()
        let expect = Expectation(check: check)
        switch check {
        case .mutualExclusion: try await mutualExclusion(coordinator, expect)
        case .noLostUpdate: try await noLostUpdate(coordinator, expect)
        case .namesAreIndependent: try await namesAreIndependent(coordinator, expect)
        case .releaseOnThrow: try await releaseOnThrow(coordinator, expect)
        case .releaseOnCancellation: try await releaseOnCancellation(coordinator, expect)
        case .boundedWait: try await boundedWait(coordinator, expect)
        case .holderDeathReleases: try await holderDeath(coordinator, expect)
        }
    }

    // MARK: - Checks

    private func mutualExclusion(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let name = "conformance.exclusion"
        let inside = Gauge()
        let timeout = longTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrentTasks {
                group.addTask {
                    try await coordinator.withRefreshLease(named: name, timeout: timeout) {
                        inside.enter()
                        defer { inside.leave() }
                        try await Task.sleep(for: .milliseconds(2))
                    }
                }
            }
            try await group.waitForAll()
        }
        let (peak, entries) = inside.summary
        try expect(entries == concurrentTasks, "\(entries) of \(concurrentTasks) bodies ran")
        try expect(peak == 1, "\(peak) bodies held the lease \(name) at the same time")
    }

    private func noLostUpdate(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let name = "conformance.counter"
        let counter: any Cell = (coordinator as? any SessionStorage).map(StoredCell.init) ?? MemoryCell()
        let timeout = longTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrentTasks {
                group.addTask {
                    try await coordinator.withRefreshLease(named: name, timeout: timeout) {
                        let value = try await counter.read()
                        await Task.yield()
                        try await Task.sleep(for: .milliseconds(1))
                        try await counter.write(value + 1)
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await counter.read()
        try expect(
            final == concurrentTasks,
            "\(concurrentTasks) read-modify-writes inside the lease left the counter at \(final)")
    }

    private func namesAreIndependent(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let release = Signal()
        let held = Signal()
        let timeout = longTimeout
        let holder = Task {
            try await coordinator.withRefreshLease(named: "conformance.independent.a", timeout: timeout) {
                held.fire()
                await release.wait()
            }
        }
        defer { release.fire() }
        await held.wait()
        var ran = false
        do {
            ran = try await coordinator.withRefreshLease(named: "conformance.independent.b", timeout: shortTimeout) {
                true
            }
        } catch let error as RefreshLeaseError where error == .timedOut {
            try expect(false, "the lease b timed out while only the lease a was held")
        }
        try expect(ran, "the body of the lease b did not run")
        release.fire()
        try await holder.value
    }

    private func releaseOnThrow(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let name = "conformance.throw"
        do {
            try await coordinator.withRefreshLease(named: name, timeout: longTimeout) { throw Thrown() }
            try expect(false, "a body that threw returned normally")
        } catch is Thrown {
        } catch {
            try expect(false, "a body threw Thrown, the caller got \(error)")
        }
        try await expectFree(coordinator, name, after: "a body threw", expect)
    }

    private func releaseOnCancellation(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let name = "conformance.cancel"
        let timeout = longTimeout
        let held = Signal()
        let holder = Task {
            try await coordinator.withRefreshLease(named: name, timeout: timeout) {
                held.fire()
                try await Task.sleep(for: .seconds(3600))
            }
        }
        await held.wait()
        let waiterRan = Flag()
        let waiter = Task {
            try await coordinator.withRefreshLease(named: name, timeout: timeout) { waiterRan.set() }
        }
        try await Task.sleep(for: shortTimeout / 4)
        waiter.cancel()
        let waited = try await outcome(of: waiter, within: shortTimeout * 10)
        switch waited {
        case nil: try expect(false, "a waiter cancelled while waiting was still waiting \(shortTimeout * 10) later")
        case .failure(let error) where error is CancellationError: break
        case .failure(let error): try expect(false, "a waiter cancelled while waiting threw \(error)")
        case .success: try expect(false, "a waiter cancelled while waiting returned normally")
        }
        try expect(!waiterRan.value, "a waiter cancelled while waiting ran its body")

        holder.cancel()
        let finished = try await outcome(of: holder, within: longTimeout)
        try expect(finished != nil, "a holder cancelled in its body did not finish")
        try await expectFree(coordinator, name, after: "its holder was cancelled", expect)
    }

    private func boundedWait(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        let name = "conformance.timeout"
        let release = Signal()
        let held = Signal()
        let long = longTimeout
        let holder = Task {
            try await coordinator.withRefreshLease(named: name, timeout: long) {
                held.fire()
                await release.wait()
            }
        }
        defer { release.fire() }
        await held.wait()
        let ran = Flag()
        let short = shortTimeout
        let clock = ContinuousClock()
        let start = clock.now
        let waiter = Task {
            try await coordinator.withRefreshLease(named: name, timeout: short) { ran.set() }
        }
        let bound = shortTimeout * 10 + .seconds(5)
        let result = try await outcome(of: waiter, within: bound)
        let waited = start.duration(to: clock.now)
        switch result {
        case nil: try expect(false, "a waiter with a timeout of \(short) was still waiting after \(bound)")
        case .failure(let error as RefreshLeaseError) where error == .timedOut: break
        case .failure(let error):
            try expect(false, "a waiter that timed out threw \(error), not RefreshLeaseError.timedOut")
        case .success: try expect(false, "a waiter got the lease while another held it")
        }
        try expect(!ran.value, "a waiter that timed out ran its body")
        try expect(waited >= short * 0.9, "a waiter with a timeout of \(short) gave up after \(waited)")
        release.fire()
        try await holder.value
        try await expectFree(coordinator, name, after: "its holder returned", expect)
    }

    private func holderDeath(_ coordinator: any RefreshCoordinating, _ expect: Expectation) async throws {
        guard let dyingHolder else { return }
        let name = "conformance.death"
        let kill = try await dyingHolder.hold(name)
        var early = false
        do {
            early = try await coordinator.withRefreshLease(named: name, timeout: shortTimeout) { true }
        } catch let error as RefreshLeaseError where error == .timedOut {}
        try expect(!early, "the lease was taken while the other holder held it")
        try await kill()
        var ran = false
        do {
            ran = try await coordinator.withRefreshLease(named: name, timeout: longTimeout) { true }
        } catch let error as RefreshLeaseError where error == .timedOut {
            try expect(false, "the lease was not released when its holder died (waited \(longTimeout))")
        }
        try expect(ran, "the body did not run after the holder died")
    }

    // MARK: - Helpers

    /// Fails unless the lease `name` can be taken at once.
    private func expectFree(
        _ coordinator: any RefreshCoordinating, _ name: String, after what: String, _ expect: Expectation
    ) async throws {
        do {
            let ran = try await coordinator.withRefreshLease(named: name, timeout: shortTimeout) { true }
            try expect(ran, "the body did not run")
        } catch let error as RefreshLeaseError where error == .timedOut {
            try expect(false, "the lease \(name) was still held after \(what)")
        }
    }

    /// The result of `task`, or nil when it has not finished `within` (then it is cancelled and
    /// left behind).
    private func outcome<T: Sendable>(
        of task: Task<T, any Error>, within bound: Duration
    ) async throws -> Result<T, any Error>? {
        let slot = Slot<Result<T, any Error>?>()
        Task { slot.fill(await task.result) }
        let timer = Task {
            try? await Task.sleep(for: bound)
            slot.fill(nil)
        }
        defer { timer.cancel() }
        let result = await slot.value()
        if result == nil { task.cancel() }
        return result
    }

    private struct Expectation {
        let check: Check
        func callAsFunction(_ condition: Bool, _ message: @autoclosure () -> String) throws(Failure) {
            if !condition { throw Failure(check: check, message: message()) }
        }
    }

    private struct Thrown: Error {}
}

// MARK: - Small synchronisation helpers (no dependency on the library's internals)

/// Counts bodies inside the lease and the most there were at once.
private final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var peak = 0
    private var entries = 0

    func enter() {
        lock.withLock {
            current += 1
            entries += 1
            peak = max(peak, current)
        }
    }

    func leave() { lock.withLock { current -= 1 } }

    var summary: (peak: Int, entries: Int) { lock.withLock { (peak, entries) } }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}

/// A one-shot value: the first `fill` wins, `value()` waits for it.
private final class Slot<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var filled: [T] = []
    private var waiters: [CheckedContinuation<T, Never>] = []

    func fill(_ value: T) {
        let toResume = lock.withLock { () -> [CheckedContinuation<T, Never>] in
            guard filled.isEmpty else { return [] }
            filled = [value]
            defer { waiters = [] }
            return waiters
        }
        for waiter in toResume { waiter.resume(returning: value) }
    }

    func value() async -> T {
        await withCheckedContinuation { continuation in
            let ready = lock.withLock { () -> T? in
                if let value = filled.first { return value }
                waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Fires once; `wait()` returns once it has fired.
private final class Signal: Sendable {
    private let slot = Slot<Bool>()
    func fire() { slot.fill(true) }
    func wait() async { _ = await slot.value() }
}

private protocol Cell: Sendable {
    func read() async throws -> Int
    func write(_ value: Int) async throws
}

private actor MemoryCell: Cell {
    private var value = 0
    func read() -> Int { value }
    func write(_ value: Int) { self.value = value }
}

private struct StoredCell: Cell {
    let storage: any SessionStorage
    private let key = "conformance.lease.counter"
    init(_ storage: any SessionStorage) { self.storage = storage }
    func read() async throws -> Int { Int(try await storage.getItem(key) ?? "0") ?? 0 }
    func write(_ value: Int) async throws { try await storage.setItem(key, value: String(value)) }
}
