/// A JWT that could not be read, and which part of it is wrong.
///
/// Two values are equal when they have the same kind. The token itself, and any part of it,
/// is never placed in the error or its description.
public struct TokenError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case tooLarge, segmentCount, headerEncoding, headerNotJSONObject, payloadEncoding, payloadNotJSONObject
        case signatureEncoding, expirationMissing, expirationNotNumber, issuedAtNotNumber
    }

    package let code: Code

    private init(_ code: Code) { self.code = code }

    /// The token is longer than ``CognitoJWTToken/maximumLength``.
    public static let tooLarge = TokenError(.tooLarge)

    /// The token is not three dot-separated segments (header, payload, signature).
    public static let segmentCount = TokenError(.segmentCount)

    /// The header segment is not base64url.
    public static let headerEncoding = TokenError(.headerEncoding)

    /// The header does not decode to a JSON object.
    public static let headerNotJSONObject = TokenError(.headerNotJSONObject)

    /// The payload segment is empty or not base64url.
    public static let payloadEncoding = TokenError(.payloadEncoding)

    /// The payload does not decode to a JSON object.
    public static let payloadNotJSONObject = TokenError(.payloadNotJSONObject)

    /// The signature segment holds characters outside the base64url alphabet.
    public static let signatureEncoding = TokenError(.signatureEncoding)

    /// The payload has no `exp` claim.
    public static let expirationMissing = TokenError(.expirationMissing)

    /// The `exp` claim is not a number.
    public static let expirationNotNumber = TokenError(.expirationNotNumber)

    /// The `iat` claim is present but not a number.
    public static let issuedAtNotNumber = TokenError(.issuedAtNotNumber)

    public var description: String {
        switch code {
        case .tooLarge: "TokenError.tooLarge: the token is longer than \(JWT.maximumLength) bytes"
        case .segmentCount: "TokenError.segmentCount: a JWT has three dot-separated segments"
        case .headerEncoding: "TokenError.headerEncoding: the header segment is not base64url"
        case .headerNotJSONObject: "TokenError.headerNotJSONObject: the header is not a JSON object"
        case .payloadEncoding: "TokenError.payloadEncoding: the payload segment is not base64url"
        case .payloadNotJSONObject: "TokenError.payloadNotJSONObject: the payload is not a JSON object"
        case .signatureEncoding: "TokenError.signatureEncoding: the signature segment is not base64url"
        case .expirationMissing: "TokenError.expirationMissing: the payload has no exp claim"
        case .expirationNotNumber: "TokenError.expirationNotNumber: the exp claim is not a number"
        case .issuedAtNotNumber: "TokenError.issuedAtNotNumber: the iat claim is not a number"
        }
    }
}

extension TokenError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}
