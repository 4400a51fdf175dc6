import Foundation

extension CognitoUser {
    /// Turns a sign-in response into the next step: tokens (stored, device confirmed), the
    /// device's own SRP proof (answered here), or a challenge for the caller.
    func handle(_ response: AuthChallengeResponse) async throws -> AuthenticationStep {
        if let result = response.authenticationResult { return try await signedIn(result) }
        guard let name = response.challengeName else { throw CognitoUserError.unexpectedResponse }
        let parameters = response.challengeParameters ?? [:]
        let responder = parameters[AuthParameter.userIdForSRP] ?? parameters[AuthParameter.username] ?? username
        let challenge = Challenge(name: name, session: response.session, responder: responder)
        let step: AuthenticationStep
        switch name {
        case .deviceSRPAuth:
            return try await deviceSignIn(challenge)
        case .smsMFA:
            step = .mfaRequired(codeDeliveryDetails: Self.codeDelivery(parameters))
        case .softwareTokenMFA:
            step = .totpRequired
        case .selectMFAType:
            step = .selectMFAType(options: Self.mfaTypes(parameters[AuthParameter.mfasCanChoose]))
        case .mfaSetup:
            step = .mfaSetup(options: Self.mfaTypes(parameters[AuthParameter.mfasCanSetup]))
        case .customChallenge:
            step = .customChallenge(parameters: parameters)
        case .selectChallenge:
            step = .selectChallenge(availableChallenges: response.availableChallenges ?? [])
        case .password, .passwordSRP:
            step = .passwordRequired
        case .emailOTP:
            step = .emailOTPRequired(codeDeliveryDetails: Self.codeDelivery(parameters))
        case .smsOTP:
            step = .smsOTPRequired(codeDeliveryDetails: Self.codeDelivery(parameters))
        case .webAuthn:
            guard let options = parameters[AuthParameter.credentialRequestOptions] else {
                throw CognitoUserError.malformedChallenge(AuthParameter.credentialRequestOptions)
            }
            step = .webAuthnRequired(credentialRequestOptions: options)
        case .newPasswordRequired:
            let prefix = AuthParameter.userAttributePrefix
            step = .newPasswordRequired(
                userAttributes: Self.writableAttributes(parameters[AuthParameter.userAttributes]),
                requiredAttributes: Self.stringList(parameters[AuthParameter.requiredAttributes]).map {
                    $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0
                })
        default:
            // Unlike the JS library, nothing is cached for a challenge this library cannot answer.
            state.withLock { $0.challenge = nil }
            throw CognitoUserError.unsupportedChallenge(name.rawValue)
        }
        state.withLock { $0.challenge = challenge }
        return step
    }

    /// Stores the new session under the canonical user name and, when the service hands out a
    /// new device, remembers it: the device keys are stored before ConfirmDevice, so the refresh
    /// token (bound to that device) keeps working even if confirmation fails.
    private func signedIn(_ result: AuthenticationResult) async throws -> AuthenticationStep {
        let session = try makeSession(result, previousRefreshToken: nil, expectedSub: nil)
        let canonical = session.username ?? username
        // A refresh still in flight for this user must not overwrite the new session.
        pool.newSessionGeneration(for: UserKey(canonical))
        let typed = state.current.signInName?.typed
        try await store.saveSession(
            session, username: canonical, clearingUserData: true, signedInAs: typed)
        state.withLock {
            $0.username = canonical
            $0.session = session
            $0.challenge = nil
            $0.signInDevice = nil
            $0.signInName = nil
        }
        pool.unsavedSessions.withLock { $0[UserKey(canonical)] = nil }
        await sendPendingRevocations(canonical)
        guard let metadata = result.newDeviceMetadata else {
            return .signedIn(session: session, userConfirmationNecessary: false)
        }
        let verifier = try DeviceVerifier(deviceGroupKey: metadata.deviceGroupKey, deviceKey: metadata.deviceKey)
        try await store.saveDevice(
            StoredDevice(
                deviceKey: metadata.deviceKey, deviceGroupKey: metadata.deviceGroupKey,
                randomPassword: verifier.randomPassword), username: canonical)
        let confirmation = try await service.send(
            ConfirmDeviceRequest(
                accessToken: session.accessToken.jwtToken, deviceKey: metadata.deviceKey,
                deviceSecretVerifierConfig: DeviceSecretVerifierConfig(
                    passwordVerifier: verifier.passwordVerifier, salt: verifier.salt),
                deviceName: pool.deviceName))
        return .signedIn(session: session, userConfirmationNecessary: confirmation.userConfirmationNecessary ?? false)
    }

    private static func codeDelivery(_ parameters: [String: String]) -> CodeDeliveryDetails {
        CodeDeliveryDetails(
            destination: parameters[AuthParameter.codeDeliveryDestination],
            deliveryMedium: parameters[AuthParameter.codeDeliveryMedium])
    }

    private static func mfaTypes(_ json: String?) -> [MFAType] { stringList(json).map(MFAType.init(rawValue:)) }

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
