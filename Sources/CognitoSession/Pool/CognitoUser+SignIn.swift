extension CognitoUser {
    /// Signs in with `details.authenticationFlowType` (SRP unless given).
    ///
    /// A remembered device is sent as `DEVICE_KEY` from the first request on, and the device's
    /// own SRP proof (DEVICE_SRP_AUTH) is answered without the caller's help. A device the service
    /// no longer knows ("Device does not exist") is forgotten locally and the sign-in is tried
    /// once more without it. The device is always the one remembered for the name the sign-in
    /// started with, never one picked by a name the service sends back.
    ///
    /// - Throws: ``CognitoUserError/storageNotWritable`` before anything is sent when the pool's
    ///   storage cannot be written (the tokens of the sign-in would be lost).
    public func authenticateUser(_ details: AuthenticationDetails) async throws -> AuthenticationStep {
        try await checkStorageWritable()
        let flow = details.authenticationFlowType ?? state.current.flowType
        return try await withStaleDeviceRetry { withDevice in
            if flow == .userPasswordAuth {
                try await passwordSignIn(details, withDevice: withDevice)
            } else if flow == .userAuth {
                try await userAuthSignIn(details, withDevice: withDevice)
            } else {
                try await srpSignIn(details, flow: flow, withDevice: withDevice)
            }
        }
    }

    /// Starts custom authentication without SRP (`CUSTOM_AUTH`): the pool's triggers decide the
    /// challenges. `details.authParameters` are sent along with `USERNAME`.
    public func initiateAuth(_ details: AuthenticationDetails) async throws -> AuthenticationStep {
        try await checkStorageWritable()
        setUsername(details.username)
        state.withLock {
            $0.signInDevice = nil
            $0.signInName = (details.username, nil)
        }
        let response = try await service.send(
            InitiateAuthRequest(
                authFlow: .customAuth, clientId: pool.clientId,
                authParameters: try pool.credentials.authParameters(
                    details.authParameters, username: details.username, deviceKey: nil),
                clientMetadata: details.metadata))
        return try await handle(response)
    }

    private func srpSignIn(
        _ details: AuthenticationDetails, flow: AuthFlow, withDevice: Bool
    ) async throws
        -> AuthenticationStep
    {
        let typed = details.username
        setUsername(typed)
        let helper = try AuthenticationHelper(poolName: pool.poolName)
        let device = try await startingDevice(typed, withDevice: withDevice)
        var parameters = [AuthParameter.srpA: helper.srpA]
        if flow == .customAuth { parameters[AuthParameter.challengeName] = ChallengeName.srpA.rawValue }
        let first = try await service.send(
            InitiateAuthRequest(
                authFlow: flow, clientId: pool.clientId,
                authParameters: try pool.credentials.authParameters(
                    parameters, username: typed, deviceKey: device?.deviceKey),
                clientMetadata: details.metadata))
        return try await answerPasswordVerifier(
            first, helper: helper, password: details.password, clientMetadata: details.metadata)
    }

    /// Answers the PASSWORD_VERIFIER that `first` asks (else handles `first` as any step), with the
    /// sign-in's device unless the service names another user than the device's owner.
    func answerPasswordVerifier(
        _ first: AuthChallengeResponse, helper: AuthenticationHelper, password: String,
        clientMetadata: [String: String]?
    ) async throws -> AuthenticationStep {
        guard first.challengeName == .passwordVerifier else { return try await handle(first) }
        let challenge = first.challengeParameters ?? [:]
        let userId = challenge[AuthParameter.userIdForSRP] ?? challenge[AuthParameter.username] ?? username
        setUsername(userId)
        var device = state.current.signInDevice
        if let owner = state.current.signInName?.deviceOwner, !userId.isSameName(as: owner) {
            // The service names another user than the one whose device this is: leave the device out.
            device = nil
            state.withLock {
                $0.signInDevice = nil
                $0.signInName?.deviceOwner = nil
            }
        }
        let claim = try passwordClaim(helper: helper, parameters: challenge, userId: userId, password: password)
        let response = try await service.send(
            RespondToAuthChallengeRequest(
                challengeName: .passwordVerifier, clientId: pool.clientId,
                challengeResponses: try pool.credentials.authParameters(
                    claim, username: userId, deviceKey: device?.deviceKey),
                session: first.session, clientMetadata: clientMetadata))
        return try await handle(response)
    }

    private func passwordSignIn(
        _ details: AuthenticationDetails, withDevice: Bool
    ) async throws
        -> AuthenticationStep
    {
        let typed = details.username
        setUsername(typed)
        let device = try await startingDevice(typed, withDevice: withDevice)
        let response = try await service.send(
            InitiateAuthRequest(
                authFlow: .userPasswordAuth, clientId: pool.clientId,
                authParameters: try pool.credentials.authParameters(
                    [AuthParameter.password: details.password], username: typed, deviceKey: device?.deviceKey),
                clientMetadata: details.metadata))
        return try await handle(response)
    }

    /// Runs a sign-in with the remembered device; when the service no longer knows the device
    /// (`ResourceNotFoundException: Device does not exist.`) it is forgotten here and the sign-in
    /// runs once more from the start without it.
    func withStaleDeviceRetry(
        _ signIn: (_ withDevice: Bool) async throws -> AuthenticationStep
    )
        async throws -> AuthenticationStep
    {
        do {
            return try await signIn(true)
        } catch let error as CognitoServiceError
            where error == .resourceNotFound && (error.message ?? "").lowercased().contains("device")
        {
            guard let owner = state.current.signInName?.deviceOwner else { throw error }
            pool.logger?.debug(
                "forgetting a device the service no longer knows", metadata: ["pool": "\(pool.userPoolId)"])
            try await store.clearDevice(username: owner)
            return try await signIn(false)
        }
    }

    /// The device for a sign-in as `typed`: the one remembered under that name, else under the
    /// canonical name an earlier sign-in as `typed` ended with (an alias). Never one named by the
    /// service. Remembered in the sign-in's state for its later steps; none `withDevice: false`.
    func startingDevice(_ typed: String, withDevice: Bool) async throws -> StoredDevice? {
        var owner: String? = typed
        var device = withDevice ? try await store.loadDevice(username: typed) : nil
        if withDevice, device == nil, let canonical = try await store.canonicalName(signingInAs: typed) {
            device = try await store.loadDevice(username: canonical)
            owner = canonical
        }
        if device == nil { owner = nil }
        state.withLock {
            $0.signInDevice = device
            $0.signInName = (typed, owner)
        }
        return device
    }

    /// Writes and removes a probe key, so a storage that cannot be written is found before the
    /// password leaves the machine.
    func checkStorageWritable() async throws { try await pool.checkStorageWritable() }

    func setUsername(_ name: String) { state.withLock { $0.username = name } }
}
