import CognitoSession

/// Why a ``SoftwarePasskey`` refused to register or to sign, as a browser's WebAuthn client or the
/// authenticator would refuse (`SecurityError`, `NotAllowedError`, `InvalidStateError`, `NotSupportedError`).
///
/// Descriptions name the option or the check, never key material.
public enum SoftwarePasskeyError: CognitoSessionError, Hashable {
    /// The options JSON is not what WebAuthn takes; the associated value names the member.
    case malformedOptions(String)
    /// The origin is not the relying party's (its host is neither the RP id nor below it): a
    /// browser's `SecurityError`.
    case originNotAllowed(origin: String, relyingPartyId: String)
    /// None of the options' `pubKeyCredParams` is the passkey's algorithm: `NotSupportedError`.
    case unsupportedAlgorithm(Int)
    /// The options ask for user verification and this passkey was made without it.
    case userVerificationUnavailable
    /// `excludeCredentials` lists this passkey: it is registered already (`InvalidStateError`).
    case alreadyRegistered
    /// There is no credential to sign with: never registered, for another relying party, or not
    /// among `allowCredentials` (`NotAllowedError`).
    case noMatchingCredential
    /// A libcrypto call failed; the value names it.
    case libcrypto(String)

    public var isRetryable: Bool { false }

    public var description: String {
        switch self {
        case .malformedOptions(let member): "SoftwarePasskeyError.malformedOptions: \(member)"
        case .originNotAllowed(let origin, let rpId):
            "SoftwarePasskeyError.originNotAllowed: \(origin) is not an origin of relying party \(rpId)"
        case .unsupportedAlgorithm(let algorithm):
            "SoftwarePasskeyError.unsupportedAlgorithm: the options do not offer COSE algorithm \(algorithm)"
        case .userVerificationUnavailable:
            "SoftwarePasskeyError.userVerificationUnavailable: the options require user verification"
        case .alreadyRegistered: "SoftwarePasskeyError.alreadyRegistered: excludeCredentials lists this passkey"
        case .noMatchingCredential: "SoftwarePasskeyError.noMatchingCredential: no credential for these options"
        case .libcrypto(let call): "SoftwarePasskeyError.libcrypto: \(call) failed"
        }
    }
}
