import CognitoSession
import Foundation

// The token endpoint (`authorization_code`, `refresh_token`, `client_credentials`) and the revoke endpoint.
extension LocalUserPool {
    func token(_ form: FormFields, client: AppClient) throws(OAuth2Refusal) -> OAuth2Answer {
        switch form["grant_type"].map(OAuth2GrantType.init(rawValue:)) {
        case nil: throw .invalidRequest("grant_type is missing.")
        case .authorizationCode?: return try exchangeCode(form, client: client)
        case .refreshToken?: return try refreshGrant(form, client: client)
        case .clientCredentials?: return try clientCredentialsGrant(form, client: client)
        case let other?: throw .unsupportedGrantType("The grant type \(other.rawValue) is not supported.")
        }
    }

    private func exchangeCode(_ form: FormFields, client: AppClient) throws(OAuth2Refusal) -> OAuth2Answer {
        guard client.allows(OAuth2Value.codeFlow) else {
            throw .unauthorizedClient("The code flow is not allowed for the client.")
        }
        guard let code = form["code"], !code.isEmpty else { throw .invalidRequest("code is missing.") }
        // Any attempt spends the code, as a failed one may be an attacker's.
        guard let record = oauth2.codes.removeValue(forKey: code), record.clientId == client.id else {
            throw .invalidGrant("The authorization code is invalid or was used already.")
        }
        guard now() < record.expires else { throw .invalidGrant("The authorization code has expired.") }
        guard form["redirect_uri"] == record.redirectURI else {
            throw .invalidGrant("redirect_uri is not the one of the authorization request.")
        }
        if let challenge = record.challenge {
            guard let verifier = form["code_verifier"], (43...128).contains(verifier.count),
                verifier.allSatisfy(Self.isPKCECharacter)
            else { throw .invalidGrant("The code_verifier is missing or malformed.") }
            let computed =
                record.challengeMethod == OAuth2CodeChallengeMethod.s256.rawValue
                ? Base64URL.encode((try? SHA256.hash(Array(verifier.utf8))) ?? []) : verifier
            guard constantTimeEquals(computed, challenge) else {
                throw .invalidGrant("The code_verifier does not match the code_challenge.")
            }
        }
        guard let user = users[record.username], user.enabled else { throw .invalidGrant("User is disabled.") }
        let scope = record.scopes.joined(separator: " ")
        return try tokenAnswer(scope: scope) {
            try authenticationResult(
                user: user, client: client, deviceKey: nil, scope: scope,
                nonce: record.nonce, authTime: record.authTime)
        }
    }

    private func refreshGrant(_ form: FormFields, client: AppClient) throws(OAuth2Refusal) -> OAuth2Answer {
        guard allowsRefresh(client) else { throw .unauthorizedClient("Refresh tokens are not allowed for the client.") }
        guard let token = form["refresh_token"], !token.isEmpty else {
            throw .invalidRequest("refresh_token is missing.")
        }
        let record: RefreshTokenRecord, user: LocalUser
        do {
            (record, user) = try validRefreshToken(token, client: client, deviceKey: nil)
        } catch {
            throw .invalidGrant((error as? ServiceFault)?.message ?? "Invalid refresh token.")
        }
        let rotates = client.refreshTokenRotationGracePeriod != nil
        if rotates, refreshTokens[token]?.replacedAt == nil { refreshTokens[token]?.replacedAt = now() }
        return try tokenAnswer(scope: record.scope) {
            try authenticationResult(
                user: user, client: client, deviceKey: record.deviceKey, refresh: record, issueRefreshToken: rotates)
        }
    }

    private func clientCredentialsGrant(_ form: FormFields, client: AppClient) throws(OAuth2Refusal) -> OAuth2Answer {
        guard client.secret != nil, client.allows(OAuth2Value.clientCredentialsFlow) else {
            throw .unauthorizedClient("The client_credentials flow is not allowed for the client.")
        }
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        for scope in requested where !client.allowedOAuthScopes.contains(scope) || !isCustomScope(scope) {
            throw .invalidScope("The scope \(scope) is not allowed for the app client.")
        }
        let scopes = requested.isEmpty ? client.allowedOAuthScopes.filter(isCustomScope) : requested
        guard !scopes.isEmpty else { throw .invalidScope("The app client has no custom scopes.") }
        let now = now()
        let claims: [String: AnyEncodable] = [
            "sub": .string(client.id), "client_id": .string(client.id), "token_use": .string("access"),
            "scope": .string(scopes.joined(separator: " ")), "auth_time": .int(Int(now.timeIntervalSince1970)),
            "iss": .string(issuer),
            "exp": .int(Int(now.addingTimeInterval(client.accessTokenLifetime).timeIntervalSince1970)),
            "iat": .int(Int(now.timeIntervalSince1970)), "version": .int(2),
            "jti": .string(UUID().uuidString.lowercased()),
        ]
        return .json([
            "access_token": signLater(claims), "expires_in": Int(client.accessTokenLifetime), "token_type": "Bearer",
        ])
    }

    /// The JSON API's `AuthenticationResult` in the token endpoint's names; the ID token only with `openid` (or for
    /// a session of the JSON API, `scope` nil).
    private func tokenAnswer(
        scope: String?, _ make: () throws -> [String: Any]
    ) throws(OAuth2Refusal) -> OAuth2Answer {
        let result: [String: Any]
        do { result = try make() } catch { throw .init("server_error", "The tokens could not be issued.", status: 500) }
        var out: [String: Any] = [
            "access_token": result["AccessToken"] ?? "", "expires_in": result["ExpiresIn"] ?? 0, "token_type": "Bearer",
        ]
        if let refresh = result["RefreshToken"] { out["refresh_token"] = refresh }
        if scope?.split(separator: " ").contains(Substring(OAuth2Value.openid)) ?? true {
            out["id_token"] = result["IdToken"]
        }
        return .json(out)
    }

    /// `POST /oauth2/revoke`: the refresh token and the tokens issued from it stop working.
    func revoke(_ form: FormFields, client: AppClient) throws(OAuth2Refusal) -> OAuth2Answer {
        guard client.enableTokenRevocation else {
            throw .invalidRequest("Token revocation is not enabled for this app client.")
        }
        guard let token = form["token"], !token.isEmpty else { throw .invalidRequest("token is missing.") }
        if let record = refreshTokens[token] {
            guard record.clientId == client.id else { throw .invalidRequest("The token was issued to another client.") }
            refreshTokens[token]?.revoked = true
            revokedOrigins.insert(record.originJTI)
        } else if token.split(separator: ".", omittingEmptySubsequences: false).count == 3 {
            throw .unsupportedTokenType("Only refresh tokens can be revoked.")
        }
        return .json([:])
    }
}
