/// A refusal by the library itself, before or instead of a call to the service.
public struct CognitoUserError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case notSignedIn, noChallengeInProgress, unsupportedChallenge, malformedChallenge, noDeviceRemembered
        case unexpectedResponse, unusableTokens, revocationNotEnabled, storageNotWritable
        case challengeMismatch, softwareTokenNotVerified
        case malformedPasskeyCredential
    }

    package let code: Code
    /// The challenge or parameter concerned, when there is one (never a secret).
    public let detail: String?

    private init(_ code: Code, _ detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    /// No session is stored for this user (or it cannot be refreshed): sign in.
    public static let notSignedIn = CognitoUserError(.notSignedIn)
    /// A challenge answer was sent, but no sign-in is waiting for one.
    public static let noChallengeInProgress = CognitoUserError(.noChallengeInProgress)
    /// The service asked a challenge this library does not answer (for example `ADMIN_NO_SRP_AUTH`).
    /// Nothing was stored.
    public static func unsupportedChallenge(_ name: String) -> CognitoUserError { .init(.unsupportedChallenge, name) }
    /// A challenge lacked a parameter it needs.
    public static func malformedChallenge(_ parameter: String) -> CognitoUserError {
        .init(.malformedChallenge, parameter)
    }
    /// A device operation was asked for, but no device is remembered for this user.
    public static let noDeviceRemembered = CognitoUserError(.noDeviceRemembered)
    /// The service answered with neither tokens nor a challenge.
    public static let unexpectedResponse = CognitoUserError(.unexpectedResponse)

    /// The service answered with tokens this client cannot use: an access or ID token missing or
    /// undecodable, issued to another app client (`client_id` / `aud`), for two different users
    /// (`sub`), or for another user than the session being refreshed; or a sign-in without a refresh
    /// token. Nothing was stored or changed. `detail` names what was wrong (never a token).
    public static let unusableTokens = CognitoUserError(.unusableTokens)

    /// An answer for one challenge was given while another is pending (e.g. a TOTP code while the
    /// service waits for an SMS code). Nothing was sent; `detail` names both.
    public static let challengeMismatch = CognitoUserError(.challengeMismatch)

    package static func challengeMismatch(pending: ChallengeName, asked: ChallengeName?) -> CognitoUserError {
        .init(.challengeMismatch, "\(pending.rawValue) is pending" + (asked.map { ", not \($0.rawValue)" } ?? ""))
    }

    /// VerifySoftwareToken did not answer `SUCCESS`: the code from the authenticator app was not
    /// accepted. Try the next code.
    public static let softwareTokenNotVerified = CognitoUserError(.softwareTokenNotVerified)

    /// The app client does not have token revocation enabled (the access token carries no
    /// `origin_jti`): nothing can be revoked; the refresh token stays valid until it expires.
    public static let revocationNotEnabled = CognitoUserError(.revocationNotEnabled)

    /// The session storage cannot be written, so a sign-in would lose its tokens: found before the
    /// password was sent. `detail` is the storage's error.
    public static let storageNotWritable = CognitoUserError(.storageNotWritable)

    package static func storageNotWritable(_ error: any Error) -> CognitoUserError {
        .init(.storageNotWritable, "\(error)")
    }

    package static func unusableTokens(_ reason: String) -> CognitoUserError { .init(.unusableTokens, reason) }
    /// The passkey credential given is not a JSON object (the authenticator's `PublicKeyCredential` JSON);
    /// nothing was sent.
    public static let malformedPasskeyCredential = CognitoUserError(.malformedPasskeyCredential)

    public var description: String {
        switch code {
        case .notSignedIn: "CognitoUserError.notSignedIn: no session is stored for this user; sign in"
        case .noChallengeInProgress: "CognitoUserError.noChallengeInProgress: no sign-in is waiting for an answer"
        case .unsupportedChallenge: "CognitoUserError.unsupportedChallenge: \(detail ?? "?") is not supported"
        case .malformedChallenge: "CognitoUserError.malformedChallenge: \(detail ?? "a parameter") is missing"
        case .noDeviceRemembered: "CognitoUserError.noDeviceRemembered: no device is remembered for this user"
        case .unexpectedResponse: "CognitoUserError.unexpectedResponse: neither tokens nor a challenge"
        case .challengeMismatch:
            "CognitoUserError.challengeMismatch: \(detail ?? "another challenge is pending"); nothing was sent"
        case .softwareTokenNotVerified:
            "CognitoUserError.softwareTokenNotVerified: the authenticator code was not accepted"
        case .revocationNotEnabled:
            "CognitoUserError.revocationNotEnabled: token revocation is not enabled on the app client"
        case .storageNotWritable:
            "CognitoUserError.storageNotWritable: the session storage cannot be written (\(detail ?? "?")); "
                + "nothing was sent"
        case .unusableTokens:
            "CognitoUserError.unusableTokens: \(detail ?? "the tokens cannot be used"); nothing was stored"
        case .malformedPasskeyCredential:
            "CognitoUserError.malformedPasskeyCredential: the credential is not a JSON object; nothing was sent"
        }
    }
}

extension CognitoUserError {
    /// `false`: trying the same again gives the same answer.
    public var isRetryable: Bool { false }
}
