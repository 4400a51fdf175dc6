/// A refusal from the SRP computation: the server's values would make the protocol unsafe, or a
/// challenge parameter could not be read. No value from the exchange is ever included.
public struct SRPError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case serverValueIsZero, scramblingParameterIsZero, clientValueIsZero, malformedChallengeParameter
    }

    package let code: Code

    /// For ``malformedChallengeParameter(_:)``: the name of the parameter (never its value).
    public let parameter: String?

    private init(_ code: Code, parameter: String? = nil) {
        self.code = code
        self.parameter = parameter
    }

    /// The server's `SRP_B` is 0 modulo N; continuing would let anyone pass the check.
    public static let serverValueIsZero = SRPError(.serverValueIsZero)

    /// The scrambling parameter u = H(A | B) is zero.
    public static let scramblingParameterIsZero = SRPError(.scramblingParameterIsZero)

    /// The client's public value A is 0 modulo N (cannot happen with a proper random `a`).
    public static let clientValueIsZero = SRPError(.clientValueIsZero)

    /// A challenge parameter (`SRP_B`, `SALT`, `SECRET_BLOCK`, ...) was missing or malformed.
    public static func malformedChallengeParameter(_ name: String) -> SRPError {
        SRPError(.malformedChallengeParameter, parameter: name)
    }

    public var description: String {
        switch code {
        case .serverValueIsZero: "SRPError.serverValueIsZero: SRP_B is 0 modulo N"
        case .scramblingParameterIsZero: "SRPError.scramblingParameterIsZero: u is 0"
        case .clientValueIsZero: "SRPError.clientValueIsZero: A is 0 modulo N"
        case .malformedChallengeParameter:
            "SRPError.malformedChallengeParameter: \(parameter ?? "a parameter") is missing or malformed"
        }
    }
}

extension SRPError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}
