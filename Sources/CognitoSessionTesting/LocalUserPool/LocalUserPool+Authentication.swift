import CognitoSession
import Foundation

extension LocalUserPool {
    /// How long a challenge `Session` stays valid (the service's default is 3 minutes).
    static let sessionLifetime: TimeInterval = 180

    func initiateAuth(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let flow = try request.string("AuthFlow")
        let parameters = try request.stringMap("AuthParameters")
        switch flow {
        case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
            return try refreshTokenAuth(parameters, client: client)
        case AuthFlow.userAuth.rawValue:
            return try userAuth(parameters, client: client, signUpSession: request.optionalString("Session"))
        case "USER_SRP_AUTH":
            let (user, given) = try signInUser(parameters, client: client)
            return try startSRP(user: user, client: client, parameters: parameters, given: given, custom: false)
        case "USER_PASSWORD_AUTH":
            let (user, _) = try signInUser(parameters, client: client)
            guard let password = parameters["PASSWORD"], !password.isEmpty else {
                throw ServiceFault.missing("PASSWORD")
            }
            guard try checkPassword(password, for: user) else { throw ServiceFault.incorrectPassword }
            var state = newState(user: user, client: client, expected: .passwordVerifier)
            if let key = parameters["DEVICE_KEY"] {
                guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
                state.deviceKey = key
            }
            return try afterPassword(&state, user: user)
        case "CUSTOM_AUTH":
            guard let triggers = customAuth else {
                throw ServiceFault.invalidParameter("Custom auth lambda trigger is not configured for the user pool.")
            }
            let (user, given) = try signInUser(parameters, client: client)
            if parameters["CHALLENGE_NAME"] == "SRP_A" {
                var state = newState(user: user, client: client, expected: .passwordVerifier)
                state.isCustomFlow = true
                state.customHistory = [ChallengeResult(challengeName: "SRP_A", challengeResult: true)]
                guard triggers.define(state.customHistory) == .challenge("PASSWORD_VERIFIER") else {
                    throw ServiceFault.notAuthorized("Incorrect username or password.")
                }
                return try startSRP(user: user, client: client, parameters: parameters, given: given, custom: true)
            }
            var state = newState(user: user, client: client, expected: .customChallenge)
            state.isCustomFlow = true
            return try nextCustomStep(&state, user: user, triggers: triggers)
        default:
            throw ServiceFault.invalidParameter("Initiate Auth method not supported.")
        }
    }

    /// Finds the user of a sign-in and checks SECRET_HASH over the name as given.
    func signInUser(_ parameters: [String: String], client: AppClient) throws -> (LocalUser, String) {
        guard let given = parameters["USERNAME"], !given.isEmpty else { throw ServiceFault.missing("USERNAME") }
        try checkSecretHash(parameters["SECRET_HASH"], client: client, username: given)
        guard let name = resolveUser(given), let user = users[name] else { throw ServiceFault.userNotFound }
        guard user.enabled else { throw ServiceFault.notAuthorized("User is disabled.") }
        return (user, given)
    }

    func newState(user: LocalUser, client: AppClient, expected: ChallengeState.Expected) -> ChallengeState {
        ChallengeState(
            username: user.username, clientId: client.id, expected: expected,
            expires: now().addingTimeInterval(sessionLifetime(for: client)))
    }

    func startSRP(
        user: LocalUser, client: AppClient, parameters: [String: String], given: String, custom: Bool
    )
        throws -> [String: Any]
    {
        guard let srpA = parameters["SRP_A"], let a = try? BigNumber(hexadecimal: srpA) else {
            throw ServiceFault.missing("SRP_A")
        }
        let group = try SRPGroup.cognito()
        guard try !a.reduced(modulo: group.prime).isZero else { throw ServiceFault.invalidParameter("Invalid SRP_A.") }
        var state = newState(user: user, client: client, expected: .passwordVerifier)
        state.isCustomFlow = custom
        if custom { state.customHistory = [ChallengeResult(challengeName: "SRP_A", challengeResult: true)] }
        state.srp = try SRPServer(verifier: user.verifier)
        state.clientA = a
        state.secretBlock = Data(try SecureRandom.bytes(count: 64))
        state.deviceKey = parameters["DEVICE_KEY"]
        let srp = try state.srp.orThrow()
        return challenge(
            "PASSWORD_VERIFIER", state: state,
            parameters: [
                "SALT": user.verifier.salt.hexString,
                "SECRET_BLOCK": try state.secretBlock.orThrow().base64EncodedString(),
                "SRP_B": srp.largeB.hexString, "USERNAME": user.username, "USER_ID_FOR_SRP": user.username,
            ])
    }

    func respondToAuthChallenge(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let name = try request.string("ChallengeName")
        let responses = try request.stringMap("ChallengeResponses")
        let sessionID = try sessionKey(request, challengeName: name, responses: responses, clientId: client.id)
        guard var state = sessions.removeValue(forKey: sessionID), state.clientId == client.id else {
            throw ServiceFault.notAuthorized("Invalid session for the user.")
        }
        guard now() < state.expires else { throw ServiceFault.expiredSession }
        guard let username = responses["USERNAME"], !username.isEmpty else { throw ServiceFault.missing("USERNAME") }
        guard resolveUser(username) == state.username, let user = users[state.username] else {
            throw ServiceFault.notAuthorized("Incorrect username or password.")
        }
        try checkSecretHash(responses["SECRET_HASH"], client: client, username: username)
        state.expires = now().addingTimeInterval(sessionLifetime(for: client))

        switch (name, state.expected) {
        case ("PASSWORD_VERIFIER", .passwordVerifier):
            try verifyClaim(
                responses, state: state, poolName: poolName, userId: user.username,
                wrong: ServiceFault.incorrectPassword)
            if let key = responses["DEVICE_KEY"] ?? state.deviceKey {
                guard user.devices[key] != nil else { throw ServiceFault.deviceNotFound }
                state.deviceKey = key
            }
            if state.isCustomFlow, let triggers = customAuth {
                state.customHistory.append(ChallengeResult(challengeName: "PASSWORD_VERIFIER", challengeResult: true))
                return try nextCustomStep(&state, user: user, triggers: triggers)
            }
            return try afterPassword(&state, user: user)
        case ("DEVICE_SRP_AUTH", .deviceSRP):
            guard let key = responses["DEVICE_KEY"], key == state.deviceKey,
                let device = user.devices[key], let verifier = device.verifier
            else { throw ServiceFault.deviceNotFound }
            guard let srpA = responses["SRP_A"], let a = try? BigNumber(hexadecimal: srpA) else {
                throw ServiceFault.missing("SRP_A")
            }
            state.srp = try SRPServer(verifier: verifier)
            state.clientA = a
            state.secretBlock = Data(try SecureRandom.bytes(count: 64))
            state.expected = .devicePasswordVerifier
            return challenge(
                "DEVICE_PASSWORD_VERIFIER", state: state,
                parameters: [
                    "SALT": verifier.salt.hexString,
                    "SECRET_BLOCK": try state.secretBlock.orThrow().base64EncodedString(),
                    "SRP_B": try state.srp.orThrow().largeB.hexString, "USERNAME": user.username, "DEVICE_KEY": key,
                ])
        case ("DEVICE_PASSWORD_VERIFIER", .devicePasswordVerifier):
            guard let key = state.deviceKey, responses["DEVICE_KEY"] == key, var device = user.devices[key] else {
                throw ServiceFault.deviceNotFound
            }
            try verifyClaim(
                responses, state: state, poolName: device.groupKey, userId: key,
                wrong: ServiceFault.incorrectPassword)
            device.lastAuthenticated = now()
            users[user.username]?.devices[key] = device
            state.deviceVerified = true
            return try afterPassword(&state, user: user)
        case ("NEW_PASSWORD_REQUIRED", .newPassword):
            guard let password = responses["NEW_PASSWORD"], !password.isEmpty else {
                throw ServiceFault.missing("NEW_PASSWORD")
            }
            try checkPasswordPolicy(password)
            var attributes: [String: String] = [:]
            for (key, value) in responses where key.hasPrefix("userAttributes.") {
                attributes[String(key.dropFirst("userAttributes.".count))] = value
            }
            try checkWritable(attributes.keys)
            var updated = user
            for (key, value) in attributes { updated.attributes[key] = value }
            if let missing = requiredAttributes.first(where: { (updated.attributes[$0] ?? "").isEmpty }) {
                throw ServiceFault.invalidParameter("Invalid attributes given, \(missing) is missing")
            }
            updated.verifier = try makeVerifier(username: user.username, password: password)
            updated.status = .confirmed
            users[user.username] = updated
            return try afterPassword(&state, user: updated)
        case ("SMS_MFA", .smsMFA):
            guard let code = responses["SMS_MFA_CODE"], constantTimeEquals(code, state.smsCode) else {
                keepAfterWrongCode(state, sessionID)
                throw ServiceFault(name: "CodeMismatchException", message: "Invalid code or auth state for the user.")
            }
            state.mfaPassed = true
            return try afterPassword(&state, user: user)
        case ("SOFTWARE_TOKEN_MFA", .totpMFA):
            guard let code = responses["SOFTWARE_TOKEN_MFA_CODE"], let secret = user.totpSecret,
                try totpMatches(code, secret: secret)
            else {
                keepAfterWrongCode(state, sessionID)
                throw ServiceFault(name: "CodeMismatchException", message: "Invalid code received for user")
            }
            state.mfaPassed = true
            return try afterPassword(&state, user: user)
        case ("SELECT_MFA_TYPE", .selectMFA):
            switch responses["ANSWER"] {
            case "SMS_MFA": return try smsChallenge(&state, user: user)
            case ChallengeName.emailOTP.rawValue where user.emailMFAEnabled:
                return try oneTimeCodeChallenge(.emailOTP, &state, user: user, secondFactor: true)
            case "SOFTWARE_TOKEN_MFA":
                state.expected = .totpMFA
                return challenge("SOFTWARE_TOKEN_MFA", state: state, parameters: ["USERNAME": user.username])
            default: throw ServiceFault.invalidParameter("Invalid MFA type given.")
            }
        case ("MFA_SETUP", .mfaSetup):
            guard state.totpVerified else { throw ServiceFault.invalidParameter("Software token MFA is not set up.") }
            state.mfaPassed = true
            return try afterPassword(&state, user: users[user.username] ?? user)
        case ("SELECT_CHALLENGE", .selectChallenge), ("PASSWORD", .password), ("PASSWORD_SRP", .passwordSRP),
            ("EMAIL_OTP", .emailOTP), ("SMS_OTP", .smsOTP), ("WEB_AUTHN", .webAuthn):
            return try respondToUserAuth(name, &state, user: user, responses: responses, sessionID: sessionID)
        case ("CUSTOM_CHALLENGE", .customChallenge):
            guard let triggers = customAuth else { throw ServiceFault.notAuthorized("Incorrect username or password.") }
            let passed = triggers.verify(state.customPrivate, responses["ANSWER"] ?? "")
            state.customHistory.append(ChallengeResult(challengeName: "CUSTOM_CHALLENGE", challengeResult: passed))
            return try nextCustomStep(&state, user: user, triggers: triggers)
        default:
            throw ServiceFault.invalidParameter("Invalid challenge name \(name) for the session.")
        }
    }

    /// Checks PASSWORD_CLAIM_SIGNATURE against the key the server side derives.
    private func verifyClaim(
        _ responses: [String: String], state: ChallengeState, poolName: String, userId: String, wrong: ServiceFault
    ) throws {
        guard let block = responses["PASSWORD_CLAIM_SECRET_BLOCK"],
            constantTimeEquals(block, state.secretBlock?.base64EncodedString())
        else {
            throw ServiceFault.invalidParameter("Invalid PASSWORD_CLAIM_SECRET_BLOCK.")
        }
        guard let timestamp = responses["TIMESTAMP"], Self.isCognitoTimestamp(timestamp) else {
            throw ServiceFault.invalidParameter("TIMESTAMP format is invalid.")
        }
        guard let signature = responses["PASSWORD_CLAIM_SIGNATURE"], let srp = state.srp, let a = state.clientA else {
            throw ServiceFault.missing("PASSWORD_CLAIM_SIGNATURE")
        }
        var key = try srp.derivedKey(clientA: a)
        defer { key.secureClear() }
        let expected = try PasswordClaim.signature(
            key: key, poolName: poolName, userId: userId, secretBlock: block, timestamp: timestamp)
        guard constantTimeEquals(expected, signature) else { throw wrong }
    }

    /// `Sun Jan 7 05:06:07 UTC 2024`: the only form the service takes.
    static func isCognitoTimestamp(_ text: String) -> Bool {
        text.range(
            of: #"^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "#
                + #"([1-9]|[12][0-9]|3[01]) [0-2][0-9]:[0-5][0-9]:[0-5][0-9] UTC [0-9]{4}$"#,
            options: .regularExpression) != nil
    }

    /// What follows a verified password (or a completed MFA or device step): a new password,
    /// MFA, device SRP, or tokens.
    func afterPassword(_ state: inout ChallengeState, user: LocalUser) throws -> [String: Any] {
        if user.status == .unconfirmed {
            throw ServiceFault(name: "UserNotConfirmedException", message: "User is not confirmed.")
        }
        if user.status == .forceChangePassword {
            state.expected = .newPassword
            var shown = user.attributes
            shown["sub"] = nil
            let attributes = String(
                decoding: try JSONSerialization.data(withJSONObject: shown, options: .sortedKeys),
                as: UTF8.self)
            let required = requiredAttributes.filter { (user.attributes[$0] ?? "").isEmpty }.map {
                "userAttributes.\($0)"
            }
            let requiredJSON = String(decoding: try JSONSerialization.data(withJSONObject: required), as: UTF8.self)
            return challenge(
                "NEW_PASSWORD_REQUIRED", state: state,
                parameters: [
                    "USER_ID_FOR_SRP": user.username, "requiredAttributes": requiredJSON, "userAttributes": attributes,
                ])
        }
        let device = state.deviceKey.flatMap { user.devices[$0] }
        let rememberedDevice = device.map { $0.verifier != nil && $0.remembered } ?? false
        let hasFactor = user.smsMFAEnabled || user.totpEnabled || user.emailMFAEnabled
        if !state.mfaPassed, !state.passwordless, !rememberedDevice, mfaConfiguration != .off,
            hasFactor || mfaConfiguration == .required
        {
            if !hasFactor {
                state.expected = .mfaSetup
                return challenge("MFA_SETUP", state: state, parameters: ["MFAS_CAN_SETUP": #"["SOFTWARE_TOKEN_MFA"]"#])
            }
            if let email = try emailMFAChallenge(&state, user: user) { return email }
            if user.smsMFAEnabled, user.totpEnabled, user.preferredMFA == nil {
                state.expected = .selectMFA
                return challenge(
                    "SELECT_MFA_TYPE", state: state,
                    parameters: [
                        "MFAS_CAN_CHOOSE": #"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#, "USERNAME": user.username,
                    ])
            }
            if user.totpEnabled, user.preferredMFA != "SMS_MFA" || !user.smsMFAEnabled {
                state.expected = .totpMFA
                return challenge("SOFTWARE_TOKEN_MFA", state: state, parameters: ["USERNAME": user.username])
            }
            return try smsChallenge(&state, user: user)
        }
        if let device, device.verifier != nil, !state.deviceVerified {
            state.expected = .deviceSRP
            return challenge("DEVICE_SRP_AUTH", state: state, parameters: ["USERNAME": user.username])
        }
        let client = try client(state.clientId)
        var newDevice: [String: String]?
        if deviceTracking != .off, device == nil {
            let key = "\(region)_\(UUID().uuidString.lowercased())"
            let groupKey = "-" + Self.randomToken(alphabet: Self.alphanumerics, count: 9)
            users[user.username]?.devices[key] = LocalDevice(
                key: key, groupKey: groupKey, verifier: nil, name: nil, remembered: false,
                created: now(), lastModified: now(), lastAuthenticated: now())
            newDevice = ["DeviceGroupKey": groupKey, "DeviceKey": key]
        }
        return [
            "AuthenticationResult": try authenticationResult(
                user: user, client: client, deviceKey: device == nil ? nil : state.deviceKey, newDevice: newDevice),
            "ChallengeParameters": [String: String](),
        ]
    }

    private func smsChallenge(_ state: inout ChallengeState, user: LocalUser) throws -> [String: Any] {
        state.expected = .smsMFA
        state.smsCode = sendCode(to: user.username, purpose: .smsMFA, medium: "SMS")
        return challenge(
            "SMS_MFA", state: state,
            parameters: [
                "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                "CODE_DELIVERY_DESTINATION": Self.mask(user.attributes["phone_number"] ?? ""),
                "USERNAME": user.username,
            ])
    }

    private func nextCustomStep(
        _ state: inout ChallengeState, user: LocalUser, triggers: CustomAuthTriggers
    )
        throws -> [String: Any]
    {
        switch triggers.define(state.customHistory) {
        case .issueTokens:
            state.mfaPassed = false
            return try afterPassword(&state, user: user)
        case .fail:
            throw ServiceFault.notAuthorized("Incorrect username or password.")
        case .challenge(let name) where name == "CUSTOM_CHALLENGE":
            let created = triggers.create(state.customHistory)
            state.customPrivate = created.privateParameters
            state.expected = .customChallenge
            var parameters = created.publicParameters
            parameters["USERNAME"] = user.username
            return challenge("CUSTOM_CHALLENGE", state: state, parameters: parameters)
        case .challenge:
            throw ServiceFault(
                name: "InvalidLambdaResponseException",
                message: "Define auth challenge returned a challenge this step cannot take.")
        }
    }

    /// Stores the state under a fresh Session and returns the challenge.
    func challenge(
        _ name: String, state: ChallengeState, parameters: [String: String], available: [String]? = nil
    ) -> [String: Any] {
        let session = Self.randomToken(alphabet: Self.alphanumerics, count: 120)
        sessions[session] = state
        var answer: [String: Any] = ["ChallengeName": name, "ChallengeParameters": parameters, "Session": session]
        if let available { answer["AvailableChallenges"] = available }
        return answer
    }

    /// How many wrong MFA codes one sign-in session takes before it ends (Cognito lets the user retry).
    static let mfaCodeAttempts = 3

    /// Puts a session back after a wrong MFA code, so the same challenge may be answered again,
    /// until ``mfaCodeAttempts`` wrong codes end it.
    private func keepAfterWrongCode(_ state: ChallengeState, _ sessionID: String) {
        var state = state
        state.wrongCodes += 1
        if state.wrongCodes < Self.mfaCodeAttempts { sessions[sessionID] = state }
    }

    func totpMatches(_ code: String, secret: String) throws -> Bool {
        let counter = TOTP.counter(at: now())
        let key = try Base32.decode(secret)
        for step in [counter - 1, counter, counter + 1]
        where try constantTimeEquals(TOTP.code(key: key, counter: step), code) {
            return true
        }
        return false
    }

    func checkWritable(_ names: some Sequence<String>) throws {
        for name in names where ["sub", "email_verified", "phone_number_verified"].contains(name) {
            throw ServiceFault.notAuthorized("A client attempted to write unauthorized attribute")
        }
    }
}

extension Optional {
    func orThrow() throws -> Wrapped {
        guard let value = self else {
            throw ServiceFault(name: "InternalErrorException", message: "Internal error.", status: 500)
        }
        return value
    }
}
