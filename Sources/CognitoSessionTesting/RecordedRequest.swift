import Foundation
import HTTPTypes

/// A request ``MockTransport`` received: its operation, head and body.
public struct RecordedRequest: Sendable {
    /// The operation from `X-Amz-Target` (`AWSCognitoIdentityProviderService.<operation>`), or
    /// empty when the header is missing or names another service.
    public let operation: String
    /// The request's path without the query (`/` for the Cognito API, `/oauth2/token` for a pool
    /// domain's token endpoint); empty when the request has none.
    public let path: String
    /// The request head as sent.
    public let request: HTTPRequest
    /// The request body as sent.
    public let body: Data

    /// The body parsed as JSON, or nil if it is not JSON.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }

    init(request: HTTPRequest, body: Data) {
        self.request = request
        self.body = body
        operation = request.cognitoOperationName ?? ""
        path = request.path?.split(separator: "?", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// The body decoded as `type` (dates as epoch seconds).
    public func decodedBody<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: body)
    }
}
