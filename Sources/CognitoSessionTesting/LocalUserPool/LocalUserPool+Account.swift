import CognitoSession
import Foundation

extension LocalUserPool {
    /// Confirmation and reset codes stay valid this long.
    static let codeLifetime: TimeInterval = 86_400

    func signUp(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let username = try request.string("Username")
        let password = try request.string("Password")
        try checkSecretHash(request.optionalString("SecretHash"), client: client, username: username)
        guard resolveUser(username) == nil else {
            throw ServiceFault(name: "UsernameExistsException", message: "User already exists")
        }
        try checkPasswordPolicy(password)
        let attributes = try request.attributes("UserAttributes")
        try checkWritable(attributes.keys)
        let sub = try createUser(username: username, password: password, attributes: attributes, status: .unconfirmed)
        let user = try users[username].orThrow()
        let code = sendCode(to: username, purpose: .signUp, medium: user.attributes["email"] == nil ? "SMS" : "EMAIL")
        users[username]?.pendingCodes["signUp"] = (code, now().addingTimeInterval(Self.codeLifetime))
        return [
            "UserConfirmed": false, "UserSub": sub,
            "CodeDeliveryDetails": codeDeliveryDetails(
                for: user, attribute: user.attributes["email"] == nil ? "phone_number" : "email"),
            "Session": signUpSession(.signUp, user: username, client: client),
        ]
    }

    func confirmSignUp(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let username = try request.string("Username")
        try checkSecretHash(request.optionalString("SecretHash"), client: client, username: username)
        guard let name = resolveUser(username), let user = users[name] else { throw ServiceFault.userNotFound }
        guard user.status == .unconfirmed else {
            throw ServiceFault.notAuthorized("User cannot be confirmed. Current status is CONFIRMED")
        }
        try consumeCode("signUp", given: request.string("ConfirmationCode"), user: name)
        users[name]?.status = .confirmed
        if user.attributes["email"] != nil { users[name]?.attributes["email_verified"] = "true" }
        guard let given = try request.optionalString("Session"), let signedUp = sessions[given],
            signedUp.expected == .signUp, signedUp.username == name, signedUp.clientId == client.id,
            now() < signedUp.expires
        else { return [:] }
        sessions[given] = nil
        return ["Session": signUpSession(.signedUp, user: name, client: client)]
    }

    func resendConfirmationCode(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let username = try request.string("Username")
        try checkSecretHash(request.optionalString("SecretHash"), client: client, username: username)
        guard let name = resolveUser(username), let user = users[name] else { throw ServiceFault.userNotFound }
        guard user.status == .unconfirmed else { throw ServiceFault.invalidParameter("User is already confirmed.") }
        let code = sendCode(to: name, purpose: .signUp, medium: "EMAIL")
        users[name]?.pendingCodes["signUp"] = (code, now().addingTimeInterval(Self.codeLifetime))
        return ["CodeDeliveryDetails": codeDeliveryDetails(for: user)]
    }

    func forgotPassword(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let username = try request.string("Username")
        try checkSecretHash(request.optionalString("SecretHash"), client: client, username: username)
        guard let name = resolveUser(username), let user = users[name] else { throw ServiceFault.userNotFound }
        let code = sendCode(to: name, purpose: .forgotPassword, medium: "EMAIL")
        users[name]?.pendingCodes["forgotPassword"] = (code, now().addingTimeInterval(3600))
        return ["CodeDeliveryDetails": codeDeliveryDetails(for: user)]
    }

    func confirmForgotPassword(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let username = try request.string("Username")
        try checkSecretHash(request.optionalString("SecretHash"), client: client, username: username)
        guard let name = resolveUser(username) else { throw ServiceFault.userNotFound }
        let password = try request.string("Password")
        try checkPasswordPolicy(password)
        try consumeCode("forgotPassword", given: request.string("ConfirmationCode"), user: name)
        users[name]?.verifier = try makeVerifier(username: name, password: password)
        if users[name]?.status == .forceChangePassword { users[name]?.status = .confirmed }
        return [:]
    }

    func changePassword(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        guard try checkPassword(request.string("PreviousPassword"), for: user) else {
            throw ServiceFault.incorrectPassword
        }
        let proposed = try request.string("ProposedPassword")
        try checkPasswordPolicy(proposed)
        users[user.username]?.verifier = try makeVerifier(username: user.username, password: proposed)
        return [:]
    }

    func getUser(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        var result: [String: Any] = ["Username": user.username, "UserAttributes": wireAttributes(user.attributes)]
        addMFASettings(of: user, to: &result)
        return result
    }

    /// `UserMFASettingList` and `PreferredMfaSetting`, as GetUser and AdminGetUser answer them.
    func addMFASettings(of user: LocalUser, to result: inout [String: Any]) {
        var settings: [String] = []
        if user.smsMFAEnabled { settings.append("SMS_MFA") }
        if user.totpEnabled { settings.append("SOFTWARE_TOKEN_MFA") }
        if user.emailMFAEnabled { settings.append(ChallengeName.emailOTP.rawValue) }
        if !settings.isEmpty { result["UserMFASettingList"] = settings }
        if let preferred = user.preferredMFA { result["PreferredMfaSetting"] = preferred }
    }

    func updateUserAttributes(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let attributes = try request.attributes("UserAttributes")
        try checkWritable(attributes.keys)
        var deliveries: [[String: String]] = []
        for (name, value) in attributes {
            let changed = user.attributes[name] != value
            users[user.username]?.attributes[name] = value
            if changed, name == "email" || name == "phone_number" {
                users[user.username]?.attributes["\(name)_verified"] = "false"
                let code = sendCode(
                    to: user.username, purpose: .attributeVerification(name),
                    medium: name == "email" ? "EMAIL" : "SMS")
                users[user.username]?.pendingCodes["verify:\(name)"] = (
                    code, now().addingTimeInterval(Self.codeLifetime)
                )
                deliveries.append(codeDeliveryDetails(for: try users[user.username].orThrow(), attribute: name))
            }
        }
        return deliveries.isEmpty ? [:] : ["CodeDeliveryDetailsList": deliveries]
    }

    func deleteUserAttributes(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let names = try request.stringList("UserAttributeNames")
        try checkWritable(names)
        for name in names { users[user.username]?.attributes[name] = nil }
        return [:]
    }

    func deleteUser(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        users[user.username] = nil
        for (token, record) in refreshTokens where record.username == user.username {
            refreshTokens[token]?.revoked = true
            revokedOrigins.insert(record.originJTI)
        }
        return [:]
    }

    func getUserAttributeVerificationCode(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let name = try request.string("AttributeName")
        guard user.attributes[name] != nil else { throw ServiceFault.invalidParameter("Attribute \(name) is not set.") }
        let code = sendCode(
            to: user.username, purpose: .attributeVerification(name),
            medium: name == "phone_number" ? "SMS" : "EMAIL")
        users[user.username]?.pendingCodes["verify:\(name)"] = (code, now().addingTimeInterval(Self.codeLifetime))
        return ["CodeDeliveryDetails": codeDeliveryDetails(for: user, attribute: name)]
    }

    func verifyUserAttribute(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let name = try request.string("AttributeName")
        try consumeCode("verify:\(name)", given: request.string("Code"), user: user.username)
        users[user.username]?.attributes["\(name)_verified"] = "true"
        return [:]
    }

    /// Checks and uses up a one-time code.
    private func consumeCode(_ purpose: String, given: String, user: String) throws {
        guard let pending = users[user]?.pendingCodes[purpose] else { throw ServiceFault.codeMismatch }
        guard now() < pending.expires else { throw ServiceFault.expiredCode }
        guard constantTimeEquals(pending.code, given) else { throw ServiceFault.codeMismatch }
        users[user]?.pendingCodes[purpose] = nil
    }
}
