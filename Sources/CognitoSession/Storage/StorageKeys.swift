/// The storage keys, exactly as amazon-cognito-identity-js writes them, so a session saved by
/// the JS library (its `localStorage`, exported) reads back here and the other way round.
///
/// ```
/// CognitoIdentityServiceProvider.<clientId>.LastAuthUser
/// CognitoIdentityServiceProvider.<clientId>.<username>.idToken
///                                                      .accessToken
///                                                      .refreshToken
///                                                      .clockDrift      (decimal seconds)
///                                                      .userData        (GetUser response JSON)
///                                                      .deviceKey
///                                                      .randomPasswordKey
///                                                      .deviceGroupKey
///                                                      .pendingRevocations  (this library only)
///                                                      .canonicalName  (this library only: on an alias)
/// CognitoIdentityServiceProvider.<clientId>.writeCheck  (this library only, removed at once)
/// ```
public struct StorageKeys: Sendable, Hashable {
    /// The app client id the keys belong to.
    public let clientId: String

    /// Keys for the app client `clientId`.
    public init(clientId: String) { self.clientId = clientId }

    /// `CognitoIdentityServiceProvider.<clientId>`.
    public var prefix: String { "CognitoIdentityServiceProvider.\(clientId)" }

    /// The user who signed in last.
    public var lastAuthUser: String { "\(prefix).LastAuthUser" }

    /// The user's ID token.
    public func idToken(username: String) -> String { key(username, "idToken") }
    /// The user's access token.
    public func accessToken(username: String) -> String { key(username, "accessToken") }
    /// The user's refresh token.
    public func refreshToken(username: String) -> String { key(username, "refreshToken") }
    /// The clock drift measured when the user's tokens were issued.
    public func clockDrift(username: String) -> String { key(username, "clockDrift") }
    /// The cached GetUser response.
    public func userData(username: String) -> String { key(username, "userData") }
    /// The remembered device's key.
    public func deviceKey(username: String) -> String { key(username, "deviceKey") }
    /// The remembered device's random password.
    public func randomPasswordKey(username: String) -> String { key(username, "randomPasswordKey") }
    /// The remembered device's group key.
    public func deviceGroupKey(username: String) -> String { key(username, "deviceGroupKey") }

    /// Refresh tokens whose revocation at sign-out failed for a passing reason (this library's
    /// own key; the JS library has none).
    public func pendingRevocations(username: String) -> String { key(username, "pendingRevocations") }

    /// The canonical user name a sign-in with the alias `alias` ended with (this library's own key),
    /// so that the next sign-in with the alias uses the device remembered under the canonical name.
    public func canonicalName(signingInAs alias: String) -> String { key(alias, "canonicalName") }

    /// The name of the user's refresh lease (see ``RefreshCoordinating``):
    /// `CognitoIdentityServiceProvider.<clientId>.<username>`. A name, not a storage key.
    public func refreshLease(username: String) -> String { "\(prefix).\(username)" }

    /// The probe written and removed to check that the storage can be written before a sign-in.
    public var writeCheck: String { "\(prefix).writeCheck" }

    private func key(_ username: String, _ name: String) -> String { "\(prefix).\(username).\(name)" }
}
