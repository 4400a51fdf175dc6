extension CognitoUser {
    /// One refresh through the pool domain's token endpoint (`grant_type=refresh_token`, the app client
    /// authenticated as RFC 6749 §2.3.1 says), as the service's answer shape, so the same checks and the same
    /// storing follow as for InitiateAuth.
    ///
    /// The endpoint takes no device key, so this path is for users without a remembered device. Its answer
    /// carries a refresh token only when the app client rotates them; the old one is kept otherwise. Errors come
    /// as ``CognitoOAuth2Error`` for ``RefreshAnswer`` to judge (`invalid_grant` clears, `invalid_client` and
    /// `unauthorized_client` keep everything); 429, 5xx and network faults were already retried by the client.
    func refreshThroughTokenEndpoint(
        _ refreshToken: CognitoRefreshToken, _ client: CognitoOAuth2Client
    ) async throws -> AuthenticationResult {
        let session = try await client.refresh(refreshToken)
        return AuthenticationResult(
            accessToken: session.accessToken.jwtToken, idToken: session.idToken.jwtToken,
            refreshToken: session.refreshToken.token)
    }
}
