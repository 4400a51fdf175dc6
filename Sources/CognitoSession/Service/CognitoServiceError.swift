/// An error the Cognito service returned: its exception name, message, HTTP status and request id.
///
/// Two values are equal when their ``name``s are equal, so a thrown error compares against the
/// constants below:
///
/// ```swift
/// do { try await user.changePassword(oldPassword: old, newPassword: new) }
/// catch let error as CognitoServiceError where error == .notAuthorized { ... }
/// ```
///
/// The message is the service's own text, which never echoes the request's secrets, and is safe
/// to show. The name comes from the body's `__type` (the part after the last `#`) or `code`, or
/// else from the `x-amzn-ErrorType` header.
public struct CognitoServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exception name, e.g. `NotAuthorizedException`.
    public let name: String
    /// The service's message, e.g. `Incorrect username or password.`
    public let message: String?
    /// The HTTP status of the response (nil on the constants).
    public let statusCode: Int?
    /// The `x-amzn-RequestId` of the response, for AWS support (nil on the constants).
    public let requestID: String?

    /// Creates an error; the library builds these from responses, tests and doubles may too.
    public init(name: String, message: String? = nil, statusCode: Int? = nil, requestID: String? = nil) {
        self.name = name
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
    }

    /// Whether the service refused the request for load, not for its content, so the same
    /// request may succeed later: `TooManyRequestsException`, `ThrottlingException`, HTTP 429,
    /// and any 5xx (`InternalErrorException`, `ServiceUnavailable`).
    ///
    /// `LimitExceededException` is not retryable: Cognito uses it for per-user limits ("Attempt
    /// limit exceeded, please try after some time") whose windows are minutes long, so retrying
    /// within seconds only spends more of the limit.
    public var isRetryable: Bool {
        Self.throttlingNames.contains(name) || statusCode == 429 || (statusCode ?? 0) >= 500
    }

    private static let throttlingNames: Set<String> = ["TooManyRequestsException", "ThrottlingException"]

    public static func == (lhs: CognitoServiceError, rhs: CognitoServiceError) -> Bool { lhs.name == rhs.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// `NotAuthorizedException: Incorrect username or password. (HTTP 400, request id 1f2e...)`
    public var description: String {
        var text = name
        if let message, !message.isEmpty { text += ": \(message)" }
        let details = [statusCode.map { "HTTP \($0)" }, requestID.map { "request id \($0)" }].compactMap { $0 }
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        return text
    }
}

extension CognitoServiceError {
    /// Wrong password, expired or revoked token, disabled user, or an operation not allowed.
    public static let notAuthorized = CognitoServiceError(name: "NotAuthorizedException")
    /// No such user.
    public static let userNotFound = CognitoServiceError(name: "UserNotFoundException")
    /// The user has not confirmed their sign-up.
    public static let userNotConfirmed = CognitoServiceError(name: "UserNotConfirmedException")
    /// An administrator reset the password; the user must run the forgot-password flow.
    public static let passwordResetRequired = CognitoServiceError(name: "PasswordResetRequiredException")
    /// The confirmation or MFA code is wrong.
    public static let codeMismatch = CognitoServiceError(name: "CodeMismatchException")
    /// The code has expired.
    public static let expiredCode = CognitoServiceError(name: "ExpiredCodeException")
    /// Too many requests: throttled; retried automatically.
    public static let tooManyRequests = CognitoServiceError(name: "TooManyRequestsException")
    /// Request throttling by the AWS front end; retried automatically.
    public static let throttling = CognitoServiceError(name: "ThrottlingException")
    /// A per-user or per-resource limit was reached ("Attempt limit exceeded").
    public static let limitExceeded = CognitoServiceError(name: "LimitExceededException")
    /// A parameter was missing or invalid.
    public static let invalidParameter = CognitoServiceError(name: "InvalidParameterException")
    /// The user pool, client or device does not exist.
    public static let resourceNotFound = CognitoServiceError(name: "ResourceNotFoundException")
    /// A rotated refresh token was used again after its grace period.
    public static let refreshTokenReuse = CognitoServiceError(name: "RefreshTokenReuseException")
    /// Too many failed attempts for this user.
    public static let tooManyFailedAttempts = CognitoServiceError(name: "TooManyFailedAttemptsException")
    /// The username is already taken.
    public static let usernameExists = CognitoServiceError(name: "UsernameExistsException")
    /// The password does not meet the pool's policy.
    public static let invalidPassword = CognitoServiceError(name: "InvalidPasswordException")
    /// An email or phone number is already used as an alias by another user.
    public static let aliasExists = CognitoServiceError(name: "AliasExistsException")
    /// The service failed internally; retried automatically.
    public static let internalError = CognitoServiceError(name: "InternalErrorException")
    /// A code could not be delivered by SMS or email.
    public static let codeDeliveryFailure = CognitoServiceError(name: "CodeDeliveryFailureException")
    /// The user has no TOTP software token set up.
    public static let softwareTokenMFANotFound = CognitoServiceError(name: "SoftwareTokenMFANotFoundException")
    /// TOTP MFA must be enabled to do this.
    public static let enableSoftwareTokenMFA = CognitoServiceError(name: "EnableSoftwareTokenMFAException")
    /// AWS WAF blocked the request.
    public static let forbidden = CognitoServiceError(name: "ForbiddenException")
    /// The operation is not supported for this pool or user.
    public static let unsupportedOperation = CognitoServiceError(name: "UnsupportedOperationException")
    /// The pool is misconfigured for this operation (e.g. an auth flow not enabled).
    public static let invalidUserPoolConfiguration = CognitoServiceError(name: "InvalidUserPoolConfigurationException")
    /// A Lambda trigger returned an error.
    public static let userLambdaValidation = CognitoServiceError(name: "UserLambdaValidationException")
    /// A Lambda trigger failed or timed out.
    public static let unexpectedLambda = CognitoServiceError(name: "UnexpectedLambdaException")
    /// The pool's SMS role is misconfigured.
    public static let invalidSmsRoleAccessPolicy = CognitoServiceError(name: "InvalidSmsRoleAccessPolicyException")
}

extension CognitoServiceError: CognitoSessionError {
    /// The exception name, e.g. `NotAuthorizedException`.
    public var serviceExceptionName: String? { name }
}
