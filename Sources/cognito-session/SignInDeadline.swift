import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waiting for the hosted UI's redirect: a time limit, and Ctrl-C (SIGINT) ends the wait cleanly.
enum SignInDeadline {
    /// Ctrl-C came before the redirect.
    struct Interrupted: Error, CustomStringConvertible {
        var description: String { "sign-in cancelled (Ctrl-C); nothing was stored" }
    }

    /// The redirect did not come in time.
    struct TimedOut: Error, CustomStringConvertible {
        let seconds: Int
        var description: String {
            "no sign-in came back within \(seconds) s; nothing was stored. Run the command again "
                + "(--sign-in-timeout SECONDS gives more time)"
        }
    }

    /// The result of `body`, unless `seconds` pass first (``TimedOut``) or SIGINT comes (``Interrupted``); in both
    /// cases `body` is cancelled.
    static func run<Value: Sendable>(
        seconds: Int, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let interrupts = SignalStream(SIGINT)
        defer { interrupts.stop() }
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw TimedOut(seconds: seconds)
            }
            group.addTask {
                for await _ in interrupts.signals { throw Interrupted() }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            guard let value = try await group.next() else { throw CancellationError() }
            return value
        }
    }

    /// A line of standard input, read on a thread of its own so that cancelling the caller returns at once
    /// (with `CancellationError`) even while the read blocks.
    static func readLineCancellably() async throws -> String? {
        let slot = LineSlot()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard slot.install(continuation) else { return }
                Thread.detachNewThread { slot.resume(with: .success(readLine())) }
            }
        } onCancel: {
            slot.resume(with: .failure(CancellationError()))
        }
    }
}

/// SIGINT as an async sequence while it is installed; the default action comes back on `stop()`.
private final class SignalStream: @unchecked Sendable {
    let signals: AsyncStream<Void>
    private let source: any DispatchSourceSignal
    private let number: Int32

    init(_ number: Int32) {
        self.number = number
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self)
        self.signals = signals
        signal(number, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.setCancelHandler { continuation.finish() }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(number, SIG_DFL)
    }
}

/// A continuation resumed once, by the line or by cancellation, whichever comes first.
private final class LineSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String?, any Error>?
    private var done = false

    func install(_ continuation: CheckedContinuation<String?, any Error>) -> Bool {
        lock.lock()
        if done {
            lock.unlock()
            continuation.resume(throwing: CancellationError())
            return false
        }
        self.continuation = continuation
        lock.unlock()
        return true
    }

    func resume(with result: Result<String?, any Error>) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        done = true
        lock.unlock()
        waiting?.resume(with: result)
    }
}
