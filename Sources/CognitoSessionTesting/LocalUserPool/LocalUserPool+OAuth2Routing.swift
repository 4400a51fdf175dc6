import CognitoSession
import Foundation
import HTTPTypes

/// The pool domain's endpoints, found by the end of the request path: whatever comes before (a path prefix such
/// as `cognito-session serve`'s `/<domain>`) is kept for the URLs the pages and redirects name.
struct OAuth2Route {
    enum Endpoint: String {
        case authorize, login, token, revoke, userInfo, logout, discovery, keys
    }

    static let suffixes: [(String, Endpoint)] = [
        (OAuth2Path.authorize, .authorize), ("/login", .login), (OAuth2Path.token, .token),
        (OAuth2Path.revoke, .revoke), (OAuth2Path.userInfo, .userInfo), (OAuth2Path.logout, .logout),
        ("/.well-known/openid-configuration", .discovery), ("/.well-known/jwks.json", .keys),
    ]

    let endpoint: Endpoint
    /// The path before the endpoint (`""` in-process, `/<domain>` behind serve).
    let prefix: String
    /// The path of the request without its query.
    let path: String
    /// The query, undecoded.
    let query: Substring
    /// `scheme://authority<prefix>`: the domain as the client reached it.
    let base: String

    /// The endpoint's path (`/oauth2/token`): how logs and injected faults name it.
    var endpointPath: Substring { path.dropFirst(prefix.count) }

    init?(_ request: HTTPRequest) {
        guard let target = request.path, target.hasPrefix("/") else { return nil }
        let path = target.prefix { $0 != "?" }
        guard let (suffix, endpoint) = Self.suffixes.first(where: { path.hasSuffix($0.0) }) else { return nil }
        self.endpoint = endpoint
        self.path = String(path)
        prefix = String(path.dropLast(suffix.count))
        query = target.dropFirst(path.count + 1)
        base = "\(request.scheme ?? "https")://\(request.authority ?? "localhost")\(prefix)"
    }
}

/// One answer of the OAuth2 endpoints, before its tokens are signed.
struct OAuth2Answer {
    var status: Int
    var headers: HTTPFields
    var body: Data

    static func json(_ object: [String: Any], status: Int = 200) -> OAuth2Answer {
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=UTF-8"
        headers[.cacheControl] = "no-store"
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return OAuth2Answer(status: status, headers: headers, body: body)
    }

    static func refusal(_ refusal: OAuth2Refusal) -> OAuth2Answer {
        var object = ["error": refusal.error]
        if let description = refusal.description { object["error_description"] = description }
        var answer = json(object, status: refusal.status)
        // RFC 6750's challenge for a refused access token. None for a refused client: a Basic challenge would make
        // some HTTP stacks (URLSession on Linux) wait to answer it instead of returning the 401.
        if refusal.error == OAuth2Refusal.invalidToken("").error {
            answer.headers[.wwwAuthenticate] = "Bearer error=\"\(refusal.error)\""
        }
        return answer
    }

    static func html(_ page: String, status: Int = 200) -> OAuth2Answer {
        var headers = HTTPFields()
        headers[.contentType] = "text/html;charset=UTF-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action *"
        return OAuth2Answer(status: status, headers: headers, body: Data(page.utf8))
    }

    static func redirect(_ location: String) -> OAuth2Answer {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return OAuth2Answer(status: 302, headers: headers, body: Data())
    }

    /// `uri` with `pairs` added to its query.
    static func redirect(_ uri: String, adding pairs: [(String, String)]) -> OAuth2Answer {
        redirect(uri + (uri.contains("?") ? "&" : "?") + FormEncoding.encode(pairs))
    }
}

extension LocalUserPool {
    /// Answers a request for one of the domain's endpoints (authorize, login, token, revoke, userInfo, logout,
    /// the discovery document).
    ///
    /// Faults injected for the endpoint's path (`inject(.throttle, into: "/oauth2/token")`, or `"*"`) come first,
    /// with `faults` (those a ``LocalCognito`` took for it): a 429, a 5xx with `server_error`, a dropped
    /// connection, a body that is not JSON, latency.
    func answerOAuth2(
        _ route: OAuth2Route, _ request: HTTPRequest, body: Data, faults: [Fault] = []
    ) async throws -> (HTTPResponse, Data) {
        let isPost = request.method == .post
        let form = isPost ? FormFields(Substring(decoding: body, as: UTF8.self)) : FormFields(route.query)
        log.append(
            LoggedRequest(
                operation: "\(request.method.rawValue) \(route.endpointPath)",
                authFlow: route.endpoint == .token ? form?["grant_type"] : nil, challengeName: nil,
                fieldNames: (form?.names ?? []).sorted(), parameterNames: []))
        let taken = faults + takeFaults(for: String(route.endpointPath))
        for case .latency(let duration) in taken { try await sleep(duration) }
        for fault in taken {
            switch fault {
            case .latency: continue
            case .throttle: return Self.response(.refusal(.init("too_many_requests", "Rate exceeded", status: 429)))
            case .serverError(let status):
                return Self.response(.refusal(.init("server_error", "Internal error.", status: status)))
            case .dropConnection: throw HTTPTransportError.connectionFailed
            case .malformedBody:
                var answer = OAuth2Answer.json([:])
                answer.body = Data("{\"access".utf8)
                return Self.response(answer)
            }
        }
        unsignedTokens.removeAll()
        var result =
            form.map { answer(route, request, form: $0) }
            ?? .refusal(.invalidRequest("The request is not valid form data."))
        result.body = try await signingTokens(in: result.body)
        return Self.response(result)
    }

    private static func response(_ answer: OAuth2Answer) -> (HTTPResponse, Data) {
        (HTTPResponse(status: .init(code: answer.status), headerFields: answer.headers), answer.body)
    }

    private func answer(_ route: OAuth2Route, _ request: HTTPRequest, form: FormFields) -> OAuth2Answer {
        let isForm = request.headerFields[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded")
        switch (route.endpoint, request.method) {
        case (.authorize, .get), (.login, .get): return authorizePage(route, form)
        case (.authorize, .post), (.login, .post): return signIn(route, form)
        case (.token, .post), (.revoke, .post):
            guard isForm == true else {
                return .refusal(.invalidRequest("Content-Type must be application/x-www-form-urlencoded."))
            }
            do {
                let client = try authenticateClient(request, form)
                return route.endpoint == .token ? try token(form, client: client) : try revoke(form, client: client)
            } catch {
                return .refusal(error)
            }
        case (.userInfo, .get), (.userInfo, .post): return userInfo(request)
        case (.logout, .get): return logout(route, form)
        case (.discovery, .get): return .json(discoveryDocument(domainBase: route.base))
        case (.keys, .get):
            var answer = OAuth2Answer.json([:])
            answer.body = jwks
            return answer
        default:
            return .refusal(.init("invalid_request", "\(request.method.rawValue) is not allowed here.", status: 405))
        }
    }

    /// The discovery document as JSON (for `cognito-session serve`'s `/<pool id>/.well-known/openid-configuration`).
    package func discoveryJSON(domainBase: String?, jwksURI: String) -> Data {
        let document = discoveryDocument(domainBase: domainBase, jwksURI: jwksURI)
        return (try? JSONSerialization.data(withJSONObject: document, options: .sortedKeys)) ?? Data()
    }

    /// The OpenID Connect discovery document, with the domain's endpoints under `domainBase` when there is one.
    func discoveryDocument(domainBase: String?, jwksURI: String? = nil) -> [String: Any] {
        var document: [String: Any] = [
            "issuer": issuer, "jwks_uri": jwksURI ?? "\(issuer)/.well-known/jwks.json",
            "response_types_supported": [OAuth2Value.codeFlow, OAuth2Value.tokenResponse],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": [OAuth2Value.openid, "email", "phone", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": [
                "sub", "iss", "aud", "exp", "iat", "auth_time", "token_use", "cognito:username", "email",
                "email_verified", "phone_number", "phone_number_verified", "nonce",
            ],
        ]
        if let domainBase {
            document["authorization_endpoint"] = domainBase + OAuth2Path.authorize
            document["token_endpoint"] = domainBase + OAuth2Path.token
            document["userinfo_endpoint"] = domainBase + OAuth2Path.userInfo
            document["revocation_endpoint"] = domainBase + OAuth2Path.revoke
            document["end_session_endpoint"] = domainBase + OAuth2Path.logout
            document["code_challenge_methods_supported"] = [OAuth2CodeChallengeMethod.s256.rawValue, OAuth2Value.plain]
            document["grant_types_supported"] = [
                OAuth2GrantType.authorizationCode.rawValue, OAuth2GrantType.refreshToken.rawValue,
                OAuth2GrantType.clientCredentials.rawValue,
            ]
        }
        return document
    }

    /// The app client of a token or revoke request (RFC 6749 §2.3.1): `Authorization: Basic` over the form-encoded
    /// id and secret, or `client_id` (and `client_secret`) in the body; secrets compared in constant time.
    func authenticateClient(_ request: HTTPRequest, _ form: FormFields) throws(OAuth2Refusal) -> AppClient {
        if let repeated = form.repeatedNames.first {
            throw .invalidRequest("The parameter \(repeated) is given more than once.")
        }
        var id = form["client_id"]
        var secret = form["client_secret"]
        var usedBasic = false
        if let header = request.headerFields[.authorization] {
            guard header.count > 6, header.prefix(6).lowercased() == "basic ",
                let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":"),
                let basicID = FormFields.decode(pair[..<colon]),
                let basicSecret = FormFields.decode(pair[pair.index(after: colon)...])
            else { throw .invalidClient("The Authorization header is not Basic credentials.") }
            guard secret == nil else { throw .invalidRequest("Use one client authentication method only.") }
            if let id, id != basicID { throw .invalidClient("client_id does not match the Authorization header.") }
            (id, secret, usedBasic) = (basicID, basicSecret, true)
        }
        guard let id, !id.isEmpty, let client = clients[id] else { throw .invalidClient("Invalid client.") }
        switch (client.secret, secret) {
        case (let expected?, let given?) where constantTimeEquals(given, expected): return client
        case (nil, nil): return client
        case (nil, _?): throw .invalidClient("The client is not configured with a secret.")
        default:
            throw .invalidClient(usedBasic ? "Client authentication failed." : "The client secret is missing.")
        }
    }
}
