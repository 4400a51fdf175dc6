import CognitoSession
import Foundation

// The authorize endpoint and its sign-in page (`/oauth2/authorize`, `/login`).
extension LocalUserPool {
    /// How long an authorization code can be exchanged (the service's five minutes).
    static let authorizationCodeLifetime: TimeInterval = 300

    /// Why an authorization request is refused: on a page when the redirect URI cannot be trusted, else on the
    /// redirect with `error=` (and the request's `state`).
    enum AuthorizeFailure: Error {
        case page(String, String)
        case redirect(String, state: String?, OAuth2Refusal)

        var answer: OAuth2Answer {
            switch self {
            case .page(let code, let description): .html(OAuth2SignInPage.error(code, description), status: 400)
            case .redirect(let uri, let state, let refusal):
                .redirect(
                    uri,
                    adding: [("error", refusal.error)] + (refusal.description.map { [("error_description", $0)] } ?? [])
                        + (state.map { [("state", $0)] } ?? []))
            }
        }
    }

    /// `GET /oauth2/authorize`: the sign-in page for a valid request.
    func authorizePage(_ route: OAuth2Route, _ fields: FormFields) -> OAuth2Answer {
        do {
            let request = try authorizationRequest(fields)
            return .html(
                OAuth2SignInPage.form(
                    action: route.path, fields: request.fields, loginHint: request.loginHint, message: nil))
        } catch {
            return error.answer
        }
    }

    /// The sign-in form posted back: the password checked, then the redirect with `code` and `state`.
    func signIn(_ route: OAuth2Route, _ fields: FormFields) -> OAuth2Answer {
        let request: AuthorizationRequest
        do {
            request = try authorizationRequest(fields)
        } catch {
            return error.answer
        }
        func again(_ message: String) -> OAuth2Answer {
            .html(
                OAuth2SignInPage.form(
                    action: route.path, fields: request.fields, loginHint: fields["username"], message: message))
        }
        guard let given = fields["username"], !given.isEmpty, let password = fields["password"], !password.isEmpty
        else { return again("Please enter your username and password.") }
        guard let name = resolveUser(given), let user = users[name],
            (try? checkPassword(password, for: user)) == true
        else { return again("Incorrect username or password.") }
        guard user.enabled else { return again("User is disabled.") }
        switch user.status {
        case .unconfirmed: return again("User is not confirmed.")
        case .forceChangePassword:
            return again(
                "This user must choose a new password, which this sign-in page does not offer: set a permanent "
                    + "password first (AdminSetUserPassword with Permanent).")
        case .confirmed: break
        }
        let hasFactor = user.smsMFAEnabled || user.totpEnabled
        if mfaConfiguration != .off, hasFactor || mfaConfiguration == .required {
            return again("This user must pass multi-factor authentication, which this sign-in page does not offer.")
        }
        let code = UUID().uuidString.lowercased()
        oauth2.codes = oauth2.codes.filter { $0.value.expires > now() }
        oauth2.codes[code] = AuthorizationCode(
            clientId: request.client.id, username: user.username, redirectURI: request.redirectURI,
            scopes: request.scopes, nonce: request.nonce, challenge: request.challenge,
            challengeMethod: request.challengeMethod, expires: now().addingTimeInterval(Self.authorizationCodeLifetime),
            authTime: now())
        oauth2.lastCode = code
        return .redirect(request.redirectURI, adding: [("code", code)] + (request.state.map { [("state", $0)] } ?? []))
    }

    /// Checks an authorization request as the service does: the client and the exact redirect URI first (a page
    /// otherwise), then the flow, response type, scopes, PKCE and prompt (`error=` on the redirect otherwise).
    func authorizationRequest(_ fields: FormFields) throws(AuthorizeFailure) -> AuthorizationRequest {
        let carried = fields.pairs.filter { !["username", "password", "signInSubmitButton"].contains($0.name) }
        if let repeated = FormFields(pairs: carried).repeatedNames.first {
            throw .page("invalid_request", "The parameter \(repeated) is given more than once.")
        }
        guard let id = fields["client_id"], !id.isEmpty else { throw .page("invalid_request", "client_id is missing.") }
        guard let client = clients[id] else { throw .page("invalid_request", "Invalid client_id.") }
        guard let redirect = fields["redirect_uri"], !redirect.isEmpty else {
            throw .page("invalid_request", "redirect_uri is missing.")
        }
        guard client.callbackURLs.contains(redirect) else {
            throw .page("redirect_mismatch", "redirect_uri is not one of the app client's callback URLs.")
        }
        let state = fields["state"]
        func refuse(_ refusal: OAuth2Refusal) -> AuthorizeFailure { .redirect(redirect, state: state, refusal) }
        guard client.allowedOAuthFlowsUserPoolClient else {
            throw refuse(.unauthorizedClient("The app client may not use OAuth flows."))
        }
        switch fields["response_type"] {
        case nil, "": throw refuse(.invalidRequest("response_type is missing."))
        case OAuth2ResponseType.code.rawValue:
            guard client.allows(OAuth2Value.codeFlow) else {
                throw refuse(.unauthorizedClient("The code flow is not allowed."))
            }
        case OAuth2Value.tokenResponse:
            guard client.allows(OAuth2Value.implicitFlow) else {
                throw refuse(.unauthorizedClient("The implicit flow is not allowed."))
            }
            throw refuse(.unsupportedResponseType("LocalUserPool does not answer the implicit flow."))
        default: throw refuse(.unsupportedResponseType("response_type must be code."))
        }
        let providers = client.lists["SupportedIdentityProviders"] ?? []
        if let provider = fields["identity_provider"],
            provider != OAuth2Value.cognitoProvider || !(providers.isEmpty || providers.contains(provider))
        {
            throw refuse(.invalidRequest("The identity provider \(provider) is not available."))
        }
        if fields["idp_identifier"] != nil {
            throw refuse(.invalidRequest("No identity provider has that identifier."))
        }
        let requested = (fields["scope"] ?? "").split(separator: " ").map(String.init)
        for scope in requested where !client.allowedOAuthScopes.contains(scope) || !isKnownScope(scope) {
            throw refuse(.invalidScope("The scope \(scope) is not allowed for the app client."))
        }
        let scopes = requested.isEmpty ? client.allowedOAuthScopes.filter(isKnownScope) : requested
        var challenge = fields["code_challenge"]
        var method = fields["code_challenge_method"]
        if challenge == "" { challenge = nil }
        if method == "" { method = nil }
        if let method {
            guard method == OAuth2CodeChallengeMethod.s256.rawValue || method == OAuth2Value.plain else {
                throw refuse(.invalidRequest("code_challenge_method must be S256 or plain."))
            }
            guard challenge != nil else { throw refuse(.invalidRequest("code_challenge is missing.")) }
        }
        if let challenge {
            guard (43...128).contains(challenge.count), challenge.allSatisfy(Self.isPKCECharacter) else {
                throw refuse(.invalidRequest("code_challenge is malformed."))
            }
            if method == nil { method = OAuth2Value.plain }
        }
        if (fields["prompt"] ?? "").split(separator: " ").contains("none") {
            throw refuse(.loginRequired)
        }
        return AuthorizationRequest(
            client: client, redirectURI: redirect, scopes: scopes, state: state, nonce: fields["nonce"],
            challenge: challenge, challengeMethod: method, loginHint: fields["login_hint"], fields: carried)
    }

    /// A standard scope, or a custom one its resource server still defines.
    func isKnownScope(_ scope: String) -> Bool { Self.standardScopes.contains(scope) || isCustomScope(scope) }

    /// The unreserved characters of RFC 7636 (`A-Z a-z 0-9 - . _ ~`).
    static func isPKCECharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character))
    }
}
