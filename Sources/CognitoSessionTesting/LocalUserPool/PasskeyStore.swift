import Foundation

extension LocalUserPool {
    /// The user-verification setting of the pool's passkeys (`WebAuthnConfiguration.UserVerification`).
    public enum PasskeyUserVerification: String, Sendable, Hashable {
        /// The UV flag must be set at registration and sign-in.
        case required
        /// Asked for, not required (the service's default).
        case preferred
    }
}

/// The pool's passkey settings and state: the relying party, the registered credentials, and the
/// registration challenges waiting for CompleteWebAuthnRegistration.
struct PasskeyStore {
    struct PendingRegistration {
        let challenge: [UInt8]
        let clientId: String?
        let expires: Date
    }

    /// `WebAuthnConfiguration.RelyingPartyId`; nil answers StartWebAuthnRegistration with
    /// WebAuthnConfigurationMissingException.
    var relyingPartyId: String?
    var userVerification = LocalUserPool.PasskeyUserVerification.preferred
    /// Origins accepted besides `https://<relying party id>` and its subdomains.
    var extraOrigins: [String] = []
    /// Registered passkeys by canonical user name, oldest first.
    var credentials: [String: [StoredPasskey]] = [:]
    var registrations: [String: PendingRegistration] = [:]

    /// How long a registration or sign-in challenge is good for (the options' `timeout`).
    static let challengeLifetime: TimeInterval = 180
    /// The most passkeys one user may have (the service's quota).
    static let maximumPerUser = 20

    var relyingParty: WebAuthnRelyingParty? {
        relyingPartyId.map {
            WebAuthnRelyingParty(
                id: $0, requiresUserVerification: userVerification == .required, extraOrigins: extraOrigins)
        }
    }
}
