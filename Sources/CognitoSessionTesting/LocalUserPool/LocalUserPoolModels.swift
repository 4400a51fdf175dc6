import CognitoSession
import Foundation

extension LocalUserPool {
    /// How a user starts out.
    public enum UserStatus: Sendable, Equatable {
        /// Signed up and confirmed: can sign in.
        case confirmed
        /// Signed up, waiting for the confirmation code.
        case unconfirmed
        /// Created by an administrator with a temporary password: the first sign-in answers
        /// NEW_PASSWORD_REQUIRED.
        case forceChangePassword
    }

    /// Whether the pool remembers devices.
    public enum DeviceTracking: Sendable, Equatable {
        /// No device tracking: sign-ins never return NewDeviceMetadata.
        case off
        /// Every confirmed device is remembered.
        case always
        /// Devices are remembered only when the user opts in (UpdateDeviceStatus); ConfirmDevice
        /// answers `UserConfirmationNecessary: true`.
        case userOptIn
    }

    /// The pool's multi-factor setting.
    public enum MFAConfiguration: Sendable, Equatable {
        /// No MFA challenge, whatever users enabled.
        case off
        /// Users who enabled a factor are challenged.
        case optional
        /// Every user is challenged; a user with no factor is asked to set up TOTP (MFA_SETUP).
        case required
    }

    /// An app client of the pool.
    public struct AppClient: Sendable, Equatable {
        /// The client id, as passed to `CognitoUserPool(clientId:)`.
        public let id: String
        /// The client secret, when the client has one.
        public let secret: String?
        /// Lifetime of access tokens.
        public var accessTokenLifetime: TimeInterval
        /// Lifetime of ID tokens.
        public var idTokenLifetime: TimeInterval
        /// Lifetime of refresh tokens.
        public var refreshTokenLifetime: TimeInterval
        /// Refresh-token rotation: nil when off, else the grace period during which the
        /// previous refresh token still works.
        public var refreshTokenRotationGracePeriod: TimeInterval?
        /// The client's name (`ClientName`).
        public var name = ""
        /// `ExplicitAuthFlows`; empty allows every flow (an in-process client made by `addClient`).
        public var explicitAuthFlows: [String] = []
        /// `EnableTokenRevocation`: whether RevokeToken works for this client.
        public var enableTokenRevocation = true
        /// `PreventUserExistenceErrors: ENABLED`: unknown users get the service's masked answers.
        public var preventUserExistenceErrors = false
        /// The OAuth and attribute lists (`CallbackURLs`, `AllowedOAuthFlows`, `ReadAttributes`, ...), as given.
        public var lists: [String: [String]] = [:]
        /// The other settings echoed back by DescribeUserPoolClient (`DefaultRedirectURI`, ...), as given.
        public var settings: [String: String] = [:]
        /// The `TokenValidityUnits` the client was made with (`AccessToken`, `IdToken`, `RefreshToken`).
        public var validityUnits: [String: String] = [:]
        /// `AllowedOAuthFlowsUserPoolClient`.
        public var allowedOAuthFlowsUserPoolClient = false
        /// When the client was created and last changed.
        public var created = Date(timeIntervalSince1970: 0), lastModified = Date(timeIntervalSince1970: 0)
    }

    /// A message the pool "sent": a confirmation, reset or MFA code that a test can read.
    public struct SentMessage: Sendable, Equatable {
        /// Why it was sent.
        public enum Purpose: Sendable, Equatable {
            case signUp, forgotPassword, smsMFA
            /// A one-time sign-in code by email: USER_AUTH's EMAIL_OTP first factor, or email MFA.
            case emailOTP
            /// A one-time sign-in code by SMS: USER_AUTH's SMS_OTP first factor.
            case smsOTP
            /// The temporary password of AdminCreateUser (the message's "code").
            case temporaryPassword
            case attributeVerification(String)
        }

        /// The user's canonical name.
        public let username: String
        /// Why it was sent.
        public let purpose: Purpose
        /// `SMS` or `EMAIL`.
        public let medium: String
        /// The code in the message.
        public let code: String
    }

    /// One request the pool received: names only, never values.
    public struct LoggedRequest: Sendable, Equatable {
        /// The operation, e.g. `InitiateAuth`.
        public let operation: String
        /// `AuthFlow` for InitiateAuth.
        public let authFlow: String?
        /// `ChallengeName` for RespondToAuthChallenge.
        public let challengeName: String?
        /// The names of the top-level request fields.
        public let fieldNames: [String]
        /// The names of `AuthParameters` or `ChallengeResponses`.
        public let parameterNames: [String]
    }

    /// A fault to inject into the next matching request.
    public enum Fault: Sendable, Equatable {
        /// Wait before answering (through the pool's sleeper).
        case latency(Duration)
        /// Answer `TooManyRequestsException`.
        case throttle
        /// Answer with this 5xx status and `InternalErrorException`.
        case serverError(status: Int)
        /// Fail as if the connection dropped: `HTTPTransportError/connectionFailed`.
        case dropConnection
        /// Answer 200 with a body that is not JSON.
        case malformedBody
    }

    /// What the define-auth-challenge trigger sees: one earlier challenge and its result.
    public struct ChallengeResult: Sendable, Equatable {
        /// `SRP_A`, `PASSWORD_VERIFIER` or `CUSTOM_CHALLENGE`.
        public let challengeName: String
        /// Whether it was answered correctly.
        public let challengeResult: Bool
    }

    /// The define-auth-challenge trigger's answer.
    public enum CustomAuthDecision: Sendable, Equatable {
        /// Issue tokens: authentication succeeded.
        case issueTokens
        /// Fail authentication.
        case fail
        /// Ask this challenge next (`PASSWORD_VERIFIER` or `CUSTOM_CHALLENGE`).
        case challenge(String)
    }

    /// A challenge made by the create-auth-challenge trigger.
    public struct CustomChallenge: Sendable, Equatable {
        /// Sent to the client as ChallengeParameters.
        public let publicParameters: [String: String]
        /// Kept server-side and handed to the verify trigger (typically the expected answer).
        public let privateParameters: [String: String]

        /// Makes a challenge.
        public init(publicParameters: [String: String], privateParameters: [String: String]) {
            self.publicParameters = publicParameters
            self.privateParameters = privateParameters
        }
    }

    /// The three Lambda triggers of custom authentication, as closures.
    public struct CustomAuthTriggers: Sendable {
        /// Define auth challenge: from the history so far, what next.
        public let define: @Sendable (_ session: [ChallengeResult]) -> CustomAuthDecision
        /// Create auth challenge.
        public let create: @Sendable (_ session: [ChallengeResult]) -> CustomChallenge
        /// Verify auth challenge response.
        public let verify: @Sendable (_ privateParameters: [String: String], _ answer: String) -> Bool

        /// Makes the triggers.
        public init(
            define: @escaping @Sendable ([ChallengeResult]) -> CustomAuthDecision,
            create: @escaping @Sendable ([ChallengeResult]) -> CustomChallenge,
            verify: @escaping @Sendable ([String: String], String) -> Bool
        ) {
            self.define = define
            self.create = create
            self.verify = verify
        }
    }
}

/// A user as the pool stores it.
struct LocalUser {
    var username: String
    let sub: String
    var attributes: [String: String]
    var status: LocalUserPool.UserStatus
    var verifier: SRPServer.Verifier
    var enabled = true
    var smsMFAEnabled = false
    var emailMFAEnabled = false
    var totpEnabled = false
    var totpSecret: String?
    var pendingTOTPSecret: String?
    var preferredMFA: String?
    var devices: [String: LocalDevice] = [:]
    var pendingCodes: [String: (code: String, expires: Date)] = [:]
    var created = Date(timeIntervalSince1970: 0)
    var lastModified: Date?
}

/// A device as the pool stores it.
struct LocalDevice {
    let key: String
    let groupKey: String
    var verifier: SRPServer.Verifier?
    var name: String?
    var remembered: Bool
    let created: Date
    var lastModified: Date
    var lastAuthenticated: Date
}

/// An issued refresh token.
struct RefreshTokenRecord {
    let username: String
    let clientId: String
    let originJTI: String
    let deviceKey: String?
    let issued: Date
    var expires: Date
    let authTime: Date
    var revoked = false
    /// Rotation: when this token was replaced by a newer one.
    var replacedAt: Date?
    /// The scopes of a session from the authorize endpoint; nil for the JSON API's sessions.
    var scope: String?
}

/// What the pool remembers between the steps of one sign-in (the `Session` string).
struct ChallengeState {
    enum Expected: Equatable {
        case passwordVerifier, deviceSRP, devicePasswordVerifier, newPassword, smsMFA, totpMFA, selectMFA
        case mfaSetup, customChallenge
        /// USER_AUTH: the first factor is picked, or asked for (the password, or a one-time code).
        case selectChallenge, password, passwordSRP, emailOTP, smsOTP
        /// USER_AUTH's WEB_AUTHN: the passkey assertion for ``ChallengeState/webAuthnChallenge``.
        case webAuthn
        /// Not a challenge: a SignUp session (ConfirmSignUp takes it) or a confirmed one (InitiateAuth takes it).
        case signUp, signedUp
    }

    let username: String
    let clientId: String
    var expected: Expected
    var expires: Date
    var srp: SRPServer?
    var clientA: BigNumber?
    var deviceVerified = false
    var secretBlock: Data?
    var deviceKey: String?
    var smsCode: String?
    var customHistory: [LocalUserPool.ChallengeResult] = []
    var customPrivate: [String: String] = [:]
    var isCustomFlow = false
    var mfaPassed = false
    var totpVerified = false
    /// The one-time code of EMAIL_OTP or SMS_OTP, when it stops being valid, and the wrong answers so
    /// far (SMS, TOTP and one-time codes alike).
    var oneTimeCode: String?
    var oneTimeCodeExpires: Date?
    var wrongCodes = 0
    /// The one-time code is email MFA after a password, not a first factor.
    var codeIsSecondFactor = false
    /// The first factor was not the password (a one-time code, a passkey or the sign-up code): no MFA.
    var passwordless = false
    /// The challenge of WEB_AUTHN's CREDENTIAL_REQUEST_OPTIONS, which the assertion must sign.
    var webAuthnChallenge: [UInt8]?
}
