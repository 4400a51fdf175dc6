/// A configuration value the library refuses (an endpoint, a user pool id), or a configuration the
/// service refused (the app client's secret).
///
/// Two values are equal when they have the same kind. None of these means the session is gone:
/// fix the configuration and the same stored tokens work again.
public struct CognitoConfigurationError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case insecureEndpoint, invalidEndpoint, invalidUserPoolId, clientSecretRejected
    }

    package let code: Code

    /// The app client concerned, for ``clientSecretRejected``.
    public let clientId: String?

    /// The service's answer, for ``clientSecretRejected``.
    public let serviceError: CognitoServiceError?

    private init(_ code: Code, clientId: String? = nil, serviceError: CognitoServiceError? = nil) {
        self.code = code
        self.clientId = clientId
        self.serviceError = serviceError
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
        }
    }
}

extension CognitoConfigurationError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}

extension CognitoConfigurationError {
    /// The service's exception name, for ``clientSecretRejected``.
    public var serviceExceptionName: String? { serviceError?.name }
}
