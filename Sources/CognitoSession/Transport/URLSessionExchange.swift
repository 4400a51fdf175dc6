import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request in flight through ``URLSessionTransport``: collects the response, enforces the
/// body limit and the deadline, and resumes the caller exactly once.
///
/// Every failure (limit, deadline, cancellation) resumes the caller at once instead of waiting
/// for the task to report completion, so a transfer that ignores `cancel()` cannot hang a call.
final class URLSessionExchange: @unchecked Sendable {
    private typealias Continuation = CheckedContinuation<(HTTPResponse, Data), any Error>

    private let lock = NSLock()
    private let task: URLSessionDataTask
    private let maximumBodySize: Int
    private var continuation: Continuation?
    private var outcome: Result<(HTTPResponse, Data), any Error>?
    private var response: HTTPResponse?
    private var body = Data()

    init(task: URLSessionDataTask, maximumBodySize: Int) {
        self.task = task
        self.maximumBodySize = maximumBodySize
    }

    /// Starts the task, or resumes at once if the exchange already failed (cancelled early).
    func start(_ continuation: CheckedContinuation<(HTTPResponse, Data), any Error>, timeout: Duration) {
        lock.lock()
        if let outcome {
            lock.unlock()
            continuation.resume(with: outcome)
            return
        }
        self.continuation = continuation
        lock.unlock()
        task.resume()
        let seconds = min(max(timeout.timeInterval, 0), 1e9)  // bounded so the conversion cannot trap
        let deadline = DispatchTime.now() + .nanoseconds(Int(clamping: Int64(seconds * 1e9)))
        DispatchQueue.global().asyncAfter(deadline: deadline) { [weak self] in
            self?.fail(HTTPTransportError.timedOut)
        }
    }

    /// Ends the exchange with `error` (if it has not ended) and cancels the task.
    func fail(_ error: any Error) {
        finish(.failure(error))
        task.cancel()
    }

    /// Records the response head; `false` means the announced body is over the limit.
    func receive(_ urlResponse: URLResponse) -> Bool {
        guard let http = urlResponse as? HTTPURLResponse else {
            fail(HTTPTransportError.invalidResponse)
            return false
        }
        if http.expectedContentLength > Int64(maximumBodySize) {
            fail(HTTPTransportError.bodyTooLarge(limit: maximumBodySize))
            return false
        }
        lock.withLock { response = HTTPResponse(http) }
        return true
    }

    /// Appends body bytes; `false` means the body passed the limit and the exchange failed.
    func receive(_ data: Data) -> Bool {
        let withinLimit = lock.withLock {
            guard outcome == nil else { return false }
            guard body.count + data.count <= maximumBodySize else { return false }
            body.append(data)
            return true
        }
        if !withinLimit { fail(HTTPTransportError.bodyTooLarge(limit: maximumBodySize)) }
        return withinLimit
    }

    /// The task finished: deliver the response, or map the platform error.
    func complete(_ error: (any Error)?) {
        if let error {
            finish(.failure(Self.map(error)))
            return
        }
        let head = lock.withLock { response.map { ($0, body) } }
        finish(head.map { .success($0) } ?? .failure(HTTPTransportError.invalidResponse))
    }

    private func finish(_ result: Result<(HTTPResponse, Data), any Error>) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            return
        }
        outcome = result
        body = Data()
        let continuation = self.continuation
        self.continuation = nil
        lock.unlock()
        continuation?.resume(with: result)
    }

    private static func map(_ error: any Error) -> any Error {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            return HTTPTransportError.connectionFailed(underlyingCode: nil)
        }
        switch URLError.Code(rawValue: nsError.code) {
        case .timedOut: return HTTPTransportError.timedOut
        case .cancelled: return CancellationError()
        case .badURL, .unsupportedURL: return HTTPTransportError.invalidRequest(underlyingCode: nsError.code)
        case .badServerResponse, .cannotParseResponse: return HTTPTransportError.invalidResponse
        default: return HTTPTransportError.connectionFailed(underlyingCode: nsError.code)
        }
    }
}

/// The session delegate: routes each task's callbacks to its ``URLSessionExchange``.
final class URLSessionTaskRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: URLSessionExchange] = [:]

    func register(_ exchange: URLSessionExchange, for task: URLSessionTask) {
        lock.withLock { exchanges[task.taskIdentifier] = exchange }
    }

    func remove(_ task: URLSessionTask) {
        _ = lock.withLock { exchanges.removeValue(forKey: task.taskIdentifier) }
    }

    private func exchange(for task: URLSessionTask) -> URLSessionExchange? {
        lock.withLock { exchanges[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let accepted = exchange(for: dataTask)?.receive(response) ?? false
        completionHandler(accepted ? .allow : .cancel)
    }

    /// Redirects are not followed: a redirected POST would carry its secrets to another URL.
    /// The 3xx response itself is returned.
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(for: dataTask) else {
            dataTask.cancel()
            return
        }
        _ = exchange.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchange(for: task)?.complete(error)
        remove(task)
    }
}
