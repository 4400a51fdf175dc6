/// A response that is not what the Cognito service sends: empty, not JSON, an HTML page from a
/// proxy, or JSON of the wrong shape.
///
/// Two values are equal when they have the same kind. The body is never kept: it may hold
/// tokens. For ``unexpectedShape`` the error names the JSON path that failed to decode.
public struct CognitoResponseError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case emptyBody, notJSON, htmlErrorPage, unexpectedShape
    }

    package let code: Code

    /// The operation whose response this was (empty on the constants).
    public let operation: String
    /// The HTTP status of the response (0 on the constants).
    public let statusCode: Int
    /// For ``unexpectedShape``: where decoding failed, e.g. `AuthenticationResult.ExpiresIn`,
    /// and why (a type or key problem, never a value).
    public let detail: String?

    private init(_ code: Code, operation: String = "", statusCode: Int = 0, detail: String? = nil) {
        self.code = code
        self.operation = operation
        self.statusCode = statusCode
        self.detail = detail
    }

    /// The response had no body.
    public static let emptyBody = CognitoResponseError(.emptyBody)
    /// The body was not JSON.
    public static let notJSON = CognitoResponseError(.notJSON)
    /// The body was an HTML page, typically an error page from a proxy or load balancer.
    public static let htmlErrorPage = CognitoResponseError(.htmlErrorPage)
    /// The body was JSON but not of the shape the operation returns.
    public static let unexpectedShape = CognitoResponseError(.unexpectedShape)

    /// A copy of this kind of error for a given response.
    package func with(operation: String, statusCode: Int, detail: String? = nil) -> CognitoResponseError {
        CognitoResponseError(code, operation: operation, statusCode: statusCode, detail: detail)
    }

    /// Whether the status says the request was refused for load (429) or failed upstream (5xx).
    package var isServerFailure: Bool { statusCode == 429 || statusCode >= 500 }

    public var description: String {
        let kind =
            switch code {
            case .emptyBody: "emptyBody: the response had no body"
            case .notJSON: "notJSON: the response body is not JSON"
            case .htmlErrorPage: "htmlErrorPage: the response is an HTML page, not a service response"
            case .unexpectedShape: "unexpectedShape: the response JSON does not have the expected shape"
            }
        var text = "CognitoResponseError.\(kind)"
        if !operation.isEmpty { text += " (\(operation), HTTP \(statusCode))" }
        if let detail { text += " at \(detail)" }
        return text
    }
}

extension CognitoResponseError {
    /// Whether the answer came from a front end under load (HTTP 429 or a 5xx page): the same
    /// request may succeed later.
    public var isRetryable: Bool { isServerFailure }
}
