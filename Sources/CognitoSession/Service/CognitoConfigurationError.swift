/// A configuration value the library refuses (an endpoint, a user pool id), or a configuration the
/// service refused (the app client's secret).
///
/// Two values are equal when they have the same kind. None of these means the session is gone:
/// fix the configuration and the same stored tokens work again.
public struct CognitoConfigurationError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case insecureEndpoint, invalidEndpoint, invalidUserPoolId, clientSecretRejected, oauth2ClientRejected
    }

    package let code: Code

    /// The app client concerned, for ``clientSecretRejected``.
    public let clientId: String?

    /// The service's answer, for ``clientSecretRejected``.
    public let serviceError: CognitoServiceError?

    /// The token endpoint's answer, for ``oauth2ClientRejected``.
    public let oauth2Error: CognitoOAuth2Error?

    private init(
        _ code: Code, clientId: String? = nil, serviceError: CognitoServiceError? = nil,
        oauth2Error: CognitoOAuth2Error? = nil
    ) {
        self.code = code
        self.clientId = clientId
        self.serviceError = serviceError
        self.oauth2Error = oauth2Error
    }

    /// The endpoint uses plain `http` to a host that is not a loopback address. Plain HTTP would
    /// carry passwords and tokens in the clear; it is allowed only for 127.0.0.0/8, `::1` and
    /// `localhost` (a local emulator).
    public static let insecureEndpoint = CognitoConfigurationError(.insecureEndpoint)

    /// The endpoint is not an absolute `https` or `http` URL with a host.
    public static let invalidEndpoint = CognitoConfigurationError(.invalidEndpoint)

    /// The user pool id is not `<region>_<id>` (letters, digits and `-` before the underscore,
    /// letters and digits after it, at most 55 characters).
    public static let invalidUserPoolId = CognitoConfigurationError(.invalidUserPoolId)

    /// The service refused the app client's secret: the client has one and none was given, or
    /// the one given is wrong (`NotAuthorizedException` naming the secret or SECRET_HASH). No stored
    /// key was touched; give the pool the client's secret (`clientSecret:`) and try again.
    public static let clientSecretRejected = CognitoConfigurationError(.clientSecretRejected)

    package static func clientSecretRejected(clientId: String, _ error: CognitoServiceError) -> Self {
        Self(.clientSecretRejected, clientId: clientId, serviceError: error)
    }

    /// The pool domain's token endpoint refused the app client: `invalid_client` (an unknown client, or a
    /// secret missing or wrong) or `unauthorized_client` (the app client may not use the grant, e.g. no OAuth
    /// flows are enabled for it). No stored key was touched; fix the app client or its secret and try again.
    public static let oauth2ClientRejected = CognitoConfigurationError(.oauth2ClientRejected)

    /// The configuration error for a refresh answer that ``RefreshAnswer`` calls `misconfiguredClient`.
    package static func clientRejected(clientId: String, by error: any Error) -> Self {
        if let oauth2 = error as? CognitoOAuth2Error {
            return Self(.oauth2ClientRejected, clientId: clientId, oauth2Error: oauth2)
        }
        return clientSecretRejected(clientId: clientId, error as? CognitoServiceError ?? .notAuthorized)
    }

    public var description: String {
        switch code {
        case .insecureEndpoint:
            "CognitoConfigurationError.insecureEndpoint: plain http is allowed only to a loopback host"
        case .invalidEndpoint:
            "CognitoConfigurationError.invalidEndpoint: the endpoint must be an absolute https URL with a host"
        case .invalidUserPoolId:
            "CognitoConfigurationError.invalidUserPoolId: expected <region>_<id>, e.g. us-east-1_AbC123"
        case .clientSecretRejected:
            "CognitoConfigurationError.clientSecretRejected: the service refused the client secret for client "
                + "\(clientId ?? "?")" + (serviceError?.message.map { " (\($0))" } ?? "")
                + "; give the app client's secret as clientSecret; the stored session was kept"
        case .oauth2ClientRejected:
            "CognitoConfigurationError.oauth2ClientRejected: the pool domain's token endpoint refused client "
                + "\(clientId ?? "?")" + (oauth2Error?.error.map { " (\($0))" } ?? "")
                + "; check the app client's secret and its allowed OAuth flows; the stored session was kept"
        }
    }
}

extension CognitoConfigurationError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}

extension CognitoConfigurationError {
    /// The service's exception name, for ``clientSecretRejected``; the OAuth2 `error`, for
    /// ``oauth2ClientRejected``.
    public var serviceExceptionName: String? { serviceError?.name ?? oauth2Error?.error }
}
