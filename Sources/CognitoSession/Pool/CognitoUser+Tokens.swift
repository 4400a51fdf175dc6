extension CognitoUser {
    /// A session from the tokens of a sign-in or refresh, checked before anything is stored: both
    /// tokens decode, were issued to this app client (`client_id` on the access token, `aud` on
    /// the ID token) and to one user (the same `sub`, and `expectedSub` on a refresh). A refresh
    /// that returns no refresh token, or an empty one, keeps `previousRefreshToken`; a sign-in
    /// must return one. The clock drift is computed now, as the JS library does.
    ///
    /// - Throws: ``CognitoUserError/unusableTokens`` naming what was wrong.
    func makeSession(
        _ result: AuthenticationResult, previousRefreshToken: CognitoRefreshToken?, expectedSub: String?
    ) throws -> CognitoUserSession {
        let idToken: CognitoIdToken
        let accessToken: CognitoAccessToken
        do { idToken = try CognitoIdToken(jwtToken: result.idToken) } catch {
            throw CognitoUserError.unusableTokens("the ID token cannot be decoded: \(error)")
        }
        do { accessToken = try CognitoAccessToken(jwtToken: result.accessToken) } catch {
            throw CognitoUserError.unusableTokens("the access token cannot be decoded: \(error)")
        }
        let clientId = pool.clientId
        guard accessToken.payload["client_id"]?.stringValue?.utf8.elementsEqual(clientId.utf8) == true else {
            throw CognitoUserError.unusableTokens("the access token was not issued to client \(clientId)")
        }
        guard idToken.payload["aud"]?.stringValue?.utf8.elementsEqual(clientId.utf8) == true else {
            throw CognitoUserError.unusableTokens("the ID token was not issued to client \(clientId)")
        }
        guard let sub = idToken.sub, let accessSub = accessToken.sub, sub.isSameName(as: accessSub) else {
            throw CognitoUserError.unusableTokens("the access and ID tokens are not for the same user (sub)")
        }
        if let expectedSub, !sub.isSameName(as: expectedSub) {
            throw CognitoUserError.unusableTokens("the refreshed tokens are for another user (sub)")
        }
        let refreshed = result.refreshToken.flatMap { $0.isEmpty ? nil : CognitoRefreshToken(token: $0) }
        guard let refreshToken = refreshed ?? previousRefreshToken.flatMap({ $0.token.isEmpty ? nil : $0 }) else {
            throw CognitoUserError.unusableTokens("the service returned no refresh token")
        }
        return CognitoUserSession(
            idToken: idToken, accessToken: accessToken, refreshToken: refreshToken, clock: pool.clock)
    }
}
