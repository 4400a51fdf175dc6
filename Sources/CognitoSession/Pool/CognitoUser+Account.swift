import Foundation

extension CognitoUser {
    /// The signed-in user's access token, from a valid (possibly refreshed) session.
    func accessToken() async throws -> String { try await getSession().accessToken.jwtToken }

    /// The user's attributes (GetUser).
    public func getUserAttributes() async throws -> [CognitoUserAttribute] {
        try await getUserData(bypassCache: true).attributes
    }

    /// The user's profile: from the `userData` cache in storage unless `bypassCache`, else GetUser
    /// (and the cache is refreshed).
    public func getUserData(bypassCache: Bool = false) async throws -> UserData {
        if !bypassCache, let cached = try await store.loadUserData(username: username) { return cached }
        let data = UserData(try await service.send(GetUserRequest(accessToken: try await accessToken())))
        try await store.saveUserData(data, username: username)
        return data
    }

    /// Changes or adds attributes (UpdateUserAttributes); returns where verification codes went.
    @discardableResult
    public func updateAttributes(
        _ attributes: [CognitoUserAttribute], clientMetadata: [String: String]? = nil
    )
        async throws -> [CodeDeliveryDetails]
    {
        let response = try await service.send(
            UpdateUserAttributesRequest(
                userAttributes: attributes, accessToken: try await accessToken(), clientMetadata: clientMetadata))
        try await store.clearUserData(username: username)
        return response.codeDeliveryDetailsList ?? []
    }

    /// Deletes attributes (DeleteUserAttributes).
    public func deleteAttributes(_ names: [String]) async throws {
        _ = try await service.send(
            DeleteUserAttributesRequest(userAttributeNames: names, accessToken: try await accessToken()))
        try await store.clearUserData(username: username)
    }

    /// Sends a verification code for an attribute (GetUserAttributeVerificationCode).
    @discardableResult
    public func getAttributeVerificationCode(
        _ name: String, clientMetadata: [String: String]? = nil
    )
        async throws -> CodeDeliveryDetails?
    {
        try await service.send(
            GetUserAttributeVerificationCodeRequest(
                accessToken: try await accessToken(), attributeName: name, clientMetadata: clientMetadata)
        ).codeDeliveryDetails
    }

    /// Verifies an attribute with its code (VerifyUserAttribute).
    public func verifyAttribute(_ name: String, code: String) async throws {
        _ = try await service.send(
            VerifyUserAttributeRequest(accessToken: try await accessToken(), attributeName: name, code: code))
        try await store.clearUserData(username: username)
    }

    /// Enables, disables or prefers SMS and TOTP MFA (SetUserMFAPreference); nil leaves a factor as it is.
    public func setUserMfaPreference(sms: MFAPreference?, softwareToken: MFAPreference?) async throws {
        func settings(_ preference: MFAPreference?) -> MFASettings? {
            preference.map { MFASettings(enabled: $0.enabled, preferredMfa: $0.preferred) }
        }
        _ = try await service.send(
            SetUserMFAPreferenceRequest(
                accessToken: try await accessToken(), smsMfaSettings: settings(sms),
                softwareTokenMfaSettings: settings(softwareToken)))
    }

    /// Changes the password of the signed-in user (ChangePassword).
    public func changePassword(oldPassword: String, newPassword: String) async throws {
        _ = try await service.send(
            ChangePasswordRequest(
                previousPassword: oldPassword, proposedPassword: newPassword, accessToken: try await accessToken()))
    }

    /// Starts a password reset (ForgotPassword); returns where the code went.
    @discardableResult
    public func forgotPassword(clientMetadata: [String: String]? = nil) async throws -> CodeDeliveryDetails? {
        try await service.send(
            ForgotPasswordRequest(
                clientId: pool.clientId, username: username, secretHash: pool.secretHash(for: username),
                clientMetadata: clientMetadata)
        ).codeDeliveryDetails
    }

    /// Finishes a password reset with the code (ConfirmForgotPassword).
    public func confirmPassword(code: String, newPassword: String, clientMetadata: [String: String]? = nil) async throws
    {
        _ = try await service.send(
            ConfirmForgotPasswordRequest(
                clientId: pool.clientId, username: username, confirmationCode: code, password: newPassword,
                secretHash: pool.secretHash(for: username), clientMetadata: clientMetadata))
    }

    /// Confirms a sign-up with the code (ConfirmSignUp).
    ///
    /// - Parameters:
    ///   - code: the code sent to the user.
    ///   - forceAliasCreation: move an alias (email, phone) that another user holds to this one.
    ///   - clientMetadata: passed to the pool's Lambda triggers.
    ///   - session: ``SignUpResult/session``, to have the service hand back a session that signs the user in
    ///     at once (``signIn(afterSignUp:clientMetadata:)``, USER_AUTH).
    /// - Returns: that session, when the service gave one.
    @discardableResult
    public func confirmRegistration(
        code: String, forceAliasCreation: Bool = false, clientMetadata: [String: String]? = nil,
        session: SignUpSession? = nil
    )
        async throws -> SignUpSession?
    {
        try await service.send(
            ConfirmSignUpRequest(
                clientId: pool.clientId, username: username, confirmationCode: code,
                forceAliasCreation: forceAliasCreation ? true : nil, secretHash: pool.secretHash(for: username),
                clientMetadata: clientMetadata, session: session?.rawValue)
        ).session.map(SignUpSession.init(rawValue:))
    }

    /// Sends the sign-up confirmation code again (ResendConfirmationCode).
    @discardableResult
    public func resendConfirmationCode(clientMetadata: [String: String]? = nil) async throws -> CodeDeliveryDetails? {
        try await service.send(
            ResendConfirmationCodeRequest(
                clientId: pool.clientId, username: username, secretHash: pool.secretHash(for: username),
                clientMetadata: clientMetadata)
        ).codeDeliveryDetails
    }

    /// Deletes the user (DeleteUser) and the user's tokens here.
    public func deleteUser() async throws {
        _ = try await service.send(DeleteUserRequest(accessToken: try await accessToken()))
        pool.newSessionGeneration(for: UserKey(username))
        state.withLock { $0.session = nil }
        try await store.clearTokens(username: username)
    }
}
