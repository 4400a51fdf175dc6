/// A configuration value the library refuses: an endpoint or a user pool id.
///
/// Two values are equal when they have the same kind.
public struct CognitoConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case insecureEndpoint
        case invalidEndpoint
        case invalidUserPoolId
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The endpoint uses plain `http` to a host that is not a loopback address. Plain HTTP would
    /// carry passwords and tokens in the clear; it is allowed only for 127.0.0.0/8, `::1` and
    /// `localhost` (a local emulator).
    public static let insecureEndpoint = CognitoConfigurationError(.insecureEndpoint)

    /// The endpoint is not an absolute `https` or `http` URL with a host.
    public static let invalidEndpoint = CognitoConfigurationError(.invalidEndpoint)

    /// The user pool id is not `<region>_<id>` (letters, digits and `-` before the underscore,
    /// letters and digits after it, at most 55 characters).
    public static let invalidUserPoolId = CognitoConfigurationError(.invalidUserPoolId)

    public static func == (lhs: CognitoConfigurationError, rhs: CognitoConfigurationError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        switch code {
        case .insecureEndpoint:
            "CognitoConfigurationError.insecureEndpoint: plain http is allowed only to a loopback host"
        case .invalidEndpoint:
            "CognitoConfigurationError.invalidEndpoint: the endpoint must be an absolute https URL with a host"
        case .invalidUserPoolId:
            "CognitoConfigurationError.invalidUserPoolId: expected <region>_<id>, e.g. us-east-1_AbC123"
        }
    }
}
