import Foundation
import HTTPTypes

/// Sends one HTTP request and returns the response: the only way the library reaches the network.
///
/// Modelled on swift-openapi-runtime's `ClientTransport`, over swift-http-types values. The
/// library ships ``URLSessionTransport``; `CognitoSessionTesting` ships `MockTransport`, a
/// scripted double for tests; any other client (AsyncHTTPClient, a recording proxy) can conform.
///
/// ```swift
/// struct Recording: HTTPTransport {
///     let base: any HTTPTransport
///     func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
///         print(request.method, request.path ?? "/")   // never print the body: it holds secrets
///         return try await base.send(request, body: body)
///     }
/// }
/// ```
///
/// A conforming type should throw ``HTTPTransportError/timedOut`` or
/// ``HTTPTransportError/connectionFailed`` when the exchange failed before a response arrived:
/// the service client retries those (for operations that are safe to repeat) and no other
/// transport error. It should throw `CancellationError` when the calling task is cancelled.
public protocol HTTPTransport: Sendable {
    /// Sends `request` with `body` and returns the response head and the whole response body.
    ///
    /// Any HTTP status is a response, not an error: the caller interprets 4xx and 5xx.
    func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data)
}
