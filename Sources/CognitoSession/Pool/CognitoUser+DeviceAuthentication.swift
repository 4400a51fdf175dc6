extension CognitoUser {
    /// DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER, with a fresh ephemeral, proving the
    /// sign-in's remembered device's password.
    func deviceSignIn(_ challenge: Challenge) async throws -> AuthenticationStep {
        guard let device = state.current.signInDevice else { throw CognitoUserError.noDeviceRemembered }
        let helper = try AuthenticationHelper(poolName: device.deviceGroupKey)
        let first = try await service.send(
            RespondToAuthChallengeRequest(
                challengeName: .deviceSRPAuth, clientId: pool.clientId,
                challengeResponses: try pool.credentials.authParameters(
                    [AuthParameter.srpA: helper.srpA], username: challenge.responder, deviceKey: device.deviceKey),
                session: challenge.session))
        guard first.challengeName == .devicePasswordVerifier else { return try await handle(first) }
        let claim = try passwordClaim(
            helper: helper, parameters: first.challengeParameters ?? [:], userId: device.deviceKey,
            password: device.randomPassword)
        let response = try await service.send(
            RespondToAuthChallengeRequest(
                challengeName: .devicePasswordVerifier, clientId: pool.clientId,
                challengeResponses: try pool.credentials.authParameters(
                    claim, username: challenge.responder, deviceKey: device.deviceKey),
                session: first.session))
        return try await handle(response)
    }

    /// The PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer to a challenge carrying `SRP_B`,
    /// `SALT` and `SECRET_BLOCK`: the secret block echoed, the TIMESTAMP, and the signature with the
    /// key derived for `userId` (the user id for SRP, or the device key) and `password`.
    func passwordClaim(
        helper: AuthenticationHelper, parameters: [String: String], userId: String, password: String
    ) throws -> [String: String] {
        func required(_ name: String) throws -> String {
            guard let value = parameters[name] else { throw CognitoUserError.malformedChallenge(name) }
            return value
        }
        let serverB = try required(AuthParameter.srpB)
        let salt = try required(AuthParameter.salt)
        let secretBlock = try required(AuthParameter.secretBlock)
        var key = try helper.passwordAuthenticationKey(
            username: userId, password: password, serverB: serverB, salt: salt)
        defer { key.secureClear() }
        let timestamp = PasswordClaim.timestamp(for: pool.clock.now())
        return [
            AuthParameter.passwordClaimSecretBlock: secretBlock, AuthParameter.timestamp: timestamp,
            AuthParameter.passwordClaimSignature: try PasswordClaim.signature(
                key: key, poolName: helper.poolName, userId: userId, secretBlock: secretBlock, timestamp: timestamp),
        ]
    }
}
