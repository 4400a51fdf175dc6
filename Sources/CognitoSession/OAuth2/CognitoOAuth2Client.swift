import Foundation
import HTTPTypes
import Logging

/// A client of a user pool domain's OAuth2 endpoints (`https://<prefix>.auth.<region>.amazoncognito.com` or a
/// custom domain): the hosted UI's authorization code flow with PKCE, refreshes through the token endpoint,
/// machine-to-machine tokens (`client_credentials`), revocation, `userInfo` and the logout URL.
///
/// ```swift
/// let oauth = try CognitoOAuth2Client(domain: domain, clientId: "client-id", clientSecret: nil,
///                                     transport: URLSessionTransport())
/// let authorization = try oauth.authorization(redirectURI: callback, scopes: ["openid", "email"])
/// // open authorization.url; the redirect brings back code and state
/// let session = try await oauth.exchange(code: code, state: state, for: authorization)
/// ```
///
/// Client authentication follows RFC 6749 §2.3.1: with a secret, `Authorization: Basic` over the form-encoded
/// id and secret; without one, `client_id` in the body. The client stores nothing; ``clientCredentials(scopes:)``
/// keeps its tokens in memory only.
///
/// Retries follow the ``RetryPolicy``: 429 and 5xx answers on every endpoint (the server did not issue anything a
/// retry could duplicate, and a code consumed by a failed attempt only turns into `invalid_grant`); timeouts and
/// lost connections only for `client_credentials`, `refresh_token`, revocation and `userInfo`, which are safe to
/// repeat. A lost connection while exchanging a code is thrown as it is: the code may already be spent, and a
/// retry would hide the real failure behind `invalid_grant`.
public final class CognitoOAuth2Client: Sendable {
    /// What the client runs on besides the domain, the app client and the transport.
    public struct Configuration: Sendable {
        /// Where "now" comes from, for token expiry and the client-credentials cache.
        public var clock: any WallClock
        /// Gets one debug line per request (endpoint, status, attempt); never bodies or headers.
        public var logger: Logger?
        /// How failed requests are retried.
        public var retryPolicy: RetryPolicy
        /// How long before expiry a cached client-credentials token is renewed (seconds, at least 0).
        public var renewalMargin: TimeInterval
        /// Up to this many seconds more, chosen at random per token, so a fleet does not renew at once.
        public var renewalJitter: TimeInterval

        /// Creates a configuration; by default the system clock, no logger, the default retry policy, renewal
        /// 5 minutes before expiry with up to 1 minute of jitter.
        public init(
            clock: any WallClock = SystemWallClock(), logger: Logger? = nil, retryPolicy: RetryPolicy = .default,
            renewalMargin: TimeInterval = 300, renewalJitter: TimeInterval = 60
        ) {
            self.clock = clock
            self.logger = logger
            self.retryPolicy = retryPolicy
            self.renewalMargin = max(0, renewalMargin)
            self.renewalJitter = max(0, renewalJitter)
        }
    }

    /// Waits for a duration between attempts.
    package typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// The app client id.
    public let clientId: String
    /// The configuration given.
    public let configuration: Configuration
    private let clientSecret: String?
    private let domain: ServiceEndpoint
    private let transport: any HTTPTransport
    private let sleep: Sleeper
    private let unitRandom: @Sendable () -> Double
    private let makeVerifier: @Sendable () throws -> String
    private let cache: ClientCredentialsCache

    /// Creates a client for a pool domain.
    ///
    /// - Parameters:
    ///   - domain: The domain URL: `https`, or plain `http` only to a loopback host (127.0.0.0/8, `::1`,
    ///     `localhost`); no query or fragment. A path is kept as a prefix of the endpoints.
    ///   - clientId: The app client id.
    ///   - clientSecret: The app client secret of a confidential client; nil for a public client.
    ///   - transport: How requests are sent.
    ///   - configuration: Clock, logger, retry policy and renewal timing.
    /// - Throws: ``CognitoConfigurationError/insecureEndpoint`` for plain http to another host,
    ///   ``CognitoConfigurationError/invalidEndpoint`` for anything else that is not such a URL.
    public convenience init(
        domain: URL, clientId: String, clientSecret: String?, transport: any HTTPTransport,
        configuration: Configuration = Configuration()
    ) throws(CognitoConfigurationError) {
        try self.init(
            domain: domain, clientId: clientId, clientSecret: clientSecret, transport: transport,
            configuration: configuration, sleep: { try await Task.sleep(for: $0) },
            unitRandom: { Double.random(in: 0...1) }, makeVerifier: { try Self.randomVerifier() })
    }

    /// The full initialiser: tests inject the sleep, the jitter source and the PKCE verifier.
    package init(
        domain: URL, clientId: String, clientSecret: String?, transport: any HTTPTransport,
        configuration: Configuration, sleep: @escaping Sleeper, unitRandom: @escaping @Sendable () -> Double,
        makeVerifier: @escaping @Sendable () throws -> String
    ) throws(CognitoConfigurationError) {
        self.domain = try ServiceEndpoint(override: domain)
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.transport = transport
        self.configuration = configuration
        self.sleep = sleep
        self.unitRandom = unitRandom
        self.makeVerifier = makeVerifier
        cache = ClientCredentialsCache(clock: configuration.clock)
    }

    // MARK: Authorization code

    /// Makes an authorization request: the `/oauth2/authorize` URL with `response_type=code`, a fresh 128-bit
    /// `state`, a PKCE S256 challenge from a fresh verifier, a `nonce`, and the optional parameters.
    ///
    /// - Parameters:
    ///   - redirectURI: A callback URL registered on the app client, matched exactly.
    ///   - scopes: The scopes; include `openid` so the answer carries an ID token.
    ///   - identityProvider: `identity_provider`, to go straight to a federated provider (e.g. `Google`).
    ///   - idpIdentifier: `idp_identifier`, a provider chosen by identifier.
    ///   - loginHint: `login_hint`, the user name to prefill.
    ///   - prompt: `prompt` values.
    ///   - lang: `lang`, the managed login language.
    /// - Throws: ``CryptoError`` when no secure random bytes can be had.
    public func authorization(
        redirectURI: URL, scopes: [String], identityProvider: String? = nil, idpIdentifier: String? = nil,
        loginHint: String? = nil, prompt: [OAuth2Prompt] = [], lang: String? = nil
    ) throws -> OAuth2Authorization {
        let state = FormEncoding.base64URL(try SecureRandom.bytes(count: 16))
        let nonce = FormEncoding.base64URL(try SecureRandom.bytes(count: 16))
        let verifier = try makeVerifier()
        let challenge = FormEncoding.base64URL(try SHA256.hash(Array(verifier.utf8)))
        var query: [(String, String)] = [
            ("response_type", OAuth2ResponseType.code.rawValue), ("client_id", clientId),
            ("redirect_uri", redirectURI.absoluteString), ("scope", scopes.joined(separator: " ")),
            ("state", state), ("code_challenge", challenge),
            ("code_challenge_method", OAuth2CodeChallengeMethod.s256.rawValue), ("nonce", nonce),
        ]
        if let identityProvider { query.append(("identity_provider", identityProvider)) }
        if let idpIdentifier { query.append(("idp_identifier", idpIdentifier)) }
        if let loginHint { query.append(("login_hint", loginHint)) }
        if !prompt.isEmpty { query.append(("prompt", prompt.map(\.rawValue).joined(separator: " "))) }
        if let lang { query.append(("lang", lang)) }
        return OAuth2Authorization(
            url: url(OAuth2Path.authorize, query: query), redirectURI: redirectURI, scopes: scopes, state: state,
            nonce: nonce, codeVerifier: verifier)
    }

    /// Exchanges the code from the redirect for a session.
    ///
    /// The `state` is compared (in constant time) with the authorization's before anything is sent; the code goes
    /// with the PKCE verifier and the exact redirect URI; the ID token's `nonce` and `aud` are checked.
    ///
    /// - Throws: ``CognitoOAuth2Error/stateMismatch`` (nothing sent), ``CognitoOAuth2Error/nonceMismatch``,
    ///   ``CognitoOAuth2Error/audienceMismatch``, ``CognitoOAuth2Error/unusableTokens``, the server's
    ///   ``CognitoOAuth2Error`` (`invalid_grant` for a used, expired or mismatched code), transport errors.
    public func exchange(
        code: String, state: String, for authorization: OAuth2Authorization
    ) async throws
        -> CognitoUserSession
    {
        guard constantTimeEquals(state, authorization.state) else { throw CognitoOAuth2Error.stateMismatch }
        let answer = try await token(
            grant: .authorizationCode,
            [
                ("code", code), ("redirect_uri", authorization.redirectURI.absoluteString),
                ("code_verifier", authorization.codeVerifier),
            ], retryOnLostConnection: false)
        return try session(from: answer, nonce: authorization.nonce, keeping: nil)
    }

    /// Refreshes a session through the token endpoint (`grant_type=refresh_token`).
    ///
    /// The answer's refresh token replaces the old one when the app client rotates them; otherwise the old one is
    /// kept. Nothing is stored.
    ///
    /// - Throws: ``CognitoOAuth2Error`` — ``CognitoOAuth2Error/isTerminal`` (`invalid_grant`) when the refresh
    ///   token is expired or revoked; transport errors.
    public func refresh(_ refreshToken: CognitoRefreshToken) async throws -> CognitoUserSession {
        let answer = try await token(
            grant: .refreshToken, [("refresh_token", refreshToken.token)], retryOnLostConnection: true)
        return try session(from: answer, nonce: nil, keeping: refreshToken)
    }

    // MARK: Client credentials

    /// A machine-to-machine access token for `scopes` (`grant_type=client_credentials`; the app client needs a
    /// secret).
    ///
    /// Tokens are cached per sorted set of scopes and renewed ahead of expiry (``Configuration/renewalMargin``
    /// plus jitter). However many callers ask at once, one request is made; a cancelled caller does not cancel it
    /// for the others. While a renewal fails with a retryable error, the cached token is returned as long as it
    /// has not expired.
    public func clientCredentials(scopes: [String]) async throws -> CognitoAccessToken {
        let sorted = Array(Set(scopes)).sorted()
        let margin = configuration.renewalMargin + configuration.renewalJitter * min(1, max(0, unitRandom()))
        return try await cache.token(for: sorted.joined(separator: " "), margin: margin) { [self] in
            let answer = try await token(
                grant: .clientCredentials, sorted.isEmpty ? [] : [("scope", sorted.joined(separator: " "))],
                retryOnLostConnection: true)
            guard let access = answer.accessToken, let token = try? CognitoAccessToken(jwtToken: access) else {
                throw CognitoOAuth2Error.unusableTokens
            }
            let now = configuration.clock.now()
            let expiry = answer.expiresIn.map { now.addingTimeInterval($0) } ?? token.expiration
            return (token, issued: now, expiry: min(expiry, token.expiration))
        }
    }

    // MARK: Revocation, user info, logout

    /// Revokes a refresh token (`POST /oauth2/revoke`), and the access tokens issued with it.
    public func revoke(_ refreshToken: CognitoRefreshToken) async throws {
        var fields = [("token", refreshToken.token)]
        if clientSecret == nil { fields.append(("client_id", clientId)) }
        _ = try await send(post(OAuth2Path.revoke), body: FormEncoding.encode(fields), retryOnLostConnection: true)
    }

    /// The signed-in user's attributes (`GET /oauth2/userInfo` with the access token as a Bearer token).
    public func userInfo(accessToken: CognitoAccessToken) async throws -> [String: JSONValue] {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(accessToken.jwtToken)"
        fields[.accept] = "application/json"
        fields[.userAgent] = CognitoSessionVersion.userAgent
        let head = HTTPRequest(
            method: .get, scheme: domain.scheme, authority: domain.authority, path: path(OAuth2Path.userInfo),
            headerFields: fields)
        let (status, data) = try await send(head, body: "", retryOnLostConnection: true)
        guard let object = try? JSONParser.parseObject(data) else {
            throw CognitoOAuth2Error.unexpectedResponse(statusCode: status)
        }
        return object
    }

    /// The `/logout` URL that ends the managed login session and redirects to `logoutURI` (a sign-out URL
    /// registered on the app client).
    public func logoutURL(logoutURI: URL) -> URL {
        url(OAuth2Path.logout, query: [("client_id", clientId), ("logout_uri", logoutURI.absoluteString)])
    }

    /// The `/logout` URL that ends the managed login session and starts a new sign-in, redirecting to
    /// `redirectURI` as ``authorization(redirectURI:scopes:identityProvider:idpIdentifier:loginHint:prompt:lang:)``
    /// would (the returned authorization's ``OAuth2Authorization/url`` is the logout URL).
    public func logoutURL(redirectingTo redirectURI: URL, scopes: [String]) throws -> OAuth2Authorization {
        let authorization = try authorization(redirectURI: redirectURI, scopes: scopes)
        let query = URLComponents(url: authorization.url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        let url = URL(string: "\(domain.scheme)://\(domain.authority)\(path(OAuth2Path.logout))?\(query)")!
        return OAuth2Authorization(
            url: url, redirectURI: redirectURI, scopes: scopes, state: authorization.state,
            nonce: authorization.nonce, codeVerifier: authorization.codeVerifier)
    }

    // MARK: Requests

    /// A fresh PKCE verifier: 32 random bytes, base64url (43 characters).
    package static func randomVerifier() throws -> String { FormEncoding.base64URL(try SecureRandom.bytes(count: 32)) }

    private func path(_ endpoint: String) -> String {
        (domain.path.hasSuffix("/") ? String(domain.path.dropLast()) : domain.path) + endpoint
    }

    private func url(_ endpoint: String, query: [(String, String)]) -> URL {
        let text = "\(domain.scheme)://\(domain.authority)\(path(endpoint))?\(FormEncoding.encode(query))"
        return URL(string: text)!
    }

    private func post(_ endpoint: String) -> HTTPRequest {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-www-form-urlencoded"
        fields[.accept] = "application/json"
        fields[.userAgent] = CognitoSessionVersion.userAgent
        fields[.cacheControl] = "no-store"
        if let clientSecret {
            let pair = "\(FormEncoding.encode(clientId)):\(FormEncoding.encode(clientSecret))"
            fields[.authorization] = "Basic \(Data(pair.utf8).base64EncodedString())"
        }
        return HTTPRequest(
            method: .post, scheme: domain.scheme, authority: domain.authority, path: path(endpoint),
            headerFields: fields)
    }

    private func token(
        grant: OAuth2GrantType, _ fields: [(String, String)], retryOnLostConnection: Bool
    )
        async throws -> TokenAnswer
    {
        var all = [("grant_type", grant.rawValue)]
        if clientSecret == nil { all.append(("client_id", clientId)) }
        all += fields
        let (status, data) = try await send(
            post(OAuth2Path.token), body: FormEncoding.encode(all), retryOnLostConnection: retryOnLostConnection)
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: data) else {
            throw CognitoOAuth2Error.unexpectedResponse(statusCode: status)
        }
        return answer
    }

    private func session(
        from answer: TokenAnswer, nonce: String?, keeping old: CognitoRefreshToken?
    ) throws
        -> CognitoUserSession
    {
        guard let access = answer.accessToken, let idText = answer.idToken,
            let accessToken = try? CognitoAccessToken(jwtToken: access),
            let idToken = try? CognitoIdToken(jwtToken: idText)
        else { throw CognitoOAuth2Error.unusableTokens }
        guard constantTimeEquals(idToken.payload["aud"]?.stringValue, clientId) else {
            throw CognitoOAuth2Error.audienceMismatch
        }
        if let nonce, !constantTimeEquals(idToken.payload["nonce"]?.stringValue, nonce) {
            throw CognitoOAuth2Error.nonceMismatch
        }
        let refresh = answer.refreshToken.map(CognitoRefreshToken.init(token:)) ?? old ?? CognitoRefreshToken(token: "")
        return CognitoUserSession(
            idToken: idToken, accessToken: accessToken, refreshToken: refresh, clock: configuration.clock)
    }

    /// Sends with retries; returns the status and body of a 2xx answer, or throws the typed error.
    private func send(_ head: HTTPRequest, body: String, retryOnLostConnection: Bool) async throws -> (Int, Data) {
        let policy = configuration.retryPolicy
        let data = Data(body.utf8)
        var attempt = 1
        var waited = Duration.zero
        while true {
            try Task.checkCancellation()
            do {
                let (response, answer) = try await transport.send(head, body: data)
                let status = response.status.code
                log(head, attempt: attempt, status: status)
                if (200..<300).contains(status) { return (status, answer) }
                throw Self.error(status: status, body: answer)
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                let retryable =
                    switch error {
                    case let error as CognitoOAuth2Error: error.isRetryable
                    case let error as HTTPTransportError: error.isTransient && retryOnLostConnection
                    default: false
                    }
                if !(error is CognitoOAuth2Error) { log(head, attempt: attempt, error: error) }
                guard retryable, attempt < policy.maxAttempts else { throw error }
                let delay = policy.delay(beforeRetry: attempt, unitRandom: unitRandom())
                guard waited + delay <= policy.maxTotalDelay else { throw error }
                try await sleep(delay)
                waited += delay
                attempt += 1
            }
        }
    }

    private static func error(status: Int, body: Data) -> CognitoOAuth2Error {
        guard let object = try? JSONParser.parseObject(body), let code = object["error"]?.stringValue else {
            return .unexpectedResponse(statusCode: status)
        }
        return .response(error: code, description: object["error_description"]?.stringValue, statusCode: status)
    }

    private func log(_ head: HTTPRequest, attempt: Int, status: Int? = nil, error: (any Error)? = nil) {
        guard let logger = configuration.logger else { return }
        var metadata: Logger.Metadata = ["cognito.endpoint": "\(head.path ?? "")", "cognito.attempt": "\(attempt)"]
        if let status { metadata["cognito.status"] = "\(status)" }
        if let error { metadata["cognito.error"] = "\(String(describing: type(of: error)))" }
        logger.debug("Cognito OAuth2 request", metadata: metadata)
    }
}

extension CognitoOAuth2Client: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The domain and client id; never the secret.
    public var description: String {
        "CognitoOAuth2Client(domain: \(domain.urlString), clientId: \(clientId), clientSecret: "
            + "\(clientSecret == nil ? "none" : Redaction.marker))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The domain and client id; the secret as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "domain": domain.urlString, "clientId": clientId,
                "clientSecret": Redaction.secret(clientSecret) as Any,
            ], displayStyle: .class)
    }
}

/// The token endpoint's success answer.
struct TokenAnswer: Decodable, Sendable {
    let accessToken: String?
    let idToken: String?
    let refreshToken: String?
    let expiresIn: TimeInterval?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case idToken = "id_token"
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }
}
