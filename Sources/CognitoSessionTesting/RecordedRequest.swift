import Foundation
import HTTPTypes

/// A request ``MockTransport`` received: its operation, head and body.
public struct RecordedRequest: Sendable {
    /// The operation from `X-Amz-Target` (`AWSCognitoIdentityProviderService.<operation>`); for a
    /// request without that header, such as those to a pool domain's OAuth2 endpoints, its path
    /// without the query (`/oauth2/token`); empty when there is neither.
    public let operation: String
    /// The request head as sent.
    public let request: HTTPRequest
    /// The request body as sent.
    public let body: Data

    /// The body parsed as JSON, or nil if it is not JSON.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }

    init(request: HTTPRequest, body: Data) {
        self.request = request
        self.body = body
        let path = request.path?.split(separator: "?", omittingEmptySubsequences: false).first.map(String.init)
        operation = request.cognitoOperationName ?? path ?? ""
    }

    /// The body decoded as `type` (dates as epoch seconds).
    public func decodedBody<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: body)
    }
}
