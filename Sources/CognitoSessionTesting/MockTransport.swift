import Foundation
import HTTPTypes

/// A scripted `HTTPTransport` for tests: answers each Cognito operation (by `X-Amz-Target`), and each
/// request to a pool domain's OAuth2 endpoints (by path, e.g. `"/oauth2/token"`), with the responses you
/// queue or a handler you set, and records every request it receives.
///
/// ```swift
/// let transport = MockTransport()
/// await transport.enqueue(.json(#"{"ChallengeName":"PASSWORD_VERIFIER","Session":"s1"}"#), for: "InitiateAuth")
/// await transport.enqueue(.serviceError("NotAuthorizedException", message: "Incorrect username or password."),
///                         for: "RespondToAuthChallenge")
/// await transport.setHandler(for: "GetUser") { request in
///     .json(#"{"Username":"alice","UserAttributes":[]}"#)
/// }
///
/// // ... exercise code that uses `transport` ...
///
/// let sent = await transport.requests(for: "InitiateAuth")
/// #expect(sent.first?.json?["AuthFlow"] == "USER_SRP_AUTH")
/// ```
///
/// Queued responses are used first, in order; then the operation's handler, if any. A request
/// for an operation with neither throws ``UnscriptedOperation``. A response's
/// ``MockResponse/latency`` is waited out through the injected sleeper before it is returned,
/// so cancelling the calling task during that wait throws `CancellationError`.
public actor MockTransport: HTTPTransport {
    /// A request arrived for an operation with no queued response and no handler.
    public struct UnscriptedOperation: Error, Hashable, CustomStringConvertible {
        /// The operation requested; for a request without a Cognito `X-Amz-Target`, its path.
        public let operation: String

        /// Creates the error for `operation`.
        public init(operation: String) { self.operation = operation }

        public var description: String { "MockTransport has no response scripted for \"\(operation)\"" }
    }

    /// Produces the response to one request.
    public typealias Handler = @Sendable (RecordedRequest) async throws -> MockResponse

    private var queues: [String: [MockResponse]] = [:]
    private var handlers: [String: Handler] = [:]
    private var recorded: [RecordedRequest] = []
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a transport with nothing scripted.
    ///
    /// - Parameter sleep: How latency is waited out (`Task.sleep` by default); inject one that
    ///   returns at once to test latency without waiting.
    public init(sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.sleep = sleep
    }

    /// Queues responses for `operation` (e.g. `"InitiateAuth"`, or a path such as `"/oauth2/token"` for requests
    /// without a Cognito target), used one per request, in order. A request without a target takes what is
    /// scripted for its path first, then what is scripted for `""`.
    public func enqueue(_ responses: MockResponse..., for operation: String) {
        queues[operation, default: []].append(contentsOf: responses)
    }

    /// Answers every request for `operation` that finds the queue empty.
    public func setHandler(for operation: String, _ handler: @escaping Handler) {
        handlers[operation] = handler
    }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { recorded }

    /// The requests received for one operation, in order; for a path (`"/oauth2/token"`), the requests without a
    /// Cognito target to that path.
    public func requests(for operation: String) -> [RecordedRequest] {
        recorded.filter { $0.operation == operation || ($0.operation.isEmpty && $0.path == operation) }
    }

    /// Sends one request (see `HTTPTransport/send(_:body:)`).
    public func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        let recordedRequest = RecordedRequest(request: request, body: body)
        recorded.append(recordedRequest)
        let operation = recordedRequest.operation
        let keys = operation.isEmpty ? [recordedRequest.path, ""] : [operation]
        let response: MockResponse
        if let key = keys.first(where: { !(queues[$0]?.isEmpty ?? true) }), var queue = queues[key] {
            response = queue.removeFirst()
            queues[key] = queue
        } else if let handler = keys.lazy.compactMap({ self.handlers[$0] }).first {
            response = try await handler(recordedRequest)
        } else {
            throw UnscriptedOperation(operation: operation.isEmpty ? recordedRequest.path : operation)
        }
        if let latency = response.latency { try await sleep(latency) }
        try Task.checkCancellation()
        return try response.result.get()
    }
}
