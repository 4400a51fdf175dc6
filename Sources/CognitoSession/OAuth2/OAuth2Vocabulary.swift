/// An OAuth 2.0 `grant_type` value for the token endpoint. Open: any other value can be made from its raw value.
public struct OAuth2GrantType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The value as sent.
    public let rawValue: String
    /// Makes a grant type from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `authorization_code`: a code from the hosted UI, with the PKCE verifier.
    public static let authorizationCode = OAuth2GrantType(rawValue: "authorization_code")
    /// `refresh_token`: new access and ID tokens for a refresh token.
    public static let refreshToken = OAuth2GrantType(rawValue: "refresh_token")
    /// `client_credentials`: a machine-to-machine access token for the app client itself.
    public static let clientCredentials = OAuth2GrantType(rawValue: "client_credentials")
    /// The raw value.
    public var description: String { rawValue }
}

/// An OAuth 2.0 `response_type` for the authorize endpoint.
public struct OAuth2ResponseType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The value as sent.
    public let rawValue: String
    /// Makes a response type from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `code`: the authorization code flow (the only one this client uses).
    public static let code = OAuth2ResponseType(rawValue: "code")
    /// The raw value.
    public var description: String { rawValue }
}

/// An OpenID Connect `prompt` value for the managed login pages.
public struct OAuth2Prompt: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The value as sent.
    public let rawValue: String
    /// Makes a prompt value from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `none`: no sign-in page; use the existing browser session or fail.
    public static let none = OAuth2Prompt(rawValue: "none")
    /// `login`: ask for sign-in even with a browser session.
    public static let login = OAuth2Prompt(rawValue: "login")
    /// `consent`: ask for consent.
    public static let consent = OAuth2Prompt(rawValue: "consent")
    /// `select_account`: let the user choose an account.
    public static let selectAccount = OAuth2Prompt(rawValue: "select_account")
    /// The raw value.
    public var description: String { rawValue }
}

/// An OAuth 2.0 `code_challenge_method`.
public struct OAuth2CodeChallengeMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The value as sent.
    public let rawValue: String
    /// Makes a method from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `S256`: the challenge is base64url(SHA-256(verifier)).
    public static let s256 = OAuth2CodeChallengeMethod(rawValue: "S256")
    /// The raw value.
    public var description: String { rawValue }
}

/// The OAuth2 endpoint paths on the pool's domain, spelled once.
package enum OAuth2Path {
    package static let authorize = "/oauth2/authorize"
    package static let token = "/oauth2/token"
    package static let revoke = "/oauth2/revoke"
    package static let userInfo = "/oauth2/userInfo"
    package static let logout = "/logout"
}
