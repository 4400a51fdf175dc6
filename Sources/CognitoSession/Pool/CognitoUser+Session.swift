import Foundation

extension CognitoUser {
    /// A valid session: the one in memory, else the stored one, else a refreshed one.
    ///
    /// A refresh uses the stored refresh token with `DEVICE_KEY` when a device is remembered and
    /// `SECRET_HASH` when the client has a secret (over the token's `cognito:username`), or
    /// GetTokensFromRefreshToken when the pool was made with `refreshTokenRotation: true` (the new
    /// refresh token is stored together with the new tokens). Concurrent callers for one user share
    /// one refresh.
    ///
    /// Only the service's terminal answers (`NotAuthorizedException`, `UserNotFoundException`,
    /// `PasswordResetRequiredException`, `UserNotConfirmedException`, `RefreshTokenReuseException`)
    /// clear the stored tokens — never the device keys. A timeout, a dropped connection, throttling
    /// or a 5xx keeps everything, is retried per the pool's ``RetryPolicy``, and then surfaces as
    /// the error it was; the next call tries again.
    ///
    /// - Throws: ``CognitoUserError/notSignedIn`` when nothing is stored for the user.
    public func getSession(clientMetadata: [String: String]? = nil) async throws -> CognitoUserSession {
        if let session = state.current.session, session.isValid() { return session }
        let name = username
        do {
            if let stored = try await store.loadSession(username: name), stored.isValid() {
                state.withLock { $0.session = stored }
                return stored
            }
        } catch let error as StorageError where error == .invalidStoredToken {
            // An unreadable token is not a reason to give up: refresh replaces it.
            pool.logger?.debug("stored token unreadable; refreshing", metadata: ["reason": "\(error)"])
        }
        return try await refresh(name: name, explicitToken: nil, force: false, clientMetadata: clientMetadata)
    }

    /// Refreshes now, whether or not the session has expired, with `refreshToken` or the stored one.
    public func refreshSession(_ refreshToken: CognitoRefreshToken? = nil, clientMetadata: [String: String]? = nil)
        async throws -> CognitoUserSession
    {
        try await refresh(name: username, explicitToken: refreshToken, force: true, clientMetadata: clientMetadata)
    }

    private func refresh(
        name: String, explicitToken: CognitoRefreshToken?, force: Bool, clientMetadata: [String: String]?
    ) async throws -> CognitoUserSession {
        do {
            let session = try await pool.refreshes.session(for: name) { [self] in
                try await performRefresh(
                    name: name, explicitToken: explicitToken, force: force, clientMetadata: clientMetadata)
            }
            state.withLock { $0.session = session }
            return session
        } catch let error as CognitoServiceError where Self.isTerminal(error) {
            state.withLock { $0.session = nil }
            throw error
        }
    }

    /// The one refresh request: runs in the coordinator's shared task.
    private func performRefresh(
        name: String, explicitToken: CognitoRefreshToken?, force: Bool, clientMetadata: [String: String]?
    ) async throws -> CognitoUserSession {
        let stored = try? await store.loadSession(username: name)
        // Someone (another process, or a refresh that just finished) may have stored a fresh one.
        if !force, let stored, stored.isValid() { return stored }
        var token = explicitToken
        if token == nil { token = try await store.loadRefreshToken(username: name) }
        guard let refreshToken = token, !refreshToken.token.isEmpty else { throw CognitoUserError.notSignedIn }
        let device = try await store.loadDevice(username: name)
        let result: AuthenticationResult
        do {
            if pool.refreshTokenRotation {
                result = try await service.send(GetTokensFromRefreshTokenRequest(
                    refreshToken: refreshToken.token, clientId: pool.clientId, clientSecret: pool.clientSecret,
                    deviceKey: device?.deviceKey, clientMetadata: clientMetadata)).authenticationResult
            } else {
                var parameters = ["REFRESH_TOKEN": refreshToken.token]
                if let device { parameters["DEVICE_KEY"] = device.deviceKey }
                // The service checks SECRET_HASH over the canonical name the tokens carry.
                let canonical = stored?.idToken.username ?? stored?.accessToken.username ?? name
                if let hash = try pool.secretHash(for: canonical) { parameters["SECRET_HASH"] = hash }
                let response = try await service.send(InitiateAuthRequest(
                    authFlow: "REFRESH_TOKEN_AUTH", clientId: pool.clientId, authParameters: parameters,
                    clientMetadata: clientMetadata))
                guard let authentication = response.authenticationResult else {
                    throw CognitoUserError.unexpectedResponse
                }
                result = authentication
            }
        } catch let error as CognitoServiceError where Self.isTerminal(error) {
            pool.logger?.debug("refresh refused; clearing stored tokens", metadata: ["error": "\(error.name)"])
            try await store.clearTokens(username: name)
            throw error
        }
        let session = try makeSession(result, previousRefreshToken: refreshToken)
        try await store.saveSession(session, username: name)
        return session
    }

    /// Answers after which the refresh token is worth nothing.
    static func isTerminal(_ error: CognitoServiceError) -> Bool {
        [.notAuthorized, .userNotFound, .passwordResetRequired, .userNotConfirmed, .refreshTokenReuse].contains(error)
    }

    /// Signs out here: revokes the refresh token (RevokeToken, when the access token carries
    /// `origin_jti`), then clears this user's tokens and `LastAuthUser`. Device keys stay.
    ///
    /// The local tokens are cleared even when revocation fails; its error is rethrown afterwards.
    /// With `revokingTokens: false` nothing is sent (the JS library's `signOut()` without a callback).
    public func signOut(revokingTokens: Bool = true) async throws {
        let name = username
        var revocationError: (any Error)?
        if revokingTokens {
            do { try await revokeTokens() } catch { revocationError = error }
        }
        state.withLock {
            $0.session = nil
            $0.challenge = nil
        }
        try await store.clearTokens(username: name)
        if let revocationError { throw revocationError }
    }

    /// Adopts a session obtained elsewhere (for example from the hosted UI): stores it under this
    /// user's name, as the JS library's `setSignInUserSession` does, and drops cached user data.
    public func setSignInUserSession(_ session: CognitoUserSession) async throws {
        let name = session.idToken.username ?? session.accessToken.username ?? username
        try await store.saveSession(session, username: name, clearingUserData: true)
        state.withLock {
            $0.username = name
            $0.session = session
        }
    }

    /// Signs the user out everywhere (GlobalSignOut), then clears the tokens here, in storage and
    /// in memory (the JS library leaves the in-memory session valid).
    public func globalSignOut() async throws {
        let session = try await getSession()
        _ = try await service.send(GlobalSignOutRequest(accessToken: session.accessToken.jwtToken))
        state.withLock { $0.session = nil }
        try await store.clearTokens(username: username)
    }

    /// Revokes the refresh token and the tokens issued from it (RevokeToken), when the access
    /// token carries `origin_jti`. Local tokens are left as they are; ``signOut(revokingTokens:)`` also clears them.
    public func revokeTokens() async throws {
        let name = username
        var session = state.current.session
        if session == nil { session = try? await store.loadSession(username: name) }
        var token = session?.refreshToken
        if token?.token.isEmpty ?? true { token = try await store.loadRefreshToken(username: name) }
        guard let refreshToken = token, !refreshToken.token.isEmpty,
              session.map({ $0.accessToken.originJti != nil }) ?? true else { return }
        _ = try await service.send(RevokeTokenRequest(
            token: refreshToken.token, clientId: pool.clientId, clientSecret: pool.clientSecret))
    }
}
