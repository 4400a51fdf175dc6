import Foundation

extension CognitoUser {
    /// A valid session: the one in memory, else the stored one, else a refreshed one.
    ///
    /// A refresh uses the stored refresh token with `DEVICE_KEY` when a device is remembered and
    /// `SECRET_HASH` when the client has a secret (over the token's `cognito:username`), or
    /// GetTokensFromRefreshToken when the pool was made with `refreshTokenRotation: true` (the new
    /// refresh token is stored together with the new tokens), or the pool domain's token endpoint when the
    /// pool has a ``CognitoUserPool/Configuration/oauth2Domain`` and no device is remembered (sessions from the
    /// hosted UI; `clientMetadata` is not sent there). Concurrent callers for one user share one refresh.
    ///
    /// Only an answer meaning the refresh token itself is dead (see the table in CognitoSession.docc/Security.md:
    /// expired, revoked or invalid token; user gone, disabled, reset or
    /// unconfirmed; reuse of a rotated token) clears the stored tokens — never the device keys. A
    /// refused client secret throws ``CognitoConfigurationError/clientSecretRejected`` and keeps
    /// everything. A timeout, a dropped connection, throttling or a 5xx keeps everything, is retried
    /// per the pool's ``RetryPolicy``, and then surfaces as the error it was; the next call tries
    /// again. New tokens the storage fails to take are still returned, kept in memory for every
    /// ``CognitoUser`` of the pool, and stored at the next call.
    ///
    /// - Throws: ``CognitoUserError/notSignedIn`` when nothing is stored for the user.
    public func getSession(clientMetadata: [String: String]? = nil) async throws -> CognitoUserSession {
        // Nothing but the arguments lives across this function's awaits: a burst of callers waiting for one
        // refresh then costs little more per caller than as many tasks awaiting one task.
        if let session = validSessionInMemory() { return await served(session) }
        // The stored session is read inside the shared flight: a burst of callers reads and decodes it once.
        return try await refresh(name: username, explicitToken: nil, force: false, clientMetadata: clientMetadata)
    }

    /// The valid session held in memory: this user's, else one the storage failed to take (then
    /// also this user's from now on). Reads no storage.
    private func validSessionInMemory() -> CognitoUserSession? {
        if let session = state.withLock({ $0.session }), session.isValid() { return session }
        guard let unsaved = pool.unsavedSessions.withLock({ $0[UserKey(username)] }), unsaved.isValid() else {
            return nil
        }
        state.withLock { $0.session = unsaved }
        return unsaved
    }

    /// `session`, after storing a session the storage failed to take earlier, if there is one.
    private func served(_ session: consuming CognitoUserSession) async -> CognitoUserSession {
        await storeUnsavedSession(username)
        return session
    }

    /// Refreshes now, whether or not the session has expired, with `refreshToken` or the stored one.
    public func refreshSession(
        _ refreshToken: CognitoRefreshToken? = nil, clientMetadata: [String: String]? = nil
    )
        async throws -> CognitoUserSession
    {
        try await refresh(name: username, explicitToken: refreshToken, force: true, clientMetadata: clientMetadata)
    }

    private func refresh(
        name: String, explicitToken: CognitoRefreshToken?, force: Bool, clientMetadata: [String: String]?
    ) async throws -> CognitoUserSession {
        do {
            let shared = try await pool.refreshes.session(for: UserKey(name)) { [self] in
                try await performRefresh(
                    name: name, explicitToken: explicitToken, force: force, clientMetadata: clientMetadata)
            }
            state.withLock { $0.session = shared.session }
            return shared.session
        } catch  where RefreshAnswer(error) == .refreshTokenDead {
            state.withLock { $0.session = nil }
            throw error
        }
    }

    /// The one look at the stored session, and the one refresh request when it is not valid: runs
    /// in the coordinator's shared task. When the storage coordinates refreshes across processes
    /// (``RefreshCoordinating``), the refresh runs holding the user's lease, after reading the
    /// stored session again inside it: another process may have refreshed while this one waited.
    private func performRefresh(
        name: String, explicitToken: CognitoRefreshToken?, force: Bool, clientMetadata: [String: String]?
    ) async throws -> CognitoUserSession {
        let generation = pool.sessionGeneration(of: UserKey(name))
        let stored = try await storedSession(name, force: force)
        if !force, let stored, stored.isValid() {
            await storeUnsavedSession(name)
            return stored
        }
        let refreshed: CognitoUserSession?
        if let coordinator = pool.storage as? any RefreshCoordinating {
            // Nothing to refresh: no lease (and no lock file) for a user who is not signed in.
            if explicitToken == nil, stored == nil, try await store.loadRefreshToken(username: name) == nil {
                throw CognitoUserError.notSignedIn
            }
            let lease = store.keys.refreshLease(username: name)
            refreshed = try await coordinator.withRefreshLease(named: lease, timeout: pool.refreshLeaseTimeout) {
                [self] in
                let current = try await storedSession(name, force: force)
                if !force, let current, current.isValid() { return nil }
                return try await refreshStored(
                    name: name, stored: current, generation: generation, explicitToken: explicitToken,
                    clientMetadata: clientMetadata)
            }
        } else {
            refreshed = try await refreshStored(
                name: name, stored: stored, generation: generation, explicitToken: explicitToken,
                clientMetadata: clientMetadata)
        }
        guard let refreshed else {
            // Someone refreshed while this process waited for the lease: theirs is the session.
            if let current = try await storedSession(name, force: force), current.isValid() { return current }
            throw CognitoUserError.notSignedIn
        }
        // After the refresh (and the lease), not before it: a revocation still failing must not delay the new session.
        await sendPendingRevocations(name)
        return refreshed
    }

    /// The session not yet stored, else the stored one; nil when none. A token that cannot be
    /// decoded is no session (a refresh replaces it); for a forced refresh no read failure
    /// matters (the refresh token is read, or given, separately).
    private func storedSession(_ name: String, force: Bool) async throws -> CognitoUserSession? {
        if let unsaved = pool.unsavedSessions.withLock({ $0[UserKey(name)] }) { return unsaved }
        do {
            return try await store.loadSession(username: name)
        } catch let error as StorageError where error == .invalidStoredToken {
            pool.logger?.debug("stored token unreadable; refreshing", metadata: ["reason": "\(error)"])
            return nil
        } catch  where force {
            return nil
        }
    }

    /// Refreshes the stored (or given) refresh token and stores the result; `stored` is what the
    /// storage holds now, `generation` the user's sign-in generation when the flight began.
    private func refreshStored(
        name: String, stored: CognitoUserSession?, generation: Int, explicitToken: CognitoRefreshToken?,
        clientMetadata: [String: String]?
    ) async throws -> CognitoUserSession {
        let key = UserKey(name)
        let unsaved = pool.unsavedSessions.withLock { $0[key] }
        var token = explicitToken ?? unsaved.map(\.refreshToken)
        if token?.token.isEmpty ?? true { token = try await store.loadRefreshToken(username: name) }
        guard let refreshToken = token, !refreshToken.token.isEmpty else { throw CognitoUserError.notSignedIn }
        let device = try await store.loadDevice(username: name)
        let result: AuthenticationResult
        do {
            result = try await requestRefresh(
                refreshToken, device: device, canonicalName: stored?.username ?? name, clientMetadata: clientMetadata)
        } catch {
            switch RefreshAnswer(error) {
            case .refreshTokenDead:
                let newer = try await clearRefused(refreshToken, name: name, generation: generation, error)
                // A token the caller gave was never the stored one: its refusal is the answer.
                if explicitToken == nil, let newer { return newer }
                throw error
            case .misconfiguredClient:
                throw CognitoConfigurationError.clientRejected(clientId: pool.clientId, by: error)
            case .other:
                throw error
            }
        }
        let session = try makeSession(result, previousRefreshToken: refreshToken, expectedSub: stored?.idToken.sub)
        guard pool.sessionGeneration(of: key) == generation else {
            // Signed out (or in again) while the request was out: never bring those tokens back.
            if let current = try await store.loadSession(username: name), current.isValid() { return current }
            throw CognitoUserError.notSignedIn
        }
        do {
            try await store.saveSession(session, username: name)
            pool.unsavedSessions.withLock { $0[key] = nil }
        } catch {
            // With rotation the old refresh token is gone: dropping the new one would sign the user out.
            pool.logger?.warning(
                "refreshed tokens could not be stored; kept in memory and stored at the next call",
                metadata: ["pool": "\(pool.userPoolId)", "error": "\(error)"])
            pool.unsavedSessions.withLock { $0[key] = session }
        }
        return session
    }

    /// After a terminal answer to `refused`: clears the stored tokens if they still hold `refused`
    /// (one compare-and-delete). Returns the valid session someone else stored meanwhile, if any.
    private func clearRefused(
        _ refused: CognitoRefreshToken, name: String, generation: Int, _ error: any Error
    ) async throws -> CognitoUserSession? {
        let key = UserKey(name)
        // Signed in or out meanwhile: what is stored now is not what was refused.
        guard pool.sessionGeneration(of: key) == generation else { return nil }
        pool.logger?.debug("refresh refused; clearing stored tokens", metadata: ["error": "\(error)"])
        pool.unsavedSessions.withLock { unsaved in
            if unsaved[key]?.refreshToken == refused { unsaved[key] = nil }
        }
        do {
            if try await store.clearTokens(username: name, ifRefreshTokenIs: refused.token) { return nil }
        } catch let storageError {
            pool.logger?.warning(
                "the refused session could not be cleared from storage",
                metadata: ["pool": "\(pool.userPoolId)", "error": "\(storageError)"])
            return nil
        }
        // Another task or process stored a newer session meanwhile: it was kept, and is the answer.
        guard let newer = try? await store.loadSession(username: name), newer.isValid() else { return nil }
        return newer
    }

    /// The pool domain's token endpoint (see ``CognitoUserPool/Configuration/oauth2Domain``), else
    /// REFRESH_TOKEN_AUTH, or GetTokensFromRefreshToken for a rotating client.
    private func requestRefresh(
        _ refreshToken: CognitoRefreshToken, device: StoredDevice?, canonicalName: String,
        clientMetadata: [String: String]?
    ) async throws -> AuthenticationResult {
        if let domain = pool.oauth2Client, device == nil {
            return try await refreshThroughTokenEndpoint(refreshToken, domain)
        }
        if pool.refreshTokenRotation {
            return try await service.send(
                GetTokensFromRefreshTokenRequest(
                    refreshToken: refreshToken.token, clientId: pool.clientId, clientSecret: pool.clientSecret,
                    deviceKey: device?.deviceKey, clientMetadata: clientMetadata)
            ).authenticationResult
        }
        // The service checks SECRET_HASH over the canonical name the tokens carry; no USERNAME is sent.
        let parameters = try pool.credentials.authParameters(
            [AuthParameter.refreshToken: refreshToken.token], username: nil, secretHashName: canonicalName,
            deviceKey: device?.deviceKey)
        let response = try await service.send(
            InitiateAuthRequest(
                authFlow: .refreshTokenAuth, clientId: pool.clientId, authParameters: parameters,
                clientMetadata: clientMetadata))
        guard let authentication = response.authenticationResult else { throw CognitoUserError.unexpectedResponse }
        return authentication
    }

    /// Stores a refreshed session the storage failed to take earlier; on another failure it stays
    /// in memory (and the failure is logged) for the next call.
    func storeUnsavedSession(_ name: String) async {
        let key = UserKey(name)
        // The common case, a session already stored: one lock, nothing more.
        guard pool.unsavedSessions.withLock({ $0[key] != nil }) else { return }
        let generation = pool.sessionGeneration(of: key)
        guard let session = pool.unsavedSessions.withLock({ $0[key] }) else { return }
        guard pool.sessionGeneration(of: key) == generation else { return }
        do {
            try await store.saveSession(session, username: name)
            pool.unsavedSessions.withLock { unsaved in
                if unsaved[key] == session { unsaved[key] = nil }
            }
        } catch {
            pool.logger?.warning(
                "refreshed tokens still cannot be stored",
                metadata: ["pool": "\(pool.userPoolId)", "error": "\(error)"])
        }
    }

    /// Adopts a session obtained elsewhere (for example from the hosted UI): stores it under this
    /// user's name, as the JS library's `setSignInUserSession` does, and drops cached user data.
    public func setSignInUserSession(_ session: CognitoUserSession) async throws {
        let name = session.username ?? username
        try await store.saveSession(session, username: name, clearingUserData: true)
        pool.newSessionGeneration(for: UserKey(name))
        state.withLock {
            $0.username = name
            $0.session = session
        }
    }
}

extension CognitoUserSession {
    /// The canonical user name the tokens carry: the ID token's `cognito:username`, else the
    /// access token's `username`.
    var username: String? { idToken.username ?? accessToken.username }
}
