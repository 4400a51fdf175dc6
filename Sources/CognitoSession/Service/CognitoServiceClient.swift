import Foundation
import HTTPTypes
import Logging

/// The Cognito user pools JSON 1.1 client: encodes a request, POSTs it through the transport,
/// retries what ``RetryPolicy`` allows, and decodes the response or throws a typed error.
///
/// Errors thrown: ``CognitoServiceError`` (the service said no), ``CognitoResponseError`` (the
/// answer was not a service response), ``HTTPTransportError`` or the transport's own errors,
/// and `CancellationError`.
///
/// The optional logger gets one debug line per attempt: operation, HTTP status, duration and
/// attempt number, or the error's kind. Request and response bodies and headers are never
/// logged: they carry passwords, tokens, SECRET_HASH and SRP values.
package struct CognitoServiceClient: Sendable {
    /// Waits for a duration; tests inject one that records the waits and returns at once.
    package typealias Sleeper = @Sendable (Duration) async throws -> Void

    package let endpoint: ServiceEndpoint
    package let transport: any HTTPTransport
    package let retryPolicy: RetryPolicy
    package let logger: Logger?
    package let userAgent: String
    private let sleep: Sleeper
    private let unitRandom: @Sendable () -> Double

    /// - Parameters:
    ///   - sleep: How to wait between attempts (`Task.sleep` by default).
    ///   - unitRandom: The jitter source, a value in 0...1 (`Double.random` by default).
    package init(
        endpoint: ServiceEndpoint,
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = .default,
        logger: Logger? = nil,
        userAgent: String = CognitoSessionVersion.userAgent,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.userAgent = userAgent
        self.sleep = sleep
        self.unitRandom = unitRandom
    }

    /// Sends `request` to its operation and returns the decoded response.
    package func send<Request: CognitoRequest>(_ request: Request) async throws -> Request.Response {
        try await call(Request.operation, request)
    }

    /// Sends any encodable body to `operation` and decodes the response as `Response`.
    package func call<Request: Encodable & Sendable, Response: Decodable & Sendable>(
        _ operation: CognitoOperation, _ request: Request, as _: Response.Type = Response.self
    ) async throws -> Response {
        let body = try Self.encoder.encode(request)
        let head = httpRequest(for: operation)
        var attempt = 1
        var waited = Duration.zero
        while true {
            try Task.checkCancellation()
            let started = ContinuousClock.now
            do {
                let (response, data) = try await transport.send(head, body: body)
                let result: Response
                do { result = try Self.interpret(response, data, operation: operation) } catch let error
                    as CognitoServiceError
                {
                    throw error.redactingSecrets(sentIn: body)
                }
                log(operation, attempt: attempt, since: started, status: response.status.code)
                return result
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                log(operation, attempt: attempt, since: started, error: error)
                guard attempt < retryPolicy.maxAttempts, Self.isRetryable(error, for: operation) else { throw error }
                let delay = retryPolicy.delay(beforeRetry: attempt, unitRandom: unitRandom())
                guard waited + delay <= retryPolicy.maxTotalDelay else { throw error }
                try await sleep(delay)
                waited += delay
                attempt += 1
            }
        }
    }

    /// The request head: POST to the endpoint with the JSON 1.1 headers.
    package func httpRequest(for operation: CognitoOperation) -> HTTPRequest {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-amz-json-1.1"
        fields[.amzTarget] = operation.target
        fields[.userAgent] = userAgent
        fields[.amzUserAgent] = userAgent
        fields[.cacheControl] = "no-store"
        return HTTPRequest(
            method: .post, scheme: endpoint.scheme, authority: endpoint.authority, path: endpoint.path,
            headerFields: fields)
    }

    /// Whether `error` may be retried for `operation` (see ``RetryPolicy``).
    package static func isRetryable(_ error: any Error, for operation: CognitoOperation) -> Bool {
        switch error {
        case let error as CognitoServiceError: error.isRetryable
        case let error as CognitoResponseError:
            error.statusCode == 429 || (error.isServerFailure && operation.isIdempotent)
        case let error as HTTPTransportError: error.isTransient && operation.isIdempotent
        default: false
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private func log(
        _ operation: CognitoOperation, attempt: Int, since started: ContinuousClock.Instant,
        status: Int? = nil, error: (any Error)? = nil
    ) {
        guard let logger else { return }
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "cognito.operation": "\(operation.name)",
            "cognito.attempt": "\(attempt)",
            "cognito.duration_ms":
                "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ]
        if let status { metadata["cognito.status"] = "\(status)" }
        if let error { metadata["cognito.error"] = "\(Self.loggableKind(of: error))" }
        logger.debug(error == nil ? "Cognito request succeeded" : "Cognito request failed", metadata: metadata)
    }

    /// The error's kind and status; for errors of unknown types only the type name, since their
    /// descriptions are not known to be free of secrets.
    private static func loggableKind(of error: any Error) -> String {
        switch error {
        case let error as CognitoServiceError: "\(error.name) (HTTP \(error.statusCode ?? 0))"
        case let error as CognitoResponseError: error.description
        case let error as HTTPTransportError: error.description
        default: String(describing: type(of: error))
        }
    }
}

extension HTTPField.Name {
    static let amzUserAgent = HTTPField.Name("X-Amz-User-Agent")!
    static let amzRequestID = HTTPField.Name("x-amzn-RequestId")!
    static let amzErrorType = HTTPField.Name("x-amzn-ErrorType")!
}
