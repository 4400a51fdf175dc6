import Foundation
import HTTPTypes

/// One scripted answer of ``MockTransport``: an HTTP response or a transport error, optionally
/// after a latency.
public struct MockResponse: Sendable {
    /// The response, or the error the transport throws.
    public var result: Result<(HTTPResponse, Data), any Error>
    /// How long to wait before answering.
    public var latency: Duration?

    /// An arbitrary HTTP response.
    public static func http(
        status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: Data = Data()
    ) -> MockResponse {
        MockResponse(result: .success((HTTPResponse(status: status, headerFields: headerFields), body)))
    }

    /// An arbitrary HTTP response with a text body (an HTML error page, plain text, ...).
    public static func http(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: String) -> MockResponse {
        http(status: status, headerFields: headerFields, body: Data(body.utf8))
    }

    /// A JSON 1.1 response with `json` as its body, verbatim.
    public static func json(_ json: String, status: HTTPResponse.Status = .ok) -> MockResponse {
        http(status: status, headerFields: jsonHeaders(), body: Data(json.utf8))
    }

    /// A JSON 1.1 response with `value` encoded as its body (dates as epoch seconds, as the
    /// service sends them).
    public static func json(encoding value: some Encodable, status: HTTPResponse.Status = .ok) throws -> MockResponse {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return http(status: status, headerFields: jsonHeaders(), body: try encoder.encode(value))
    }

    /// An error as the service sends it: `{"__type": "...#<name>", "message": ...}`, status 400
    /// unless given, with an `x-amzn-RequestId`.
    public static func serviceError(
        _ name: String, message: String? = nil, status: HTTPResponse.Status = .badRequest,
        requestID: String = "00000000-0000-4000-8000-000000000000"
    ) -> MockResponse {
        var body: [String: String] = ["__type": "com.amazonaws.cognito.identity.idp.model#\(name)"]
        body["message"] = message
        let data = (try? JSONSerialization.data(withJSONObject: body, options: .sortedKeys)) ?? Data()
        return http(status: status, headerFields: jsonHeaders(requestID: requestID), body: data)
    }

    /// The transport fails with `error` instead of answering (e.g. `HTTPTransportError.timedOut`).
    public static func failure(_ error: any Error) -> MockResponse {
        MockResponse(result: .failure(error))
    }

    /// This response, answered after `latency`.
    public func delayed(by latency: Duration) -> MockResponse {
        var copy = self
        copy.latency = latency
        return copy
    }

    private static func jsonHeaders(requestID: String = "00000000-0000-4000-8000-000000000000") -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-amz-json-1.1"
        if let name = HTTPField.Name("x-amzn-RequestId") { fields[name] = requestID }
        return fields
    }
}

extension MockResponse: CustomStringConvertible {
    public var description: String {
        let answer =
            switch result {
            case .success(let (response, body)): "\(response.status) (\(body.count) bytes)"
            case .failure(let error): "failure(\(error))"
            }
        return latency.map { "\(answer) after \($0)" } ?? answer
    }
}
