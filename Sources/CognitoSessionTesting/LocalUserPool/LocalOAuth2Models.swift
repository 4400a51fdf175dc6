import CognitoSession
import Foundation

extension LocalUserPool {
    /// A resource server (CreateResourceServer): an identifier and the custom scopes it defines, asked for as
    /// `<identifier>/<scope name>`.
    public struct ResourceServer: Sendable, Equatable, Codable {
        /// The identifier, e.g. `https://api.example.com` or `orders`.
        public let identifier: String
        /// The display name.
        public var name: String
        /// Scope names and their descriptions.
        public var scopes: [String: String]

        /// Makes a resource server.
        public init(identifier: String, name: String, scopes: [String: String]) {
            self.identifier = identifier
            self.name = name
            self.scopes = scopes
        }

        /// The custom scopes it defines, `<identifier>/<name>`, sorted.
        public var customScopes: [String] { scopes.keys.sorted().map { "\(identifier)/\($0)" } }
    }
}

/// What the pool keeps of its domain, resource servers and outstanding authorization codes.
struct OAuth2State {
    /// The domain prefix (or custom domain) of CreateUserPoolDomain.
    var domain: String?
    /// Where a server in front of the pool puts the domain (`http://127.0.0.1:PORT`), for DescribeUserPoolDomain.
    var serverBase: String?
    var resourceServers: [String: LocalUserPool.ResourceServer] = [:]
    var codes: [String: AuthorizationCode] = [:]
    /// The newest code issued, for test controls.
    var lastCode: String?
}

/// An authorization code waiting for the token endpoint: single-use, five minutes.
struct AuthorizationCode {
    let clientId: String
    let username: String
    let redirectURI: String
    let scopes: [String]
    let nonce: String?
    let challenge: String?
    let challengeMethod: String?
    let expires: Date
    let authTime: Date
}

/// A validated authorization request (the authorize endpoint's query, or the sign-in form's hidden fields).
struct AuthorizationRequest {
    let client: LocalUserPool.AppClient
    let redirectURI: String
    let scopes: [String]
    let state: String?
    let nonce: String?
    let challenge: String?
    let challengeMethod: String?
    let loginHint: String?
    /// The query as received, carried through the form.
    let fields: [(name: String, value: String)]
}

/// An OAuth2 error answer: `{"error", "error_description"}` on the token, revoke and userInfo endpoints, or
/// `error=` on the redirect of the authorize endpoint.
struct OAuth2Refusal: Error {
    let error: String
    let description: String?
    var status = 400

    init(_ error: String, _ description: String? = nil, status: Int = 400) {
        self.error = error
        self.description = description
        self.status = status
    }

    static func invalidRequest(_ description: String) -> Self { .init(code(.invalidRequest), description) }
    static func invalidClient(_ description: String) -> Self {
        .init(code(.invalidClient), description, status: 401)
    }
    static func invalidGrant(_ description: String) -> Self { .init(code(.invalidGrant), description) }
    static func unauthorizedClient(_ description: String) -> Self { .init(code(.unauthorizedClient), description) }
    static func invalidScope(_ description: String) -> Self { .init(code(.invalidScope), description) }
    static func unsupportedGrantType(_ description: String) -> Self {
        .init(code(.unsupportedGrantType), description)
    }
    static func invalidToken(_ description: String) -> Self { .init("invalid_token", description, status: 401) }
    static func unsupportedTokenType(_ description: String) -> Self { .init("unsupported_token_type", description) }
    static func unsupportedResponseType(_ description: String) -> Self {
        .init("unsupported_response_type", description)
    }
    static let loginRequired = Self("login_required", "The user is not signed in.")

    /// The wire code of one of the client's error constants, so each is spelled once.
    private static func code(_ error: CognitoOAuth2Error) -> String { error.error ?? "" }
}

/// The values of the pool's OAuth settings and requests, spelled once.
enum OAuth2Value {
    /// `AllowedOAuthFlows` members.
    static let codeFlow = OAuth2ResponseType.code.rawValue
    static let implicitFlow = "implicit"
    static let clientCredentialsFlow = OAuth2GrantType.clientCredentials.rawValue
    /// The `response_type` of the implicit flow.
    static let tokenResponse = "token"
    /// The pool's own users, in `SupportedIdentityProviders` and `identity_provider`.
    static let cognitoProvider = "COGNITO"
    /// The scope that brings an ID token and `userInfo`.
    static let openid = "openid"
    /// The PKCE method without hashing.
    static let plain = "plain"
}
