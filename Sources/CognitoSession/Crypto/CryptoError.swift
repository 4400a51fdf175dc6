import CCognitoOpenSSL

/// An error from the cryptographic layer: malformed input to it, or a libcrypto failure.
///
/// Two values are equal when they have the same kind; ``openSSLErrors`` is diagnostic only.
/// Nothing secret is ever placed in an error: neither the input that failed to parse nor any
/// intermediate value.
public struct CryptoError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case invalidHexadecimal, invalidBase64, valueTooLarge, libcryptoFailure
    }

    package let code: Code

    /// The reasons OpenSSL queued when a libcrypto call failed (empty for input errors).
    public let openSSLErrors: [String]

    private init(_ code: Code, openSSLErrors: [String] = []) {
        self.code = code
        self.openSSLErrors = openSSLErrors
    }

    /// A hexadecimal string was empty, too long, or held a character that is not a hex digit.
    public static let invalidHexadecimal = CryptoError(.invalidHexadecimal)

    /// A base64 string could not be decoded.
    public static let invalidBase64 = CryptoError(.invalidBase64)

    /// A number did not fit the fixed width it had to be written in.
    public static let valueTooLarge = CryptoError(.valueTooLarge)

    /// A libcrypto call failed; ``openSSLErrors`` holds what OpenSSL reported.
    public static let libcryptoFailure = CryptoError(.libcryptoFailure)

    /// Builds a ``libcryptoFailure`` and drains OpenSSL's error queue into it, so a later call
    /// does not find stale entries.
    package static func drainingLibcryptoErrors(at operation: StaticString) -> CryptoError {
        var reasons: [String] = ["\(operation) failed"]
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            reasons.append(String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return CryptoError(.libcryptoFailure, openSSLErrors: reasons)
    }

    public var description: String {
        switch code {
        case .invalidHexadecimal: "CryptoError.invalidHexadecimal: not a hexadecimal number"
        case .invalidBase64: "CryptoError.invalidBase64: not valid base64"
        case .valueTooLarge: "CryptoError.valueTooLarge: number does not fit the requested width"
        case .libcryptoFailure:
            "CryptoError.libcryptoFailure: " + openSSLErrors.joined(separator: "; ")
        }
    }
}

/// Checks a libcrypto return code (1 is success) and turns anything else into a typed error.
@inline(__always)
func check(_ result: Int32, _ operation: StaticString) throws(CryptoError) {
    if result != 1 { throw CryptoError.drainingLibcryptoErrors(at: operation) }
}

extension CryptoError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}
