import CognitoSession
import Foundation

extension LocalUserPool {
    /// Sets the pool's passkey relying party, as SetUserPoolMfaConfig's `WebAuthnConfiguration` does.
    ///
    /// - Parameters:
    ///   - relyingPartyId: the RP id (a domain, e.g. `example.com`); origins `https://<id>` and
    ///     `https://<name>.<id>` are accepted (and `http://localhost[:port]` for `localhost`).
    ///   - userVerification: whether the UV flag is required.
    ///   - extraOrigins: other exact origins to accept (a pool's own behaviour is the rule above alone).
    public func setWebAuthnConfiguration(
        relyingPartyId: String?, userVerification: PasskeyUserVerification = .preferred, extraOrigins: [String] = []
    ) {
        passkeys.relyingPartyId = relyingPartyId
        passkeys.userVerification = userVerification
        passkeys.extraOrigins = extraOrigins
    }

    /// The signature counter the pool holds for a user's passkey (credential id in base64url).
    public func passkeySignatureCount(forUser username: String, credentialId: String) -> UInt32? {
        guard let name = resolveUser(username), let id = Base64URL.decode(credentialId) else { return nil }
        return passkeys.credentials[name]?.first { $0.id == id }?.signCount
    }

    /// Checks a WEB_AUTHN answer (`CREDENTIAL`) by `username` for `challenge` and moves the passkey's
    /// counter on; every refusal is NotAuthorizedException. Returns the new counter.
    @discardableResult
    func verifyPasskeyAssertion(username: String, credential: String, challenge: [UInt8]) throws -> UInt32 {
        guard let relyingParty = passkeys.relyingParty, let user = users[username] else {
            throw ServiceFault.passkeyNotAccepted
        }
        let parsed = try Self.jsonValue(credential)
        let (index, count) = try relyingParty.verifyAssertion(
            parsed, challenge: challenge, passkeys: passkeys.credentials[username] ?? [],
            userHandle: Array(user.sub.utf8))
        passkeys.credentials[username]?[index].signCount = count
        return count
    }

    /// Whether USER_AUTH can offer WEB_AUTHN to `username`: the pool has a relying party and the user a passkey.
    func hasPasskey(_ username: String) -> Bool {
        passkeys.relyingPartyId != nil && !(passkeys.credentials[username] ?? []).isEmpty
    }

    /// The WEB_AUTHN challenge's `CREDENTIAL_REQUEST_OPTIONS` for `username`, with a fresh challenge
    /// (returned too, for the sign-in's state): the RP id, the user's passkeys, the UV setting.
    func webAuthnRequestOptions(for username: String) throws -> (json: String, challenge: [UInt8]) {
        guard let rpId = passkeys.relyingPartyId else { throw ServiceFault.webAuthnConfigurationMissing }
        let challenge = try SecureRandom.bytes(count: 32)
        let options: [String: Any] = [
            "challenge": Base64URL.encode(challenge), "rpId": rpId,
            "timeout": Int(PasskeyStore.challengeLifetime * 1000),
            "userVerification": passkeys.userVerification.rawValue,
            "allowCredentials": (passkeys.credentials[username] ?? []).map { passkey -> [String: Any] in
                ["id": Base64URL.encode(passkey.id), "type": "public-key", "transports": passkey.transports]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys, .withoutEscapingSlashes])
        return (String(decoding: data, as: UTF8.self), challenge)
    }

    func startWebAuthnRegistration(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        guard let rpId = passkeys.relyingPartyId else { throw ServiceFault.webAuthnConfigurationMissing }
        let challenge = try SecureRandom.bytes(count: 32)
        passkeys.registrations[user.username] = PasskeyStore.PendingRegistration(
            challenge: challenge, clientId: Self.clientId(ofAccessToken: try request.string("AccessToken")),
            expires: now().addingTimeInterval(PasskeyStore.challengeLifetime))
        let excluded = (passkeys.credentials[user.username] ?? []).map {
            ["id": Base64URL.encode($0.id), "type": "public-key"]
        }
        let options: [String: Any] = [
            "challenge": Base64URL.encode(challenge),
            "rp": ["id": rpId, "name": rpId],
            "user": [
                "id": Base64URL.encode(Array(user.sub.utf8)), "name": user.username,
                "displayName": user.attributes["name"] ?? user.username,
            ],
            "pubKeyCredParams": WebAuthnRelyingParty.algorithms.map { ["type": "public-key", "alg": $0.rawValue] },
            "timeout": Int(PasskeyStore.challengeLifetime * 1000),
            "excludeCredentials": excluded,
            "authenticatorSelection": [
                "residentKey": "required", "requireResidentKey": true,
                "userVerification": passkeys.userVerification.rawValue,
            ],
        ]
        return ["CredentialCreationOptions": options]
    }

    func completeWebAuthnRegistration(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        guard let relyingParty = passkeys.relyingParty else { throw ServiceFault.webAuthnConfigurationMissing }
        guard let given = request.fields["Credential"] else { throw ServiceFault.missing("Credential") }
        let credential = try Self.jsonValue(given)
        guard let pending = passkeys.registrations[user.username], pending.expires > now() else {
            throw ServiceFault.webAuthnChallengeNotFound
        }
        guard pending.clientId == Self.clientId(ofAccessToken: try request.string("AccessToken")) else {
            throw ServiceFault.webAuthnClientMismatch
        }
        let passkey = try relyingParty.verifyRegistration(
            credential, challenge: pending.challenge, created: now().timeIntervalSince1970)
        passkeys.registrations[user.username] = nil
        guard !passkeys.credentials.values.contains(where: { $0.contains { $0.id == passkey.id } }) else {
            throw ServiceFault.invalidParameter("The passkey credential is registered already.")
        }
        guard (passkeys.credentials[user.username]?.count ?? 0) < PasskeyStore.maximumPerUser else {
            throw ServiceFault(name: "LimitExceededException", message: "The user has the most passkeys allowed.")
        }
        passkeys.credentials[user.username, default: []].append(passkey)
        return [:]
    }

    func listWebAuthnCredentials(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let limit = try request.optionalInt("MaxResults") ?? 20
        guard (1...20).contains(limit) else { throw ServiceFault.invalidParameter("MaxResults must be 1 to 20.") }
        let all = passkeys.credentials[user.username] ?? []
        let start = Int(try request.optionalString("NextToken") ?? "0") ?? -1
        guard start >= 0, start <= all.count else { throw ServiceFault.invalidParameter("Invalid NextToken.") }
        let page = all[start..<min(start + limit, all.count)].map { passkey -> [String: Any] in
            var entry: [String: Any] = [
                "CredentialId": Base64URL.encode(passkey.id), "RelyingPartyId": passkey.relyingPartyId,
                "AuthenticatorTransports": passkey.transports, "CreatedAt": passkey.created,
            ]
            if let attachment = passkey.attachment { entry["AuthenticatorAttachment"] = attachment }
            return entry
        }
        var result: [String: Any] = ["Credentials": page]
        if start + limit < all.count { result["NextToken"] = String(start + limit) }
        return result
    }

    func deleteWebAuthnCredential(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let id = Base64URL.decode(try request.string("CredentialId"))
        guard let id, let index = passkeys.credentials[user.username]?.firstIndex(where: { $0.id == id }) else {
            throw ServiceFault.resourceNotFound("Credential not found.")
        }
        passkeys.credentials[user.username]?.remove(at: index)
        return [:]
    }

    /// Whether `operation` is one of the passkey operations, and its answer.
    func handlePasskeys(_ operation: String, _ request: WireObject) throws -> [String: Any]? {
        switch operation {
        case "StartWebAuthnRegistration": try startWebAuthnRegistration(request)
        case "CompleteWebAuthnRegistration": try completeWebAuthnRegistration(request)
        case "ListWebAuthnCredentials": try listWebAuthnCredentials(request)
        case "DeleteWebAuthnCredential": try deleteWebAuthnCredential(request)
        case "SetUserPoolMfaConfig": try setUserPoolMfaConfig(request)
        case "GetUserPoolMfaConfig": mfaConfigAnswer()
        default: nil
        }
    }

    /// SetUserPoolMfaConfig: the pool's MFA setting and its `WebAuthnConfiguration`.
    func setUserPoolMfaConfig(_ request: WireObject) throws -> [String: Any] {
        switch try request.optionalString("MfaConfiguration") {
        case nil: break
        case "OFF": mfaConfiguration = .off
        case "ON": mfaConfiguration = .required
        case "OPTIONAL": mfaConfiguration = .optional
        case let other?: throw ServiceFault.invalidParameter("Invalid MfaConfiguration \(other).")
        }
        try configurePasskeys(from: request)
        return mfaConfigAnswer()
    }

    /// Reads `WebAuthnConfiguration` (`RelyingPartyId`, `UserVerification`) from a SetUserPoolMfaConfig
    /// request, or from a CreateUserPool request or `serve --config` pool, where LocalUserPool also takes it.
    func configurePasskeys(from request: WireObject) throws {
        guard let configuration = try request.optionalObject("WebAuthnConfiguration") else { return }
        let rpId = try configuration.optionalString("RelyingPartyId")
        if let rpId, rpId.isEmpty || rpId.count > 127 || rpId.contains("/") || rpId.contains(":") {
            throw ServiceFault.invalidParameter("RelyingPartyId must be a domain name.")
        }
        let verification = try configuration.optionalString("UserVerification") ?? "preferred"
        guard let userVerification = PasskeyUserVerification(rawValue: verification) else {
            throw ServiceFault.invalidParameter("UserVerification must be required or preferred.")
        }
        passkeys.relyingPartyId = rpId
        passkeys.userVerification = userVerification
    }

    private func mfaConfigAnswer() -> [String: Any] {
        var webAuthn: [String: Any] = ["UserVerification": passkeys.userVerification.rawValue]
        if let rpId = passkeys.relyingPartyId { webAuthn["RelyingPartyId"] = rpId }
        let mfa =
            switch mfaConfiguration {
            case .off: "OFF"
            case .optional: "OPTIONAL"
            case .required: "ON"
            }
        return ["MfaConfiguration": mfa, "WebAuthnConfiguration": webAuthn]
    }

    /// A document member (`Credential`) or a JSON string (`CREDENTIAL`) as a ``JSONValue``, through the
    /// library's depth-limited parser.
    static func jsonValue(_ value: Any) throws -> JSONValue {
        let refusal = ServiceFault.invalidParameter("The passkey credential is malformed.")
        let bytes: [UInt8]
        if let text = value as? String {
            bytes = Array(text.utf8)
        } else {
            guard JSONSerialization.isValidJSONObject(value),
                let data = try? JSONSerialization.data(withJSONObject: value)
            else { throw refusal }
            bytes = Array(data)
        }
        guard bytes.count <= WebAuthnRelyingParty.maximumCredentialLength,
            let object = try? JSONParser.parseObject(bytes)
        else { throw refusal }
        return .object(object)
    }

    /// The `client_id` claim of an access token the pool has already verified.
    private static func clientId(ofAccessToken token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])),
            let claims = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any]
        else { return nil }
        return claims["client_id"] as? String
    }
}
