import Foundation

extension CognitoUser {
    /// Signs in with the user's ``authenticationFlowType`` (SRP by default).
    ///
    /// A remembered device is sent as `DEVICE_KEY` from the first request on, and the device's
    /// own SRP proof (DEVICE_SRP_AUTH) is answered without the caller's help. A device the service
    /// no longer knows ("Device does not exist") is forgotten locally and the sign-in is tried
    /// once more without it.
    public func authenticateUser(_ details: AuthenticationDetails) async throws -> AuthenticationStep {
        switch authenticationFlowType {
        case .userPasswordAuth: try await passwordSignIn(details, withDevice: true)
        case .userSRPAuth, .customAuth: try await srpSignIn(details, withDevice: true)
        }
    }

    /// Starts custom authentication without SRP (`CUSTOM_AUTH`): the pool's triggers decide the
    /// challenges. `details.authParameters` are sent along with `USERNAME`.
    public func initiateAuth(_ details: AuthenticationDetails) async throws -> AuthenticationStep {
        setUsername(details.username)
        var parameters = details.authParameters
        parameters["USERNAME"] = details.username
        if let hash = try pool.secretHash(for: details.username) { parameters["SECRET_HASH"] = hash }
        let response = try await service.send(InitiateAuthRequest(
            authFlow: "CUSTOM_AUTH", clientId: pool.clientId, authParameters: parameters,
            clientMetadata: details.metadata))
        return try await handle(response)
    }

    private func srpSignIn(_ details: AuthenticationDetails, withDevice: Bool) async throws -> AuthenticationStep {
        let typed = details.username
        setUsername(typed)
        let helper = try AuthenticationHelper(poolName: pool.poolName)
        var device = withDevice ? try await store.loadDevice(username: typed) : nil
        var parameters = ["USERNAME": typed, "SRP_A": helper.srpA]
        if authenticationFlowType == .customAuth { parameters["CHALLENGE_NAME"] = "SRP_A" }
        if let device { parameters["DEVICE_KEY"] = device.deviceKey }
        if let hash = try pool.secretHash(for: typed) { parameters["SECRET_HASH"] = hash }
        let first = try await service.send(InitiateAuthRequest(
            authFlow: authenticationFlowType.rawValue, clientId: pool.clientId, authParameters: parameters,
            clientMetadata: details.metadata))
        guard first.challengeName == "PASSWORD_VERIFIER" else { return try await handle(first) }

        let challenge = first.challengeParameters ?? [:]
        let userId = challenge["USER_ID_FOR_SRP"] ?? challenge["USERNAME"] ?? typed
        setUsername(userId)
        if withDevice, device == nil, userId != typed { device = try await store.loadDevice(username: userId) }
        var responses = try passwordClaim(
            helper: helper, parameters: challenge, userId: userId, password: details.password)
        responses["USERNAME"] = userId
        if let device { responses["DEVICE_KEY"] = device.deviceKey }
        if let hash = try pool.secretHash(for: userId) { responses["SECRET_HASH"] = hash }
        do {
            let response = try await service.send(RespondToAuthChallengeRequest(
                challengeName: "PASSWORD_VERIFIER", clientId: pool.clientId, challengeResponses: responses,
                session: first.session, clientMetadata: details.metadata))
            return try await handle(response)
        } catch let error as CognitoServiceError where device != nil && Self.isStaleDevice(error) {
            try await forgetStaleDevice(names: [typed, userId])
            return try await srpSignIn(details, withDevice: false)
        }
    }

    private func passwordSignIn(_ details: AuthenticationDetails, withDevice: Bool) async throws -> AuthenticationStep {
        let typed = details.username
        setUsername(typed)
        let device = withDevice ? try await store.loadDevice(username: typed) : nil
        var parameters = ["USERNAME": typed, "PASSWORD": details.password]
        if let device { parameters["DEVICE_KEY"] = device.deviceKey }
        if let hash = try pool.secretHash(for: typed) { parameters["SECRET_HASH"] = hash }
        do {
            let response = try await service.send(InitiateAuthRequest(
                authFlow: "USER_PASSWORD_AUTH", clientId: pool.clientId, authParameters: parameters,
                clientMetadata: details.metadata))
            return try await handle(response)
        } catch let error as CognitoServiceError where device != nil && Self.isStaleDevice(error) {
            try await forgetStaleDevice(names: [typed])
            return try await passwordSignIn(details, withDevice: false)
        }
    }

    /// `ResourceNotFoundException: Device does not exist.`
    static func isStaleDevice(_ error: CognitoServiceError) -> Bool {
        error == .resourceNotFound && (error.message ?? "").lowercased().contains("device")
    }

    private func forgetStaleDevice(names: [String]) async throws {
        pool.logger?.debug("forgetting a device the service no longer knows", metadata: ["pool": "\(pool.userPoolId)"])
        for name in Set(names) { try await store.clearDevice(username: name) }
    }

    // MARK: Challenge answers

    /// Answers NEW_PASSWORD_REQUIRED with the new password and the required attributes
    /// (names without the `userAttributes.` prefix).
    public func completeNewPasswordChallenge(
        _ newPassword: String, requiredAttributes: [String: String] = [:], clientMetadata: [String: String]? = nil
    ) async throws -> AuthenticationStep {
        let challenge = try currentChallenge(expecting: ["NEW_PASSWORD_REQUIRED"])
        var responses = ["NEW_PASSWORD": newPassword]
        for (name, value) in requiredAttributes { responses["userAttributes.\(name)"] = value }
        return try await respond(challenge, responses, clientMetadata: clientMetadata)
    }

    /// Answers SMS_MFA or SOFTWARE_TOKEN_MFA with a code.
    public func sendMFACode(_ code: String, mfaType: MFAType = .sms, clientMetadata: [String: String]? = nil)
        async throws -> AuthenticationStep
    {
        let challenge = try currentChallenge(expecting: [mfaType.rawValue])
        var responses = [mfaType == .sms ? "SMS_MFA_CODE" : "SOFTWARE_TOKEN_MFA_CODE": code]
        if let device = try await store.loadDevice(username: challenge.responder) { responses["DEVICE_KEY"] = device.deviceKey }
        return try await respond(challenge, responses, clientMetadata: clientMetadata)
    }

    /// Answers SELECT_MFA_TYPE. The next step is whatever the service asks next.
    public func sendMFASelectionAnswer(_ mfaType: MFAType) async throws -> AuthenticationStep {
        let challenge = try currentChallenge(expecting: ["SELECT_MFA_TYPE"])
        return try await respond(challenge, ["ANSWER": mfaType.rawValue], clientMetadata: nil)
    }

    /// Answers CUSTOM_CHALLENGE.
    public func sendCustomChallengeAnswer(_ answer: String, clientMetadata: [String: String]? = nil)
        async throws -> AuthenticationStep
    {
        let challenge = try currentChallenge(expecting: ["CUSTOM_CHALLENGE"])
        var responses = ["ANSWER": answer]
        if let device = try await store.loadDevice(username: challenge.responder) { responses["DEVICE_KEY"] = device.deviceKey }
        return try await respond(challenge, responses, clientMetadata: clientMetadata)
    }

    /// Starts TOTP set-up and returns the secret for the authenticator app: during MFA_SETUP with
    /// the challenge's session, otherwise for the signed-in user.
    public func associateSoftwareToken() async throws -> String {
        if let challenge = state.current.challenge, challenge.name == "MFA_SETUP" {
            let response = try await service.send(AssociateSoftwareTokenRequest(session: challenge.session))
            state.withLock { $0.challenge?.session = response.session ?? challenge.session }
            guard let secret = response.secretCode else { throw CognitoUserError.unexpectedResponse }
            return secret
        }
        let session = try await getSession()
        let response = try await service.send(AssociateSoftwareTokenRequest(accessToken: session.accessToken.jwtToken))
        guard let secret = response.secretCode else { throw CognitoUserError.unexpectedResponse }
        return secret
    }

    /// Verifies the first code from the authenticator app. During MFA_SETUP this completes the
    /// sign-in (a new device is confirmed as after any sign-in); when signed in it enables the
    /// token and returns the current session.
    public func verifySoftwareToken(_ code: String, friendlyDeviceName: String? = nil) async throws -> AuthenticationStep {
        if let challenge = state.current.challenge, challenge.name == "MFA_SETUP" {
            let verified = try await service.send(VerifySoftwareTokenRequest(
                session: challenge.session, userCode: code, friendlyDeviceName: friendlyDeviceName))
            guard verified.status == "SUCCESS" else {
                throw CognitoServiceError(name: "EnableSoftwareTokenMFAException", message: "Code mismatch")
            }
            var next = challenge
            next.session = verified.session ?? challenge.session
            return try await respond(next, [:], clientMetadata: nil)
        }
        let session = try await getSession()
        let verified = try await service.send(VerifySoftwareTokenRequest(
            accessToken: session.accessToken.jwtToken, userCode: code, friendlyDeviceName: friendlyDeviceName))
        guard verified.status == "SUCCESS" else {
            throw CognitoServiceError(name: "EnableSoftwareTokenMFAException", message: "Code mismatch")
        }
        return .signedIn(session: session, userConfirmationNecessary: false)
    }

    private func currentChallenge(expecting names: Set<String>) throws -> Challenge {
        guard let challenge = state.current.challenge, names.contains(challenge.name) else {
            throw CognitoUserError.noChallengeInProgress
        }
        return challenge
    }

    private func respond(_ challenge: Challenge, _ answers: [String: String], clientMetadata: [String: String]?)
        async throws -> AuthenticationStep
    {
        var responses = answers
        responses["USERNAME"] = challenge.responder
        if let hash = try pool.secretHash(for: challenge.responder) { responses["SECRET_HASH"] = hash }
        let response = try await service.send(RespondToAuthChallengeRequest(
            challengeName: challenge.name, clientId: pool.clientId, challengeResponses: responses,
            session: challenge.session, clientMetadata: clientMetadata))
        return try await handle(response)
    }

    // MARK: Responses

    /// Turns a sign-in response into the next step: tokens (stored, device confirmed), the
    /// device's own SRP proof (answered here), or a challenge for the caller.
    func handle(_ response: AuthChallengeResponse) async throws -> AuthenticationStep {
        if let result = response.authenticationResult { return try await signedIn(result) }
        guard let name = response.challengeName else { throw CognitoUserError.unexpectedResponse }
        let parameters = response.challengeParameters ?? [:]
        let responder = parameters["USER_ID_FOR_SRP"] ?? parameters["USERNAME"] ?? username
        let challenge = Challenge(name: name, session: response.session, responder: responder)
        let step: AuthenticationStep
        switch name {
        case "DEVICE_SRP_AUTH":
            return try await deviceSignIn(challenge)
        case "SMS_MFA":
            step = .mfaRequired(codeDeliveryDetails: CodeDeliveryDetails(
                destination: parameters["CODE_DELIVERY_DESTINATION"],
                deliveryMedium: parameters["CODE_DELIVERY_DELIVERY_MEDIUM"]))
        case "SOFTWARE_TOKEN_MFA":
            step = .totpRequired
        case "SELECT_MFA_TYPE":
            step = .selectMFAType(options: Self.mfaTypes(parameters["MFAS_CAN_CHOOSE"]))
        case "MFA_SETUP":
            step = .mfaSetup(options: Self.mfaTypes(parameters["MFAS_CAN_SETUP"]))
        case "CUSTOM_CHALLENGE":
            step = .customChallenge(parameters: parameters)
        case "NEW_PASSWORD_REQUIRED":
            step = .newPasswordRequired(
                userAttributes: Self.writableAttributes(parameters["userAttributes"]),
                requiredAttributes: Self.stringList(parameters["requiredAttributes"]).map {
                    $0.hasPrefix("userAttributes.") ? String($0.dropFirst("userAttributes.".count)) : $0
                })
        default:
            // Unlike the JS library, nothing is cached for a challenge this library cannot answer.
            state.withLock { $0.challenge = nil }
            throw CognitoUserError.unsupportedChallenge(name)
        }
        state.withLock { $0.challenge = challenge }
        return step
    }

    /// DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER, with a fresh ephemeral, proving the
    /// remembered device's password.
    private func deviceSignIn(_ challenge: Challenge) async throws -> AuthenticationStep {
        var found = try await store.loadDevice(username: challenge.responder)
        if found == nil { found = try await store.loadDevice(username: username) }
        guard let device = found else { throw CognitoUserError.noDeviceRemembered }
        let helper = try AuthenticationHelper(poolName: device.deviceGroupKey)
        var responses = ["USERNAME": challenge.responder, "DEVICE_KEY": device.deviceKey, "SRP_A": helper.srpA]
        if let hash = try pool.secretHash(for: challenge.responder) { responses["SECRET_HASH"] = hash }
        let first = try await service.send(RespondToAuthChallengeRequest(
            challengeName: "DEVICE_SRP_AUTH", clientId: pool.clientId, challengeResponses: responses,
            session: challenge.session))
        guard first.challengeName == "DEVICE_PASSWORD_VERIFIER" else { return try await handle(first) }
        var answers = try passwordClaim(
            helper: helper, parameters: first.challengeParameters ?? [:], userId: device.deviceKey,
            password: device.randomPassword)
        answers["USERNAME"] = challenge.responder
        answers["DEVICE_KEY"] = device.deviceKey
        if let hash = try pool.secretHash(for: challenge.responder) { answers["SECRET_HASH"] = hash }
        let response = try await service.send(RespondToAuthChallengeRequest(
            challengeName: "DEVICE_PASSWORD_VERIFIER", clientId: pool.clientId, challengeResponses: answers,
            session: first.session))
        return try await handle(response)
    }

    /// The PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer to a challenge carrying `SRP_B`,
    /// `SALT` and `SECRET_BLOCK`: the secret block echoed, the TIMESTAMP, and the signature with the
    /// key derived for `userId` (the user id for SRP, or the device key) and `password`.
    private func passwordClaim(
        helper: AuthenticationHelper, parameters: [String: String], userId: String, password: String
    ) throws -> [String: String] {
        guard let serverB = parameters["SRP_B"] else { throw CognitoUserError.malformedChallenge("SRP_B") }
        guard let salt = parameters["SALT"] else { throw CognitoUserError.malformedChallenge("SALT") }
        guard let secretBlock = parameters["SECRET_BLOCK"] else { throw CognitoUserError.malformedChallenge("SECRET_BLOCK") }
        var key = try helper.passwordAuthenticationKey(
            username: userId, password: password, serverB: serverB, salt: salt)
        defer { key.secureClear() }
        let timestamp = PasswordClaim.timestamp(for: pool.clock.now())
        return [
            "PASSWORD_CLAIM_SECRET_BLOCK": secretBlock, "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SIGNATURE": try PasswordClaim.signature(
                key: key, poolName: helper.poolName, userId: userId, secretBlock: secretBlock, timestamp: timestamp),
        ]
    }

    /// Stores the new session under the canonical user name and, when the service hands out a
    /// new device, remembers it: the device keys are stored before ConfirmDevice, so the refresh
    /// token (bound to that device) keeps working even if confirmation fails.
    private func signedIn(_ result: AuthenticationResult) async throws -> AuthenticationStep {
        let session = try makeSession(result, previousRefreshToken: nil)
        let canonical = session.idToken.username ?? session.accessToken.username ?? username
        try await store.saveSession(session, username: canonical, clearingUserData: true)
        state.withLock {
            $0.username = canonical
            $0.session = session
            $0.challenge = nil
        }
        guard let metadata = result.newDeviceMetadata else {
            return .signedIn(session: session, userConfirmationNecessary: false)
        }
        let verifier = try DeviceVerifier(deviceGroupKey: metadata.deviceGroupKey, deviceKey: metadata.deviceKey)
        try await store.saveDevice(StoredDevice(
            deviceKey: metadata.deviceKey, deviceGroupKey: metadata.deviceGroupKey,
            randomPassword: verifier.randomPassword), username: canonical)
        let confirmation = try await service.send(ConfirmDeviceRequest(
            accessToken: session.accessToken.jwtToken, deviceKey: metadata.deviceKey,
            deviceSecretVerifierConfig: DeviceSecretVerifierConfig(
                passwordVerifier: verifier.passwordVerifier, salt: verifier.salt),
            deviceName: pool.deviceName))
        return .signedIn(session: session, userConfirmationNecessary: confirmation.userConfirmationNecessary ?? false)
    }

    /// A session from an AuthenticationResult; a refresh that returns no refresh token keeps the
    /// previous one. The clock drift is computed now, as the JS library does.
    func makeSession(_ result: AuthenticationResult, previousRefreshToken: CognitoRefreshToken?) throws
        -> CognitoUserSession
    {
        let refresh = result.refreshToken.map(CognitoRefreshToken.init(token:))
            ?? previousRefreshToken ?? CognitoRefreshToken(token: "")
        return CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: result.idToken),
            accessToken: try CognitoAccessToken(jwtToken: result.accessToken),
            refreshToken: refresh, clock: pool.clock)
    }

    func setUsername(_ name: String) { state.withLock { $0.username = name } }

    private static func mfaTypes(_ json: String?) -> [MFAType] { stringList(json).compactMap(MFAType.init(rawValue:)) }

    private static func stringList(_ json: String?) -> [String] {
        guard let data = json?.data(using: .utf8), let list = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return list
    }

    /// The attributes of NEW_PASSWORD_REQUIRED, without those a client may not write back (the
    /// JS library returns them, and echoing them fails: amplify-js#10491).
    private static func writableAttributes(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONParser.parseObject(json.utf8) else { return [:] }
        var out: [String: String] = [:]
        for (name, value) in object where !["sub", "email_verified", "phone_number_verified"].contains(name) {
            switch value {
            case .string(let text): out[name] = text
            case .bool(let flag): out[name] = flag ? "true" : "false"
            case .number(let number): out[name] = String(number)
            default: continue
            }
        }
        return out
    }
}
