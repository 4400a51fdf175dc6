import Foundation

extension CognitoUser {
    /// Signs out here: revokes the refresh token (RevokeToken, when the access token carries
    /// `origin_jti`), then clears this user's tokens and `LastAuthUser`. Device keys stay.
    ///
    /// The local tokens are cleared whatever the service answers; the result says what became of
    /// the refresh token. When the revocation fails for a passing reason (network, timeout, 5xx,
    /// throttling, a refused client secret) the refresh token is kept in storage as a pending
    /// revocation, in the same update that clears the tokens, and sent again at the next call of
    /// the pool that reaches the service for this user (sign-in, refresh, sign-out) or by
    /// ``revokePendingTokens()``; amazon-cognito-identity-js forgets it while it is still valid.
    ///
    /// With `revokingTokens: false` nothing is sent (the JS library's `signOut()` without a callback).
    ///
    /// - Throws: only when the storage cannot be changed.
    @discardableResult
    public func signOut(revokingTokens: Bool = true) async throws -> SignOutResult {
        let memory = state.current.session
        // A sign-in that failed after an alias was typed leaves `username` as the alias: the session
        // in memory says whose tokens these are. Both names are cleared.
        let name = memory?.username ?? username
        let names = name.isSameName(as: username) ? [name] : [name, username]
        let key = UserKey(name)
        // Any refresh still in flight must not store its tokens after this.
        pool.newSessionGeneration(for: key)
        // The newest tokens first: unsaved ones, then stored ones, then the copy in memory.
        var session = pool.unsavedSessions.withLock { $0[key] }
        if session == nil { session = try? await store.loadSession(username: name) }
        if session == nil { session = memory }
        var refreshToken = session?.refreshToken
        if refreshToken?.token.isEmpty ?? true { refreshToken = try? await store.loadRefreshToken(username: name) }
        state.withLock {
            $0.session = nil
            $0.challenge = nil
        }
        pool.unsavedSessions.withLock { $0[key] = nil }

        let result: SignOutResult
        if !revokingTokens {
            result = .notRevoked(.notRequested)
        } else if let token = refreshToken, !token.token.isEmpty {
            if let session, session.accessToken.originJti == nil {
                result = .notRevoked(.revocationNotEnabled)
            } else {
                result = await revoke(token.token)
            }
        } else {
            result = .notRevoked(.noRefreshToken)
        }
        var pending: PendingRevocation?
        if case .revocationPending(let reason) = result, let token = refreshToken?.token {
            pool.logger?.warning(
                "signed out here; the refresh token could not be revoked yet and is kept to revoke later",
                metadata: ["pool": "\(pool.userPoolId)", "reason": "\(reason)"])
            pending = PendingRevocation(token: token, since: pool.clock.now())
        }
        try await store.clearTokens(username: name, pendingRevocation: pending)
        for other in names.dropFirst() { try await store.clearTokens(username: other) }
        if revokingTokens, !result.isRevocationNotEnabled { await sendPendingRevocations(name, except: pending?.token) }
        return result
    }

    /// Sends the revocations that failed earlier for a passing reason; drops each once it is
    /// revoked, the service says the token is invalid or revocation is off, or it is older than a
    /// refresh token can live.
    ///
    /// - Returns: how many are still pending.
    @discardableResult
    public func revokePendingTokens() async throws -> Int {
        try await revokePending(username, except: nil)
    }

    /// Revokes the refresh token and the tokens issued from it (RevokeToken). Local tokens are left
    /// as they are; ``signOut(revokingTokens:)`` also clears them.
    ///
    /// - Throws: ``CognitoUserError/revocationNotEnabled`` when the access token carries no
    ///   `origin_jti` (the app client has revocation off: nothing can be revoked), the service's
    ///   error when it refuses.
    public func revokeTokens() async throws {
        let name = username
        var session = state.current.session
        if session == nil { session = try? await store.loadSession(username: name) }
        var token = session?.refreshToken
        if token?.token.isEmpty ?? true { token = try await store.loadRefreshToken(username: name) }
        guard let refreshToken = token, !refreshToken.token.isEmpty else { throw CognitoUserError.notSignedIn }
        if let session, session.accessToken.originJti == nil { throw CognitoUserError.revocationNotEnabled }
        _ = try await service.send(
            RevokeTokenRequest(
                token: refreshToken.token, clientId: pool.clientId, clientSecret: pool.clientSecret))
    }

    /// Signs the user out everywhere (GlobalSignOut), then clears the tokens here, in storage and
    /// in memory (the JS library leaves the in-memory session valid).
    public func globalSignOut() async throws {
        let session = try await getSession()
        _ = try await service.send(GlobalSignOutRequest(accessToken: session.accessToken.jwtToken))
        pool.newSessionGeneration(for: UserKey(username))
        state.withLock {
            $0.session = nil
            $0.challenge = nil
        }
        pool.unsavedSessions.withLock { $0[UserKey(username)] = nil }
        try await store.clearTokens(username: username)
    }

    // MARK: Pending revocations

    /// RevokeToken for `token`, and what its answer means for the sign-out.
    private func revoke(_ token: String) async -> SignOutResult {
        do {
            _ = try await service.send(
                RevokeTokenRequest(
                    token: token, clientId: pool.clientId, clientSecret: pool.clientSecret))
            return .revoked
        } catch {
            return Self.revocationResult(for: error)
        }
    }

    /// Passing failures (and a refused client secret) leave the revocation pending; the service's
    /// other refusals end it.
    static func revocationResult(for error: any Error) -> SignOutResult {
        guard let service = error as? CognitoServiceError else { return .revocationPending(reason: error) }
        // Passing refusals: load, a per-user limit that lifts in minutes, a WAF rule, a client secret.
        if service.isRetryable || RefreshAnswer(service) == .misconfiguredClient
            || [.limitExceeded, .tooManyFailedAttempts, .forbidden].contains(service)
        {
            return .revocationPending(reason: error)
        }
        if service == .unsupportedOperation || service.name == "UnsupportedTokenTypeException" {
            return .notRevoked(.revocationNotEnabled)
        }
        if RefreshAnswer(service) == .refreshTokenDead { return .notRevoked(.refreshTokenInvalid) }
        return .notRevoked(.refused(service))
    }

    /// Best effort, at each call that reaches the service for this user: failures are logged.
    func sendPendingRevocations(_ name: String, except skipped: String? = nil) async {
        do {
            _ = try await revokePending(name, except: skipped)
        } catch {
            pool.logger?.warning(
                "pending revocations could not be updated",
                metadata: ["pool": "\(pool.userPoolId)", "error": "\(error)"])
        }
    }

    private func revokePending(_ name: String, except skipped: String?) async throws -> Int {
        let pending = try await store.pendingRevocations(username: name)
        guard !pending.isEmpty else { return 0 }
        var finished: Set<String> = []
        for entry in pending where entry.token != skipped {
            if entry.hasExpired(at: pool.clock.now()) {
                finished.insert(entry.token)
            } else if case .revocationPending = await revoke(entry.token) {
                continue
            } else {
                finished.insert(entry.token)
            }
        }
        guard !finished.isEmpty else { return pending.count }
        // One conditional update: an entry a sign-out added meanwhile is kept.
        return try await store.removePendingRevocations(finished, username: name)
    }
}
