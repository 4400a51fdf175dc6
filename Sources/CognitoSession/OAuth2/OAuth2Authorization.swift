import Foundation

/// An authorization request made by `CognitoOAuth2Client.authorization(redirectURI:scopes:…)`: the URL to open,
/// and what ``CognitoOAuth2Client/exchange(code:state:for:)`` needs afterwards.
///
/// Keep it until the redirect comes back, and use it once. Its description and mirror show neither the URL
/// (it carries the state and the challenge) nor the state, nonce or PKCE verifier.
public struct OAuth2Authorization: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The `/oauth2/authorize` URL to open in a browser.
    public let url: URL
    /// The redirect URI, sent again, exactly, with the code.
    public let redirectURI: URL
    /// The scopes asked for.
    public let scopes: [String]
    /// The `state` the redirect must bring back.
    public let state: String
    /// The `nonce` the ID token must carry.
    public let nonce: String
    /// The PKCE code verifier (the secret half of the S256 challenge in ``url``).
    public let codeVerifier: String

    package init(url: URL, redirectURI: URL, scopes: [String], state: String, nonce: String, codeVerifier: String) {
        self.url = url
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
    }

    /// The redirect URI and scopes; no state, nonce or verifier.
    public var description: String {
        "OAuth2Authorization(redirectURI: \(redirectURI.absoluteString), scopes: \(scopes.joined(separator: " ")))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The redirect URI and scopes; everything else as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": Redaction.marker, "redirectURI": redirectURI.absoluteString, "scopes": scopes,
                "state": Redaction.marker, "nonce": Redaction.marker, "codeVerifier": Redaction.marker,
            ], displayStyle: .struct)
    }
}
