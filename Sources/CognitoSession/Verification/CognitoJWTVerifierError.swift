/// Why ``CognitoJWTVerifier`` refused a token, or could not load a pool's keys.
///
/// Two values are equal when they have the same kind; ``detail`` is diagnostic: it names the claim,
/// the requirement or the HTTP status concerned, and never holds the token or any part of it.
public struct CognitoJWTVerifierError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case tokenTooLarge, malformedToken, unsupportedAlgorithm, missingKeyID, unknownKeyID, invalidSignature
        case issuerMismatch, tokenUseMismatch, clientMismatch, expired, notYetValid, issuedInFuture
        case missingScope, missingGroup, customCheckFailed, jwksFetchFailed, malformedJWKS, invalidConfiguration
    }

    package let code: Code
    /// What failed: the claim, requirement, segment or status concerned (never the token).
    public let detail: String?
    /// For ``jwksFetchFailed``: whether the fetch may succeed later (a timeout, a 5xx, a 429).
    private let retryable: Bool

    private init(_ code: Code, _ detail: String? = nil, retryable: Bool = false) {
        self.code = code
        self.detail = detail
        self.retryable = retryable
    }

    /// The token is longer than the 32 KiB a Cognito token can be; nothing of it was parsed.
    public static let tokenTooLarge = CognitoJWTVerifierError(.tokenTooLarge)
    /// The token is not three base64url segments whose header and payload are JSON objects.
    public static let malformedToken = CognitoJWTVerifierError(.malformedToken)
    /// The header's `alg` is not `RS256` (`none`, `HS256`, ...): refused before any key is used.
    public static let unsupportedAlgorithm = CognitoJWTVerifierError(.unsupportedAlgorithm)
    /// The header has no `kid`.
    public static let missingKeyID = CognitoJWTVerifierError(.missingKeyID)
    /// The pool's JWKS has no usable RS256 signing key with the header's `kid` (after at most one refetch
    /// per cooldown).
    public static let unknownKeyID = CognitoJWTVerifierError(.unknownKeyID)
    /// The RS256 signature does not verify with the pool's key: the token was altered or signed by another key.
    public static let invalidSignature = CognitoJWTVerifierError(.invalidSignature)
    /// `iss` is not the issuer of any configured pool.
    public static let issuerMismatch = CognitoJWTVerifierError(.issuerMismatch)
    /// `token_use` is missing or not the one required (`id` or `access`).
    public static let tokenUseMismatch = CognitoJWTVerifierError(.tokenUseMismatch)
    /// The client id (`aud` of an ID token, `client_id` of an access token) is missing or not allowed.
    public static let clientMismatch = CognitoJWTVerifierError(.clientMismatch)
    /// `exp` is missing, not a number, or past (leeway applied).
    public static let expired = CognitoJWTVerifierError(.expired)
    /// `nbf` is in the future (leeway applied), or not a number.
    public static let notYetValid = CognitoJWTVerifierError(.notYetValid)
    /// `iat` is in the future (leeway applied), or not a number.
    public static let issuedInFuture = CognitoJWTVerifierError(.issuedInFuture)
    /// The token lacks a required scope; ``detail`` names the requirement.
    public static let missingScope = CognitoJWTVerifierError(.missingScope)
    /// The token lacks a required group (`cognito:groups`); ``detail`` names the requirement.
    public static let missingGroup = CognitoJWTVerifierError(.missingGroup)
    /// The custom check refused the claims; ``detail`` is its error's description.
    public static let customCheckFailed = CognitoJWTVerifierError(.customCheckFailed)
    /// The JWKS could not be fetched (transport failure or a non-200 status); ``detail`` says which.
    public static let jwksFetchFailed = CognitoJWTVerifierError(.jwksFetchFailed)
    /// The JWKS answer is not a JSON object with a `keys` array.
    public static let malformedJWKS = CognitoJWTVerifierError(.malformedJWKS)
    /// The verifier was configured with a malformed user pool id, no pool, or two pools with one issuer.
    public static let invalidConfiguration = CognitoJWTVerifierError(.invalidConfiguration)

    package static func malformedToken(_ part: String) -> Self { .init(.malformedToken, part) }
    package static func expired(_ detail: String) -> Self { .init(.expired, detail) }
    package static func notYetValid(_ detail: String) -> Self { .init(.notYetValid, detail) }
    package static func issuedInFuture(_ detail: String) -> Self { .init(.issuedInFuture, detail) }
    package static func tokenUseMismatch(_ detail: String) -> Self { .init(.tokenUseMismatch, detail) }
    package static func clientMismatch(_ detail: String) -> Self { .init(.clientMismatch, detail) }
    package static func missingScope(_ detail: String) -> Self { .init(.missingScope, detail) }
    package static func missingGroup(_ detail: String) -> Self { .init(.missingGroup, detail) }
    package static func customCheckFailed(_ error: any Error) -> Self { .init(.customCheckFailed, "\(error)") }
    package static func jwksFetchFailed(_ detail: String, retryable: Bool) -> Self {
        .init(.jwksFetchFailed, detail, retryable: retryable)
    }
    package static func malformedJWKS(_ detail: String) -> Self { .init(.malformedJWKS, detail) }
    package static func invalidConfiguration(_ detail: String) -> Self { .init(.invalidConfiguration, detail) }

    public var description: String {
        let suffix = detail.map { " (\($0))" } ?? ""
        let text: String =
            switch code {
            case .tokenTooLarge: "the token is larger than 32 KiB"
            case .malformedToken: "the token is not a well-formed JWT"
            case .unsupportedAlgorithm: "the token's alg is not RS256"
            case .missingKeyID: "the token's header has no kid"
            case .unknownKeyID: "no signing key of the pool has the token's kid"
            case .invalidSignature: "the signature does not verify"
            case .issuerMismatch: "iss is not a configured pool's issuer"
            case .tokenUseMismatch: "token_use is not the one required"
            case .clientMismatch: "the token was not issued to an allowed app client"
            case .expired: "the token has expired"
            case .notYetValid: "the token is not valid yet (nbf)"
            case .issuedInFuture: "the token is issued in the future (iat)"
            case .missingScope: "a required scope is missing"
            case .missingGroup: "a required group is missing"
            case .customCheckFailed: "the custom check refused the token"
            case .jwksFetchFailed: "the JWKS could not be fetched"
            case .malformedJWKS: "the JWKS is malformed"
            case .invalidConfiguration: "the verifier's configuration is invalid"
            }
        return "CognitoJWTVerifierError.\(code): " + text + suffix
    }

    /// `true` only for a JWKS fetch that failed for the moment (timeout, connection, 5xx, 429).
    public var isRetryable: Bool { retryable }
}
