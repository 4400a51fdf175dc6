import Foundation

/// A passkey registered for a user, as ListWebAuthnCredentials describes it.
public struct WebAuthnCredentialDescription: Codable, Sendable, Hashable {
    /// The credential id (base64url): pass it to ``CognitoUser/deleteWebAuthnCredential(id:)``.
    public var credentialId: String
    /// A name the service gives the passkey (often its provider's), if any.
    public var friendlyCredentialName: String?
    /// The relying party id the passkey is bound to.
    public var relyingPartyId: String
    /// `platform` or `cross-platform`, when the authenticator said.
    public var authenticatorAttachment: String?
    /// How the authenticator is reached (`internal`, `usb`, `hybrid`, ...).
    public var authenticatorTransports: [String]
    /// When the passkey was registered.
    public var createdAt: Date

    /// Creates a description.
    public init(
        credentialId: String, friendlyCredentialName: String? = nil, relyingPartyId: String,
        authenticatorAttachment: String? = nil, authenticatorTransports: [String] = [], createdAt: Date
    ) {
        self.credentialId = credentialId
        self.friendlyCredentialName = friendlyCredentialName
        self.relyingPartyId = relyingPartyId
        self.authenticatorAttachment = authenticatorAttachment
        self.authenticatorTransports = authenticatorTransports
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case credentialId = "CredentialId", friendlyCredentialName = "FriendlyCredentialName"
        case relyingPartyId = "RelyingPartyId", authenticatorAttachment = "AuthenticatorAttachment"
        case authenticatorTransports = "AuthenticatorTransports", createdAt = "CreatedAt"
    }
}
