/// A refusal from the pool domain's OAuth2 endpoints (`{"error": "...", "error_description": "..."}`), an answer
/// that is not one, or a check of ``CognitoOAuth2Client`` that failed before or after a request.
///
/// Two values are equal when they have the same kind; for a server answer the kind is its `error` code.
/// Descriptions never hold a code, verifier, secret or token.
public struct CognitoOAuth2Error: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case response(String)
        case unexpectedResponse, stateMismatch, nonceMismatch, audienceMismatch, unusableTokens
    }

    package let code: Code
    /// The OAuth2 `error` code (e.g. `invalid_grant`) when the server answered with one.
    public let error: String?
    /// The server's `error_description`, when it gave one.
    public let errorDescription: String?
    /// The HTTP status of the answer, when there was one.
    public let statusCode: Int?

    private init(_ code: Code, error: String? = nil, errorDescription: String? = nil, statusCode: Int? = nil) {
        self.code = code
        self.error = error
        self.errorDescription = errorDescription
        self.statusCode = statusCode
    }

    /// The server's OAuth2 error answer.
    package static func response(error: String, description: String?, statusCode: Int?) -> CognitoOAuth2Error {
        .init(.response(error), error: error, errorDescription: description, statusCode: statusCode)
    }

    /// An answer that was neither a success nor an OAuth2 error (a proxy's page, malformed JSON).
    package static func unexpectedResponse(statusCode: Int) -> CognitoOAuth2Error {
        .init(.unexpectedResponse, statusCode: statusCode)
    }

    /// `invalid_grant`: the code, or the refresh token, is expired, used or revoked. Terminal: sign in again.
    public static let invalidGrant = response(error: "invalid_grant", description: nil, statusCode: nil)
    /// `invalid_client`: the client id or secret was refused. A configuration error.
    public static let invalidClient = response(error: "invalid_client", description: nil, statusCode: nil)
    /// `unauthorized_client`: the app client may not use this grant. A configuration error.
    public static let unauthorizedClient = response(error: "unauthorized_client", description: nil, statusCode: nil)
    /// `invalid_scope`: a scope asked for is not allowed for the app client.
    public static let invalidScope = response(error: "invalid_scope", description: nil, statusCode: nil)
    /// `invalid_request`: a parameter is missing or malformed.
    public static let invalidRequest = response(error: "invalid_request", description: nil, statusCode: nil)
    /// `unsupported_grant_type`.
    public static let unsupportedGrantType = response(
        error: "unsupported_grant_type", description: nil, statusCode: nil)
    /// An answer that was neither a success nor an OAuth2 error; ``statusCode`` says what came.
    public static let unexpectedResponse = CognitoOAuth2Error(.unexpectedResponse)
    /// The `state` on the redirect is not the one this authorization made: refused before any request.
    public static let stateMismatch = CognitoOAuth2Error(.stateMismatch)
    /// The ID token's `nonce` is not the one this authorization sent: nothing is returned.
    public static let nonceMismatch = CognitoOAuth2Error(.nonceMismatch)
    /// The ID token's `aud` is not this app client.
    public static let audienceMismatch = CognitoOAuth2Error(.audienceMismatch)
    /// The tokens in the answer are missing or cannot be decoded (an ID token needs the `openid` scope).
    public static let unusableTokens = CognitoOAuth2Error(.unusableTokens)

    /// `invalid_grant`: the grant (a refresh token, a code) is dead; clear it and sign in again.
    public var isTerminal: Bool { error == "invalid_grant" }

    /// `invalid_client` or `unauthorized_client`: the app client's id, secret or allowed flows are wrong;
    /// nothing should be cleared.
    public var isConfigurationError: Bool { error == "invalid_client" || error == "unauthorized_client" }

    /// Throttling (429), a 5xx, or `temporarily_unavailable` / `server_error`.
    public var isRetryable: Bool {
        if let statusCode, statusCode == 429 || statusCode >= 500 { return true }
        return error == "temporarily_unavailable" || error == "server_error"
    }

    /// The OAuth2 `error` code, when the server answered with one.
    public var serviceExceptionName: String? { error }

    public var description: String {
        let status = statusCode.map { " (HTTP \($0))" } ?? ""
        switch code {
        case .response(let error):
            return "CognitoOAuth2Error.\(error)" + (errorDescription.map { ": \($0)" } ?? "") + status
        case .unexpectedResponse:
            return "CognitoOAuth2Error.unexpectedResponse: not an OAuth2 answer" + status
        case .stateMismatch:
            return
                "CognitoOAuth2Error.stateMismatch: the redirect's state is not this authorization's; nothing was sent"
        case .nonceMismatch:
            return "CognitoOAuth2Error.nonceMismatch: the ID token's nonce is not this authorization's"
        case .audienceMismatch:
            return "CognitoOAuth2Error.audienceMismatch: the ID token was issued to another app client"
        case .unusableTokens:
            return "CognitoOAuth2Error.unusableTokens: the answer's tokens are missing or cannot be decoded"
        }
    }
}
