extension CognitoUser {
    /// Answers NEW_PASSWORD_REQUIRED with the new password and the required attributes
    /// (names without the `userAttributes.` prefix).
    public func completeNewPasswordChallenge(
        _ newPassword: String, requiredAttributes: [String: String] = [:], clientMetadata: [String: String]? = nil
    ) async throws -> AuthenticationStep {
        let challenge = try pendingChallenge(.newPasswordRequired)
        var responses = [AuthParameter.newPassword: newPassword]
        for (name, value) in requiredAttributes { responses[AuthParameter.userAttributePrefix + name] = value }
        return try await respond(challenge, responses, clientMetadata: clientMetadata)
    }

    /// Answers the code challenge that is pending: SMS_MFA, SOFTWARE_TOKEN_MFA, or a one-time code of
    /// USER_AUTH or email MFA (EMAIL_OTP, SMS_OTP). The remembered device's key goes along.
    ///
    /// - Parameters:
    ///   - code: the code the user received or read from the authenticator app.
    ///   - mfaType: the factor the caller means; nil answers whichever is pending. Naming one that is
    ///     not pending throws ``CognitoUserError/challengeMismatch`` and sends nothing.
    ///   - clientMetadata: passed to the pool's Lambda triggers.
    public func sendMFACode(
        _ code: String, mfaType: MFAType? = nil, clientMetadata: [String: String]? = nil
    )
        async throws -> AuthenticationStep
    {
        guard let challenge = state.current.challenge else { throw CognitoUserError.noChallengeInProgress }
        let answers: [ChallengeName: String] = [
            .smsMFA: AuthParameter.smsMFACode, .softwareTokenMFA: AuthParameter.softwareTokenMFACode,
            .emailOTP: AuthParameter.emailOTPCode, .smsOTP: AuthParameter.smsOTPCode,
        ]
        guard let member = answers[challenge.name] else {
            throw CognitoUserError.challengeMismatch(pending: challenge.name, asked: mfaType?.challengeName)
        }
        if let mfaType, mfaType.challengeName != challenge.name {
            throw CognitoUserError.challengeMismatch(pending: challenge.name, asked: mfaType.challengeName)
        }
        return try await respond(challenge, [member: code], withDevice: true, clientMetadata: clientMetadata)
    }

    /// Answers SELECT_MFA_TYPE. The next step is whatever the service asks next.
    public func sendMFASelectionAnswer(_ mfaType: MFAType) async throws -> AuthenticationStep {
        let challenge = try pendingChallenge(.selectMFAType)
        return try await respond(challenge, [AuthParameter.answer: mfaType.rawValue], clientMetadata: nil)
    }

    /// Answers CUSTOM_CHALLENGE.
    public func sendCustomChallengeAnswer(
        _ answer: String, clientMetadata: [String: String]? = nil
    )
        async throws -> AuthenticationStep
    {
        let challenge = try pendingChallenge(.customChallenge)
        return try await respond(
            challenge, [AuthParameter.answer: answer], withDevice: true, clientMetadata: clientMetadata)
    }

    /// Starts TOTP set-up and returns the secret for the authenticator app: during MFA_SETUP with
    /// the challenge's session, otherwise for the signed-in user.
    public func associateSoftwareToken() async throws -> String {
        let response: AssociateSoftwareTokenResponse
        if let challenge = state.current.challenge, challenge.name == .mfaSetup {
            response = try await service.send(AssociateSoftwareTokenRequest(session: challenge.session))
            state.withLock { $0.challenge?.session = response.session ?? challenge.session }
        } else {
            let session = try await getSession()
            response = try await service.send(AssociateSoftwareTokenRequest(accessToken: session.accessToken.jwtToken))
        }
        guard let secret = response.secretCode else { throw CognitoUserError.unexpectedResponse }
        return secret
    }

    /// Verifies the first code from the authenticator app. During MFA_SETUP this completes the
    /// sign-in (a new device is confirmed as after any sign-in); when signed in it enables the
    /// token and returns the current session.
    ///
    /// - Throws: ``CognitoUserError/softwareTokenNotVerified`` when the service does not answer
    ///   `SUCCESS`.
    public func verifySoftwareToken(
        _ code: String, friendlyDeviceName: String? = nil
    ) async throws
        -> AuthenticationStep
    {
        if let challenge = state.current.challenge, challenge.name == .mfaSetup {
            let verified = try await service.send(
                VerifySoftwareTokenRequest(
                    session: challenge.session, userCode: code, friendlyDeviceName: friendlyDeviceName))
            try Self.checkVerified(verified)
            var next = challenge
            next.session = verified.session ?? challenge.session
            return try await respond(next, [:], clientMetadata: nil)
        }
        let session = try await getSession()
        try Self.checkVerified(
            try await service.send(
                VerifySoftwareTokenRequest(
                    accessToken: session.accessToken.jwtToken, userCode: code, friendlyDeviceName: friendlyDeviceName)))
        return .signedIn(session: session, userConfirmationNecessary: false)
    }

    private static func checkVerified(_ response: VerifySoftwareTokenResponse) throws {
        guard response.status == VerifySoftwareTokenStatus.success else {
            throw CognitoUserError.softwareTokenNotVerified
        }
    }

    /// The pending challenge, if it is `name` (or one of `others`).
    func pendingChallenge(_ name: ChallengeName, or others: ChallengeName...) throws -> Challenge {
        guard let challenge = state.current.challenge else { throw CognitoUserError.noChallengeInProgress }
        guard challenge.name == name || others.contains(challenge.name) else {
            throw CognitoUserError.challengeMismatch(pending: challenge.name, asked: name)
        }
        return challenge
    }

    /// RespondToAuthChallenge with `answers`, the responder's USERNAME and SECRET_HASH, and with
    /// `withDevice` the sign-in's device key.
    func respond(
        _ challenge: Challenge, _ answers: [String: String], withDevice: Bool = false,
        clientMetadata: [String: String]?
    ) async throws -> AuthenticationStep {
        try await handle(try await send(challenge, answers, withDevice: withDevice, clientMetadata: clientMetadata))
    }

    /// The service's answer to RespondToAuthChallenge with `answers` (see `respond`).
    func send(
        _ challenge: Challenge, _ answers: [String: String], withDevice: Bool, clientMetadata: [String: String]?
    ) async throws -> AuthChallengeResponse {
        try await service.send(
            RespondToAuthChallengeRequest(
                challengeName: challenge.name, clientId: pool.clientId,
                challengeResponses: try pool.credentials.authParameters(
                    answers, username: challenge.responder,
                    deviceKey: withDevice ? state.current.signInDevice?.deviceKey : nil),
                session: challenge.session, clientMetadata: clientMetadata))
    }
}
