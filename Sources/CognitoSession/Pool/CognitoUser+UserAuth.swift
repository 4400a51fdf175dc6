extension CognitoUser {
    /// USER_AUTH's InitiateAuth: `USERNAME`, the preferred first factor if any (with the password, or the
    /// SRP exchange's `SRP_A`, when it is the password), `SECRET_HASH` and the remembered device's key.
    func userAuthSignIn(_ details: AuthenticationDetails, withDevice: Bool) async throws -> AuthenticationStep {
        let typed = details.username
        setUsername(typed)
        let device = try await startingDevice(typed, withDevice: withDevice)
        var parameters = details.authParameters
        var helper: AuthenticationHelper?
        if let preferred = details.preferredChallenge {
            parameters[AuthParameter.preferredChallenge] = preferred.rawValue
            if preferred == .password, !details.password.isEmpty {
                parameters[AuthParameter.password] = details.password
            } else if preferred == .passwordSRP, !details.password.isEmpty {
                let srp = try AuthenticationHelper(poolName: pool.poolName)
                parameters[AuthParameter.srpA] = srp.srpA
                helper = srp
            }
        }
        let first = try await service.send(
            InitiateAuthRequest(
                authFlow: .userAuth, clientId: pool.clientId,
                authParameters: try pool.credentials.authParameters(
                    parameters, username: typed, deviceKey: device?.deviceKey),
                clientMetadata: details.metadata))
        guard let helper else { return try await handle(first) }
        return try await answerPasswordVerifier(
            first, helper: helper, password: details.password, clientMetadata: details.metadata)
    }

    /// Answers SELECT_CHALLENGE with the first factor the user picked from
    /// ``AuthenticationStep/selectChallenge(availableChallenges:)``.
    ///
    /// With ``ChallengeName/password`` or ``ChallengeName/passwordSRP`` and a `password`, the factor is
    /// answered in the same request (the password, or the SRP exchange and its PASSWORD_VERIFIER); without
    /// one the service asks for it (``AuthenticationStep/passwordRequired``). ``ChallengeName/emailOTP`` and
    /// ``ChallengeName/smsOTP`` have the code sent; ``ChallengeName/webAuthn`` asks for the passkey.
    public func selectChallenge(
        _ choice: ChallengeName, password: String? = nil, clientMetadata: [String: String]? = nil
    ) async throws -> AuthenticationStep {
        let challenge = try pendingChallenge(.selectChallenge)
        var answers = [AuthParameter.answer: choice.rawValue]
        guard let password, !password.isEmpty, choice == .password || choice == .passwordSRP else {
            return try await respond(challenge, answers, withDevice: true, clientMetadata: clientMetadata)
        }
        if choice == .password {
            answers[AuthParameter.password] = password
            return try await respond(challenge, answers, withDevice: true, clientMetadata: clientMetadata)
        }
        let helper = try AuthenticationHelper(poolName: pool.poolName)
        answers[AuthParameter.srpA] = helper.srpA
        let first = try await send(challenge, answers, withDevice: true, clientMetadata: clientMetadata)
        return try await answerPasswordVerifier(
            first, helper: helper, password: password, clientMetadata: clientMetadata)
    }

    /// Answers a `PASSWORD` challenge with the password, or a `PASSWORD_SRP` one with the SRP exchange
    /// (``AuthenticationStep/passwordRequired``).
    public func sendPassword(
        _ password: String, clientMetadata: [String: String]? = nil
    ) async throws
        -> AuthenticationStep
    {
        let challenge = try pendingChallenge(.password, or: .passwordSRP)
        if challenge.name == .password {
            return try await respond(
                challenge, [AuthParameter.password: password], withDevice: true, clientMetadata: clientMetadata)
        }
        let helper = try AuthenticationHelper(poolName: pool.poolName)
        let first = try await send(
            challenge, [AuthParameter.srpA: helper.srpA], withDevice: true, clientMetadata: clientMetadata)
        return try await answerPasswordVerifier(
            first, helper: helper, password: password, clientMetadata: clientMetadata)
    }

    /// Answers WEB_AUTHN (``AuthenticationStep/webAuthnRequired(credentialRequestOptions:)``) with the
    /// authenticator's AuthenticationResponseJSON, as a string (`CREDENTIAL`). The library never needs a
    /// platform authenticator: any that produces the W3C JSON will do.
    public func sendWebAuthnCredential(
        _ credential: String, clientMetadata: [String: String]? = nil
    ) async throws
        -> AuthenticationStep
    {
        let challenge = try pendingChallenge(.webAuthn)
        return try await respond(
            challenge, [AuthParameter.credential: credential], withDevice: true, clientMetadata: clientMetadata)
    }

    /// Signs in a user who just signed up, without a password or another code: USER_AUTH with the
    /// ``SignUpSession`` that ``confirmRegistration(code:forceAliasCreation:clientMetadata:session:)`` returned
    /// (or, for a user confirmed at sign-up, ``SignUpResult/session``). The service counts the sign-up
    /// code as the first factor. Devices, MFA and every later step work as after ``authenticateUser(_:)``.
    public func signIn(
        afterSignUp session: SignUpSession, clientMetadata: [String: String]? = nil
    ) async throws
        -> AuthenticationStep
    {
        try await checkStorageWritable()
        let typed = username
        return try await withStaleDeviceRetry { withDevice in
            setUsername(typed)
            let device = try await startingDevice(typed, withDevice: withDevice)
            let response = try await service.send(
                InitiateAuthRequest(
                    authFlow: .userAuth, clientId: pool.clientId,
                    authParameters: try pool.credentials.authParameters(
                        username: typed, deviceKey: device?.deviceKey),
                    clientMetadata: clientMetadata, session: session.rawValue))
            return try await handle(response)
        }
    }
}
