import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An ``HTTPTransport`` over Foundation's `URLSession`; works on Linux through FoundationNetworking.
///
/// - A request that has no complete response within ``requestTimeout`` fails with
///   ``HTTPTransportError/timedOut``. The timeout covers the whole exchange, so a server that
///   trickles bytes cannot hold a call open forever.
/// - A response body larger than ``maximumResponseBodySize`` fails with
///   ``HTTPTransportError/bodyTooLarge``: refused at once when `Content-Length` announces it,
///   otherwise as soon as the bytes received pass the limit. The rest is never buffered.
/// - Cancelling the calling task cancels the underlying `URLSessionTask` and throws
///   `CancellationError`.
/// - Redirects are not followed (a redirected request would carry its body, with passwords or
///   tokens, to another URL); the 3xx response is returned as is.
///
/// Enforcing the body limit while the body streams in needs a session delegate, and
/// FoundationNetworking does not deliver per-task delegate callbacks, so the transport makes
/// its own session from the given session's `configuration` (proxies, TLS settings, cookie and
/// cache policy carry over); the given session's delegate is not consulted.
public struct URLSessionTransport: HTTPTransport {
    private let box: SessionBox

    /// The longest a single request may take, from sending to the last byte of the response.
    public let requestTimeout: Duration

    /// The largest response body, in bytes, that the transport accepts.
    public let maximumResponseBodySize: Int

    /// Creates a transport.
    ///
    /// - Parameters:
    ///   - session: The session whose configuration requests use (`.shared` by default).
    ///   - requestTimeout: The longest one request may take (30 seconds by default).
    ///   - maximumResponseBodySize: The largest response body accepted, in bytes (1 MiB by
    ///     default; Cognito responses are a few kilobytes).
    public init(
        session: URLSession = .shared,
        requestTimeout: Duration = .seconds(30),
        maximumResponseBodySize: Int = 1 << 20
    ) {
        self.init(
            configuration: session.configuration, requestTimeout: requestTimeout,
            maximumResponseBodySize: maximumResponseBodySize)
    }

    /// Creates a transport whose requests use `configuration` (proxies, TLS, connection limits).
    ///
    /// - Parameters:
    ///   - configuration: The session configuration; the transport makes its own session from it.
    ///   - requestTimeout: The longest one request may take (30 seconds by default).
    ///   - maximumResponseBodySize: The largest response body accepted, in bytes (1 MiB by default).
    public init(
        configuration: URLSessionConfiguration,
        requestTimeout: Duration = .seconds(30),
        maximumResponseBodySize: Int = 1 << 20
    ) {
        self.box = SessionBox(configuration: configuration)
        self.requestTimeout = requestTimeout
        self.maximumResponseBodySize = maximumResponseBodySize
    }

    /// Sends one request (see ``HTTPTransport/send(_:body:)``).
    public func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        try Task.checkCancellation()
        #if os(Linux)
            // FoundationNetworking fails every request to an IPv6 literal (swift-corelibs-foundation#5496).
            if request.authority?.hasPrefix("[") == true { throw HTTPTransportError.unsupportedHost }
        #endif
        let urlRequest = try URLRequest(request, body: body, timeout: requestTimeout)
        let task = box.session.dataTask(with: urlRequest)
        let exchange = URLSessionExchange(task: task, maximumBodySize: maximumResponseBodySize)
        box.router.register(exchange, for: task)
        defer { box.router.remove(task) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                exchange.start(continuation, timeout: requestTimeout)
            }
        } onCancel: {
            exchange.fail(CancellationError())
        }
    }
}

/// Owns the delegate-backed session and invalidates it when the last transport copy goes away.
private final class SessionBox: Sendable {
    let router = URLSessionTaskRouter()
    let session: URLSession

    init(configuration: URLSessionConfiguration) {
        session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }
}

extension URLRequest {
    /// Builds the Foundation request for a swift-http-types request.
    fileprivate init(_ request: HTTPRequest, body: Data, timeout: Duration) throws {
        guard let scheme = request.scheme, let authority = request.authority,
            let url = URL(string: "\(scheme)://\(authority)\(request.path ?? "/")")
        else { throw HTTPTransportError.invalidRequest }
        self.init(url: url)
        httpMethod = request.method.rawValue
        timeoutInterval = timeout.timeInterval
        for field in request.headerFields {
            addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if !body.isEmpty { httpBody = body }
    }
}

extension HTTPResponse {
    /// Converts Foundation's response head; header fields that are not valid HTTP are dropped.
    init(_ response: HTTPURLResponse) {
        var fields = HTTPFields()
        for (key, value) in response.allHeaderFields {
            guard let key = key as? String, let name = HTTPField.Name(key), let value = value as? String
            else { continue }
            fields.append(HTTPField(name: name, value: value))
        }
        self.init(status: .init(code: response.statusCode), headerFields: fields)
    }
}

extension Duration {
    /// The duration in seconds, as Foundation measures time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
