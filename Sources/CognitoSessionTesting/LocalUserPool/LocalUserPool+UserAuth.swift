import CognitoSession
import Foundation

extension LocalUserPool {
    /// How long a one-time sign-in code (EMAIL_OTP, SMS_OTP) is valid.
    static let oneTimeCodeLifetime: TimeInterval = 180
    /// Wrong one-time codes a sign-in survives; the next wrong one ends it.
    static let oneTimeCodeAttempts = 3

    /// How long a challenge `Session` of this client stays valid: its `AuthSessionValidity` (minutes, 3 to 15)
    /// when set, else the service's default of 3 minutes.
    func sessionLifetime(for client: AppClient) -> TimeInterval {
        guard let minutes = client.settings["AuthSessionValidity"].flatMap(Double.init), (3...15).contains(minutes)
        else { return Self.sessionLifetime }
        return minutes * 60
    }

    /// InitiateAuth with USER_AUTH: the preferred first factor, or SELECT_CHALLENGE with those the pool allows
    /// and the user can use; with a ConfirmSignUp `Session`, the sign-up code counts as the first factor.
    func userAuth(_ parameters: [String: String], client: AppClient, signUpSession: String?) throws -> [String: Any] {
        let (user, given) = try signInUser(parameters, client: client)
        var state = newState(user: user, client: client, expected: .selectChallenge)
        if let key = parameters[AuthParameter.deviceKey] {
            guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
            state.deviceKey = key
        }
        if let signUpSession, !signUpSession.isEmpty {
            guard let signedUp = sessions.removeValue(forKey: signUpSession), signedUp.expected == .signedUp,
                signedUp.clientId == client.id, signedUp.username == user.username
            else { throw ServiceFault.notAuthorized("Invalid session for the user.") }
            guard now() < signedUp.expires else { throw ServiceFault.expiredSession }
            state.passwordless = true
            return try afterPassword(&state, user: user)
        }
        let offered = firstFactors(for: user)
        guard let preferred = parameters[AuthParameter.preferredChallenge].map(ChallengeName.init(rawValue:)),
            offered.contains(preferred)
        else {
            return challenge(
                ChallengeName.selectChallenge.rawValue, state: state, parameters: [:],
                available: offered.map(\.rawValue))
        }
        return try startFactor(preferred, &state, user: user, parameters: parameters, given: given)
    }

    /// A new Session of SignUp (`.signUp`, for ConfirmSignUp) or of ConfirmSignUp (`.signedUp`, for USER_AUTH).
    func signUpSession(_ kind: ChallengeState.Expected, user: String, client: AppClient) -> String {
        let session = Self.randomToken(alphabet: Self.alphanumerics, count: 120)
        sessions[session] = ChallengeState(
            username: user, clientId: client.id, expected: kind,
            expires: now().addingTimeInterval(sessionLifetime(for: client)))
        return session
    }

    /// The first factors USER_AUTH offers this user: the pool's allowed ones the user can answer.
    func firstFactors(for user: LocalUser) -> [ChallengeName] {
        var offered: [ChallengeName] = []
        for factor in administration.allowedFirstAuthFactors {
            switch factor {
            case .password: offered += [.password, .passwordSRP]
            case .emailOTP where !(user.attributes["email"] ?? "").isEmpty: offered.append(.emailOTP)
            case .smsOTP where !(user.attributes["phone_number"] ?? "").isEmpty: offered.append(.smsOTP)
            case .webAuthn where offersWebAuthn(to: user): offered.append(.webAuthn)
            default: continue
            }
        }
        return offered
    }

    /// Whether the user has a passkey to sign in with (and the pool a relying party).
    func offersWebAuthn(to user: LocalUser) -> Bool { hasPasskey(user.username) }

    /// Starts the chosen first factor: the password or SRP at once when the request carries it, else the
    /// challenge that asks for it; a one-time code is sent.
    private func startFactor(
        _ factor: ChallengeName, _ state: inout ChallengeState, user: LocalUser, parameters: [String: String],
        given: String
    ) throws -> [String: Any] {
        switch factor {
        case .password:
            guard let password = parameters[AuthParameter.password], !password.isEmpty else {
                state.expected = .password
                return challenge(factor.rawValue, state: state, parameters: [AuthParameter.username: user.username])
            }
            guard try checkPassword(password, for: user) else { throw ServiceFault.incorrectPassword }
            return try afterPassword(&state, user: user)
        case .passwordSRP:
            guard parameters[AuthParameter.srpA] != nil else {
                state.expected = .passwordSRP
                return challenge(factor.rawValue, state: state, parameters: [AuthParameter.username: user.username])
            }
            var srpParameters = parameters
            srpParameters[AuthParameter.deviceKey] = state.deviceKey
            let client = try client(state.clientId)
            return try startSRP(user: user, client: client, parameters: srpParameters, given: given, custom: false)
        case .emailOTP, .smsOTP:
            return try oneTimeCodeChallenge(factor, &state, user: user)
        case .webAuthn:
            let (options, challenge) = try webAuthnRequestOptions(for: user.username)
            state.expected = .webAuthn
            state.webAuthnChallenge = challenge
            return self.challenge(
                factor.rawValue, state: state,
                parameters: [AuthParameter.credentialRequestOptions: options, AuthParameter.username: user.username])
        default:
            throw ServiceFault.invalidParameter("The challenge \(factor.rawValue) is not available for this user.")
        }
    }

    /// Sends a one-time code by email or SMS and asks for it (EMAIL_OTP or SMS_OTP).
    func oneTimeCodeChallenge(
        _ name: ChallengeName, _ state: inout ChallengeState, user: LocalUser, secondFactor: Bool = false
    ) throws -> [String: Any] {
        state.codeIsSecondFactor = secondFactor
        let email = name == .emailOTP
        let medium = email ? "EMAIL" : "SMS"
        state.expected = email ? .emailOTP : .smsOTP
        state.oneTimeCode = sendCode(to: user.username, purpose: email ? .emailOTP : .smsOTP, medium: medium)
        state.oneTimeCodeExpires = now().addingTimeInterval(Self.oneTimeCodeLifetime)
        state.wrongCodes = 0
        return challenge(
            name.rawValue, state: state,
            parameters: [
                AuthParameter.codeDeliveryMedium: medium,
                AuthParameter.codeDeliveryDestination: Self.mask(
                    user.attributes[email ? "email" : "phone_number"] ?? ""),
                AuthParameter.username: user.username,
            ])
    }

    /// Email MFA after a password, when it is the user's factor (preferred, or the only one enabled).
    func emailMFAChallenge(_ state: inout ChallengeState, user: LocalUser) throws -> [String: Any]? {
        guard user.emailMFAEnabled,
            user.preferredMFA == ChallengeName.emailOTP.rawValue || !(user.smsMFAEnabled || user.totpEnabled)
        else { return nil }
        return try oneTimeCodeChallenge(.emailOTP, &state, user: user, secondFactor: true)
    }

    /// RespondToAuthChallenge for USER_AUTH's steps: the factor picked in SELECT_CHALLENGE (with its answer
    /// when the request carries one), the password, the SRP exchange's start, or a one-time code.
    func respondToUserAuth(
        _ name: String, _ state: inout ChallengeState, user: LocalUser, responses: [String: String],
        sessionID: String
    ) throws -> [String: Any] {
        if let key = responses[AuthParameter.deviceKey] {
            guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
            state.deviceKey = key
        }
        switch state.expected {
        case .selectChallenge:
            guard let answer = responses[AuthParameter.answer].map(ChallengeName.init(rawValue:)),
                firstFactors(for: user).contains(answer)
            else { throw ServiceFault.invalidParameter("The challenge answer is not one of the available challenges.") }
            return try startFactor(
                answer, &state, user: user, parameters: responses, given: responses[AuthParameter.username] ?? "")
        case .password, .passwordSRP:
            return try startFactor(
                state.expected == .password ? .password : .passwordSRP, &state, user: user, parameters: responses,
                given: responses[AuthParameter.username] ?? "")
        case .webAuthn:
            guard let challenge = state.webAuthnChallenge, let credential = responses[AuthParameter.credential] else {
                throw ServiceFault.missing("ChallengeResponses.CREDENTIAL")
            }
            try verifyPasskeyAssertion(username: user.username, credential: credential, challenge: challenge)
            state.webAuthnChallenge = nil
            state.passwordless = true
            return try afterPassword(&state, user: user)
        default:
            let member = state.expected == .emailOTP ? AuthParameter.emailOTPCode : AuthParameter.smsOTPCode
            guard let expires = state.oneTimeCodeExpires, now() < expires else { throw ServiceFault.expiredCode }
            guard let code = responses[member], constantTimeEquals(code, state.oneTimeCode) else {
                state.wrongCodes += 1
                // The sign-in survives a few wrong codes; after the last, its session is gone.
                if state.wrongCodes < Self.oneTimeCodeAttempts { sessions[sessionID] = state }
                throw ServiceFault(name: "CodeMismatchException", message: "Invalid code or auth state for the user.")
            }
            state.oneTimeCode = nil
            if state.codeIsSecondFactor { state.mfaPassed = true } else { state.passwordless = true }
            return try afterPassword(&state, user: user)
        }
    }
}
