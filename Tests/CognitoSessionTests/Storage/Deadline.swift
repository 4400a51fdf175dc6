import Synchronization

/// Runs `operation` in a task of its own and returns its outcome, or nil when it has not
/// finished within `seconds` — so a call that hangs fails its test instead of hanging the
/// suite. The bound is generous; the test does not wait for it unless the call hangs.
func outcome<T: Sendable>(
    within seconds: Int, of operation: @escaping @Sendable () async throws -> T
) async -> Result<T, any Error>? {
    await withCheckedContinuation { continuation in
        let first = FirstResume(continuation)
        let timer = Task {
            try await Task.sleep(for: .seconds(seconds))
            first.resume(nil)
        }
        Task {
            do { first.resume(.success(try await operation())) } catch { first.resume(.failure(error)) }
            timer.cancel()
        }
    }
}

/// Resumes a continuation with the first value given, ignoring the rest.
private final class FirstResume<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Result<T, any Error>?, Never>?>

    init(_ continuation: CheckedContinuation<Result<T, any Error>?, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Result<T, any Error>?) {
        let taken = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        taken?.resume(returning: value)
    }
}
