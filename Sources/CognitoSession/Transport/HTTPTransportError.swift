/// A failure to complete an HTTP exchange: no usable response was received.
///
/// Two values are equal when they have the same kind; ``limit`` and ``underlyingCode`` are
/// diagnostic only. Nothing from the request or the response body is kept.
public struct HTTPTransportError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case timedOut, bodyTooLarge, connectionFailed, invalidRequest, invalidResponse, unsupportedHost
    }

    package let code: Code

    /// For ``bodyTooLarge``: the largest response body, in bytes, the transport accepts.
    public let limit: Int?

    /// The platform's error code (an `URLError` code for ``URLSessionTransport``), if any.
    public let underlyingCode: Int?

    private init(_ code: Code, limit: Int? = nil, underlyingCode: Int? = nil) {
        self.code = code
        self.limit = limit
        self.underlyingCode = underlyingCode
    }

    /// No complete response arrived within the request timeout.
    public static let timedOut = HTTPTransportError(.timedOut)

    /// The response body was larger than the transport accepts; it was not read to the end.
    public static let bodyTooLarge = HTTPTransportError(.bodyTooLarge)

    /// The connection could not be made or was lost before the response was complete.
    public static let connectionFailed = HTTPTransportError(.connectionFailed)

    /// The request could not be sent as given (for example, its URL is malformed).
    public static let invalidRequest = HTTPTransportError(.invalidRequest)

    /// The peer's answer was not an HTTP response.
    public static let invalidResponse = HTTPTransportError(.invalidResponse)

    /// The transport cannot reach this kind of host: ``URLSessionTransport`` on Linux refuses an IPv6
    /// literal such as `[::1]`, which FoundationNetworking's URLSession fails to connect to
    /// (swift-corelibs-foundation#5496). Use `127.0.0.1`, `localhost`, or another transport.
    public static let unsupportedHost = HTTPTransportError(.unsupportedHost)

    /// A ``bodyTooLarge`` error naming the limit that was exceeded.
    public static func bodyTooLarge(limit: Int) -> HTTPTransportError {
        HTTPTransportError(.bodyTooLarge, limit: limit)
    }

    /// A ``connectionFailed`` error carrying the platform's error code.
    public static func connectionFailed(underlyingCode: Int?) -> HTTPTransportError {
        HTTPTransportError(.connectionFailed, underlyingCode: underlyingCode)
    }

    /// An ``invalidRequest`` error carrying the platform's error code.
    public static func invalidRequest(underlyingCode: Int?) -> HTTPTransportError {
        HTTPTransportError(.invalidRequest, underlyingCode: underlyingCode)
    }

    /// Whether the failure is worth another attempt (a timeout or a failed connection).
    public var isTransient: Bool { code == .timedOut || code == .connectionFailed }

    public var description: String {
        let suffix = underlyingCode.map { " (code \($0))" } ?? ""
        switch code {
        case .timedOut: return "HTTPTransportError.timedOut: no response within the request timeout"
        case .bodyTooLarge:
            let bound = limit.map { " of \($0) bytes" } ?? ""
            return "HTTPTransportError.bodyTooLarge: response body exceeds the limit\(bound)"
        case .connectionFailed: return "HTTPTransportError.connectionFailed: connection failed or was lost" + suffix
        case .invalidRequest: return "HTTPTransportError.invalidRequest: the request cannot be sent" + suffix
        case .invalidResponse: return "HTTPTransportError.invalidResponse: the answer was not an HTTP response"
        case .unsupportedHost:
            return "HTTPTransportError.unsupportedHost: URLSession on Linux cannot reach an IPv6 literal host; "
                + "use 127.0.0.1 or localhost"
        }
    }
}

extension HTTPTransportError {
    /// Whether the failure may pass: a timeout or a failed connection (see ``isTransient``).
    public var isRetryable: Bool { isTransient }
}
