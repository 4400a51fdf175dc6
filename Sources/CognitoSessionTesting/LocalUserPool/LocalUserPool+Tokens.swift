import CognitoSession
import Foundation

extension LocalUserPool {
    /// Issues an access and an ID token (and, for a new sign-in, a refresh token) and returns the
    /// `AuthenticationResult` object.
    func authenticationResult(
        user: LocalUser, client: AppClient, deviceKey: String?, newDevice: [String: String]? = nil,
        refresh: RefreshTokenRecord? = nil, issueRefreshToken: Bool = true, scope: String? = nil,
        nonce: String? = nil, authTime: Date? = nil
    ) throws -> [String: Any] {
        let now = now()
        let originJTI = refresh?.originJTI ?? UUID().uuidString.lowercased()
        let authTime = refresh?.authTime ?? authTime ?? now
        // The scopes of a hosted-UI session (kept by its refresh tokens); the JSON API's sessions have the one.
        let scope = scope ?? refresh?.scope
        let eventID = UUID().uuidString.lowercased()
        let boundDevice = deviceKey ?? newDevice?["DeviceKey"]
        var access: [String: AnyEncodable] = [
            "sub": .string(user.sub), "iss": .string(issuer), "client_id": .string(client.id),
            "origin_jti": .string(originJTI), "event_id": .string(eventID), "token_use": .string("access"),
            "scope": .string(scope ?? "aws.cognito.signin.user.admin"),
            "auth_time": .int(Int(authTime.timeIntervalSince1970)),
            "exp": .int(Int(now.addingTimeInterval(client.accessTokenLifetime).timeIntervalSince1970)),
            "iat": .int(Int(now.timeIntervalSince1970)), "jti": .string(UUID().uuidString.lowercased()),
            "username": .string(user.username),
        ]
        if let boundDevice { access["device_key"] = .string(boundDevice) }
        var id: [String: AnyEncodable] = [
            "sub": .string(user.sub), "iss": .string(issuer), "cognito:username": .string(user.username),
            "origin_jti": .string(originJTI), "aud": .string(client.id), "event_id": .string(eventID),
            "token_use": .string("id"), "auth_time": .int(Int(authTime.timeIntervalSince1970)),
            "exp": .int(Int(now.addingTimeInterval(client.idTokenLifetime).timeIntervalSince1970)),
            "iat": .int(Int(now.timeIntervalSince1970)), "jti": .string(UUID().uuidString.lowercased()),
        ]
        if let nonce { id["nonce"] = .string(nonce) }
        for (name, value) in user.attributes where name != "sub" {
            id[name] = name.hasSuffix("_verified") ? .bool(value == "true") : .string(value)
        }
        var result: [String: Any] = [
            "AccessToken": signLater(access), "IdToken": signLater(id),
            "ExpiresIn": Int(client.accessTokenLifetime), "TokenType": "Bearer",
        ]
        if issueRefreshToken {
            let token = "local." + Self.randomToken(alphabet: Self.alphanumerics, count: 40)
            refreshTokens[token] = RefreshTokenRecord(
                username: user.username, clientId: client.id, originJTI: originJTI, deviceKey: boundDevice,
                issued: now, expires: refresh?.expires ?? now.addingTimeInterval(client.refreshTokenLifetime),
                authTime: authTime, scope: scope)
            result["RefreshToken"] = token
        }
        if let newDevice { result["NewDeviceMetadata"] = newDevice }
        return result
    }

    /// Checks an access token as the service does: signature, `token_use`, expiry, revocation.
    func authenticate(_ request: WireObject) throws -> LocalUser {
        let token = try request.string("AccessToken")
        let claims = try accessClaims(token)
        guard let username = claims["username"] as? String, let user = users[username] else {
            throw ServiceFault.notAuthorized("User does not exist.")
        }
        guard let exp = claims["exp"] as? Int, Double(exp) > now().timeIntervalSince1970 else {
            throw ServiceFault.notAuthorized("Access Token has expired")
        }
        if revokedOrigins.contains(claims["origin_jti"] as? String ?? "") {
            throw ServiceFault.notAuthorized("Access Token has been revoked")
        }
        return user
    }

    func accessClaims(_ token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, keyRing.verify(token), let payload = Base64URL.decode(String(parts[1])),
            let claims = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
            claims["token_use"] as? String == "access"
        else { throw ServiceFault.notAuthorized("Invalid Access Token") }
        return claims
    }

    /// REFRESH_TOKEN_AUTH / REFRESH_TOKEN.
    func refreshTokenAuth(_ parameters: [String: String], client: AppClient) throws -> [String: Any] {
        guard let token = parameters["REFRESH_TOKEN"], !token.isEmpty else {
            throw ServiceFault.missing("REFRESH_TOKEN")
        }
        guard client.refreshTokenRotationGracePeriod == nil else {
            throw ServiceFault.notAuthorized(
                "Refresh token rotation is enabled for this app client: use GetTokensFromRefreshToken")
        }
        let (record, user) = try validRefreshToken(token, client: client, deviceKey: parameters["DEVICE_KEY"])
        try checkSecretHash(parameters["SECRET_HASH"], client: client, username: user.username)
        return [
            "AuthenticationResult": try authenticationResult(
                user: user, client: client, deviceKey: record.deviceKey, refresh: record, issueRefreshToken: false),
            "ChallengeParameters": [String: String](),
        ]
    }

    /// GetTokensFromRefreshToken, with rotation when the client has it.
    func getTokensFromRefreshToken(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let token = try request.string("RefreshToken")
        if let secret = client.secret {
            guard let given = try request.optionalString("ClientSecret") else {
                throw ServiceFault.notAuthorized(
                    "Client \(client.id) is configured for secret but secret was not received")
            }
            guard constantTimeEquals(given, secret) else {
                throw ServiceFault.notAuthorized("Unable to verify secret hash for client \(client.id)")
            }
        }
        let (record, user) = try validRefreshToken(
            token, client: client, deviceKey: request.optionalString("DeviceKey"))
        guard client.refreshTokenRotationGracePeriod != nil else {
            return [
                "AuthenticationResult": try authenticationResult(
                    user: user, client: client, deviceKey: record.deviceKey, refresh: record, issueRefreshToken: false)
            ]
        }
        if refreshTokens[token]?.replacedAt == nil { refreshTokens[token]?.replacedAt = now() }
        return [
            "AuthenticationResult": try authenticationResult(
                user: user, client: client, deviceKey: record.deviceKey, refresh: record, issueRefreshToken: true)
        ]
    }

    func validRefreshToken(
        _ token: String, client: AppClient, deviceKey: String?
    )
        throws -> (RefreshTokenRecord, LocalUser)
    {
        guard let record = refreshTokens[token], record.clientId == client.id else {
            throw ServiceFault.notAuthorized("Invalid Refresh Token")
        }
        guard !record.revoked, !revokedOrigins.contains(record.originJTI) else {
            throw ServiceFault.notAuthorized("Refresh Token has been revoked")
        }
        guard now() < record.expires else { throw ServiceFault.notAuthorized("Refresh Token has expired") }
        if let replaced = record.replacedAt, let grace = client.refreshTokenRotationGracePeriod,
            now() >= replaced.addingTimeInterval(grace)
        {
            throw ServiceFault(name: "RefreshTokenReuseException", message: "Refresh token has been used already.")
        }
        // A token issued with a device works only together with that device's key.
        if let bound = record.deviceKey, bound != deviceKey {
            throw ServiceFault.notAuthorized("Invalid Refresh Token")
        }
        guard let user = users[record.username] else { throw ServiceFault.notAuthorized("User does not exist.") }
        guard user.enabled else { throw ServiceFault.notAuthorized("User is disabled.") }
        return (record, user)
    }

    /// RevokeToken: revokes a refresh token and every token issued from it.
    func revokeToken(_ request: WireObject) throws -> [String: Any] {
        let client = try client(request.string("ClientId"))
        let token = try request.string("Token")
        if let secret = client.secret, try !constantTimeEquals(request.optionalString("ClientSecret"), secret) {
            throw ServiceFault.notAuthorized("Unable to verify secret hash for client \(client.id)")
        }
        guard let record = refreshTokens[token], record.clientId == client.id else {
            throw ServiceFault(name: "UnsupportedTokenTypeException", message: "Unsupported token type.")
        }
        refreshTokens[token]?.revoked = true
        revokedOrigins.insert(record.originJTI)
        return [:]
    }

    /// GlobalSignOut: every token the user holds stops working.
    func globalSignOut(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        for record in refreshTokens.values where record.username == user.username {
            revokedOrigins.insert(record.originJTI)
        }
        return [:]
    }
}

/// A JSON value for token claims.
enum AnyEncodable: Encodable {
    case string(String), int(Int), bool(Bool)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
