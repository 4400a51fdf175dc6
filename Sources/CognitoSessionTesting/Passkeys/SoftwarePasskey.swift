import CognitoSession
import Foundation

/// A WebAuthn authenticator in software, so passkey sign-in can be tested where no browser or
/// platform authenticator is: it reads the options JSON the service hands out and answers with the
/// credential JSON a browser's `PublicKeyCredential.toJSON()` gives, signed for real.
///
/// ```swift
/// let passkey = try SoftwarePasskey()                                  // ES256; .rs256 also works
/// let options = try await user.startWebAuthnRegistration()
/// try await user.completeWebAuthnRegistration(
///     credential: try passkey.register(creationOptions: options, origin: "https://app.example.com"))
/// // later, at the WEB_AUTHN step of a USER_AUTH sign-in:
/// let assertion = try passkey.authenticate(requestOptions: requestOptions, origin: "https://app.example.com")
/// ```
///
/// It holds one credential: `register` makes a new key pair (libcrypto; the private key never leaves
/// the EVP_PKEY and is cleared when freed) and `authenticate` signs with it, counting signatures. Like a
/// browser it checks that the origin belongs to the relying party, the algorithm is offered, the
/// credential is allowed and not excluded; make it with `checksClient: false` to have it sign whatever it
/// is given (a wrong origin, another relying party), to test that the relying party refuses. Its
/// description and `dump()` show the algorithm, the relying party and the credential id, never a key.
public final class SoftwarePasskey: @unchecked Sendable {
    private struct Credential {
        let id: [UInt8]
        let key: PasskeyPrivateKey
        let relyingPartyId: String
        let userHandle: [UInt8]
    }

    private struct State {
        var credential: Credential?
        var signatureCount: UInt32 = 0
    }

    /// The algorithm of the keys this passkey makes.
    public let algorithm: COSEAlgorithm
    /// Whether it performs user verification (sets the UV flag).
    public let verifiesUser: Bool
    /// Whether it checks the origin and the relying party as a browser would.
    public let checksClient: Bool
    /// The attestation format of registrations: `none`, or `packed` self attestation.
    public let attestation: Attestation
    /// Whether the counter moves on each signature (synced passkeys often keep it at zero).
    public let countsSignatures: Bool

    /// How a registration attests the new key.
    public enum Attestation: Sendable, Hashable {
        /// `fmt: "none"`, as most passkey providers answer.
        case none
        /// `fmt: "packed"` self attestation: the new key signs the registration.
        case packedSelf
    }

    private let lock = NSLock()
    private var state = State()

    /// A passkey with no credential yet.
    ///
    /// - Parameters:
    ///   - algorithm: ``COSEAlgorithm/es256`` (default) or ``COSEAlgorithm/rs256``.
    ///   - verifiesUser: whether it sets the UV flag (a PIN or biometric check happened).
    ///   - attestation: the attestation format of ``register(creationOptions:origin:)``.
    ///   - countsSignatures: whether the signature counter moves (else it stays 0).
    ///   - checksClient: whether it refuses origins outside the relying party, as a browser does.
    public init(
        algorithm: COSEAlgorithm = .es256, verifiesUser: Bool = true, attestation: Attestation = .none,
        countsSignatures: Bool = true, checksClient: Bool = true
    ) throws(SoftwarePasskeyError) {
        guard algorithm == .es256 || algorithm == .rs256 else { throw .unsupportedAlgorithm(algorithm.rawValue) }
        self.algorithm = algorithm
        self.verifiesUser = verifiesUser
        self.attestation = attestation
        self.countsSignatures = countsSignatures
        self.checksClient = checksClient
    }

    private func withState<T>(
        _ body: (inout State) throws(SoftwarePasskeyError) -> T
    ) throws(SoftwarePasskeyError)
        -> T
    {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    /// The credential id (base64url), once registered.
    public var credentialId: String? { (try? withState { $0.credential.map { Base64URL.encode($0.id) } }) ?? nil }

    /// The user handle the relying party gave at registration (base64url).
    public var userHandle: String? {
        (try? withState { $0.credential.map { Base64URL.encode($0.userHandle) } }) ?? nil
    }

    /// The relying party id the credential is for.
    public var relyingPartyId: String? { (try? withState { $0.credential?.relyingPartyId }) ?? nil }

    /// The signature counter: the value the last assertion carried. Set it back to replay an old
    /// value, as a cloned authenticator would.
    public var signatureCount: UInt32 {
        get { (try? withState { $0.signatureCount }) ?? 0 }
        set { _ = try? withState { $0.signatureCount = newValue } }
    }

    /// Makes a new credential for `creationOptions` (the JSON of StartWebAuthnRegistration's
    /// `CredentialCreationOptions`, as `CognitoUser.startWebAuthnRegistration()`
    /// returns it) and returns the registration JSON to pass to CompleteWebAuthnRegistration.
    public func register(creationOptions json: String, origin: String) throws(SoftwarePasskeyError) -> String {
        let options = try WebAuthnOptions(json, kind: .creation)
        let rpId = try relyingParty(named: try options.string("rp", "id"), origin: origin)
        try checkOrigin(origin, rpId: rpId)
        let offered = try options.algorithms()
        guard offered.contains(algorithm) else { throw .unsupportedAlgorithm(algorithm.rawValue) }
        if try options.string("authenticatorSelection", "userVerification") == "required", !verifiesUser {
            throw .userVerificationUnavailable
        }
        guard let challenge = try options.bytes("challenge") else { throw .malformedOptions("challenge") }
        guard let userHandle = try options.bytes("user", "id") else { throw .malformedOptions("user.id") }
        let excluded = try options.credentialIds("excludeCredentials")
        let current = try withState { $0.credential }
        if let current, excluded.contains(current.id) { throw .alreadyRegistered }

        let key = try PasskeyPrivateKey(algorithm: algorithm)
        let credentialId = try randomBytes(32)
        let clientData = try clientDataJSON(type: "webauthn.create", challenge: challenge, origin: origin)
        let authenticatorData = AuthenticatorData.encode(
            rpIdHash: try sha256(Array(rpId.utf8)), flags: flags, signCount: 0,
            attestedCredential: .init(
                aaguid: [UInt8](repeating: 0, count: 16), credentialId: credentialId,
                publicKey: key.coseKey))
        var statement: [CBOR: CBOR] = [:]
        if attestation == .packedSelf {
            let clientDataHash = try sha256(clientData)
            statement[.text("alg")] = .integer(algorithm.rawValue)
            statement[.text("sig")] = .bytes(try key.sign(authenticatorData + clientDataHash))
        }
        let attestationObject = CBOR.map([
            .text("fmt"): .text(attestation == .none ? "none" : "packed"), .text("attStmt"): .map(statement),
            .text("authData"): .bytes(authenticatorData),
        ])
        try withState {
            $0 = State(
                credential: Credential(
                    id: credentialId, key: key, relyingPartyId: rpId,
                    userHandle: userHandle))
        }
        return try encode(
            RegistrationJSON(
                id: Base64URL.encode(credentialId), rawId: Base64URL.encode(credentialId),
                response: .init(
                    clientDataJSON: Base64URL.encode(clientData),
                    attestationObject: Base64URL.encode(attestationObject.encoded),
                    authenticatorData: Base64URL.encode(authenticatorData), transports: ["internal"],
                    publicKeyAlgorithm: algorithm.rawValue)))
    }

    /// Signs `requestOptions` (the `CREDENTIAL_REQUEST_OPTIONS` JSON of a WEB_AUTHN challenge) and
    /// returns the assertion JSON to answer it with (`CREDENTIAL`).
    public func authenticate(requestOptions json: String, origin: String) throws(SoftwarePasskeyError) -> String {
        let options = try WebAuthnOptions(json, kind: .request)
        let rpId = try relyingParty(named: try options.string("rpId"), origin: origin)
        try checkOrigin(origin, rpId: rpId)
        if try options.string("userVerification") == "required", !verifiesUser { throw .userVerificationUnavailable }
        guard let challenge = try options.bytes("challenge") else { throw .malformedOptions("challenge") }
        let allowed = try options.credentialIds("allowCredentials")
        let (credential, count) = try withState { state throws(SoftwarePasskeyError) in
            guard let credential = state.credential else { throw .noMatchingCredential }
            if checksClient {
                guard credential.relyingPartyId == rpId, allowed.isEmpty || allowed.contains(credential.id) else {
                    throw .noMatchingCredential
                }
            }
            if countsSignatures { state.signatureCount &+= 1 }
            return (credential, state.signatureCount)
        }
        let clientData = try clientDataJSON(type: "webauthn.get", challenge: challenge, origin: origin)
        let authenticatorData = AuthenticatorData.encode(
            rpIdHash: try sha256(Array(rpId.utf8)), flags: flags, signCount: count)
        let clientDataHash = try sha256(clientData)
        let signature = try credential.key.sign(authenticatorData + clientDataHash)
        return try encode(
            AssertionJSON(
                id: Base64URL.encode(credential.id), rawId: Base64URL.encode(credential.id),
                response: .init(
                    clientDataJSON: Base64URL.encode(clientData),
                    authenticatorData: Base64URL.encode(authenticatorData), signature: Base64URL.encode(signature),
                    userHandle: Base64URL.encode(credential.userHandle))))
    }

    private var flags: AuthenticatorData.Flags { verifiesUser ? [.userPresent, .userVerified] : [.userPresent] }

    /// The options' RP id, or (as WebAuthn defaults it) the origin's host.
    private func relyingParty(named: String?, origin: String) throws(SoftwarePasskeyError) -> String {
        if let named { return named }
        guard let host = WebAuthnOrigin.host(of: origin) else {
            if checksClient { throw .originNotAllowed(origin: origin, relyingPartyId: "") }
            return URLComponents(string: origin)?.host ?? origin
        }
        return host
    }

    private func checkOrigin(_ origin: String, rpId: String) throws(SoftwarePasskeyError) {
        guard checksClient else { return }
        guard WebAuthnOrigin.belongs(origin, to: rpId) else {
            throw .originNotAllowed(origin: origin, relyingPartyId: rpId)
        }
    }

    private func clientDataJSON(
        type: String, challenge: [UInt8], origin: String
    ) throws(SoftwarePasskeyError)
        -> [UInt8]
    {
        let data = ClientData(type: type, challenge: Base64URL.encode(challenge), origin: origin, crossOrigin: false)
        return Array(try encode(data).utf8)
    }

    private func encode(_ value: some Encodable) throws(SoftwarePasskeyError) -> String {
        guard let data = try? JSONEncoder.sorted.encode(value) else { throw .libcrypto("JSON encoding") }
        return String(decoding: data, as: UTF8.self)
    }

    private func sha256(_ bytes: [UInt8]) throws(SoftwarePasskeyError) -> [UInt8] {
        do { return try SHA256.hash(bytes) } catch { throw .libcrypto("SHA-256") }
    }

    private func randomBytes(_ count: Int) throws(SoftwarePasskeyError) -> [UInt8] {
        do { return try SecureRandom.bytes(count: count) } catch { throw .libcrypto("RAND_priv_bytes") }
    }
}

extension SoftwarePasskey: CustomStringConvertible, CustomReflectable {
    /// The algorithm, the relying party and the credential id; never a key.
    public var description: String {
        "SoftwarePasskey(\(algorithm), relyingParty: \(relyingPartyId ?? "-"), credential: \(credentialId ?? "-"))"
    }

    /// The same as ``description``, as children.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "algorithm": algorithm, "relyingPartyId": relyingPartyId as Any, "credentialId": credentialId as Any,
                "signatureCount": signatureCount,
            ],
            displayStyle: .class)
    }
}

/// `CollectedClientData` (§5.8.1), as browsers serialize it.
private struct ClientData: Encodable {
    let type: String
    let challenge: String
    let origin: String
    let crossOrigin: Bool
}

/// `RegistrationResponseJSON` (WebAuthn Level 3 §5.1, `toJSON()`).
private struct RegistrationJSON: Encodable {
    struct Response: Encodable {
        let clientDataJSON: String
        let attestationObject: String
        let authenticatorData: String
        let transports: [String]
        let publicKeyAlgorithm: Int
    }
    let id: String
    let rawId: String
    var type = "public-key"
    let response: Response
    var clientExtensionResults: [String: String] = [:]
    var authenticatorAttachment = "platform"
}

/// `AuthenticationResponseJSON` (WebAuthn Level 3 §5.1, `toJSON()`).
private struct AssertionJSON: Encodable {
    struct Response: Encodable {
        let clientDataJSON: String
        let authenticatorData: String
        let signature: String
        let userHandle: String
    }
    let id: String
    let rawId: String
    var type = "public-key"
    let response: Response
    var clientExtensionResults: [String: String] = [:]
    var authenticatorAttachment = "platform"
}
