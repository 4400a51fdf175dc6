import CognitoSession

/// A passkey as the pool keeps it after registration.
struct StoredPasskey {
    let id: [UInt8]
    let publicKey: CBOR
    let algorithm: COSEAlgorithm
    var signCount: UInt32
    let relyingPartyId: String
    let attachment: String?
    let transports: [String]
    let created: Double
}

/// The relying party's side of WebAuthn (W3C WebAuthn §7.1 and §7.2), checked for real with libcrypto:
/// client data (type, challenge, origin), the RP id hash, the UP and UV flags, the attestation
/// (`none`, or `packed` self attestation), the algorithm, and for sign-in the signature over
/// `authenticatorData ‖ SHA-256(clientDataJSON)` and the signature counter.
struct WebAuthnRelyingParty {
    /// The RP id (a domain).
    let id: String
    /// Whether the UV flag must be set.
    let requiresUserVerification: Bool
    /// Origins accepted besides those of the RP id (`https://<id>` and below).
    let extraOrigins: [String]

    /// The algorithms the pool offers in `pubKeyCredParams`.
    static let algorithms: [COSEAlgorithm] = [.es256, .rs256]
    /// The longest credential JSON read.
    static let maximumCredentialLength = 64 * 1024

    /// Checks a registration response (`RegistrationResponseJSON`) against the challenge the pool issued.
    func verifyRegistration(_ credential: JSONValue, challenge: [UInt8], created: Double) throws -> StoredPasskey {
        let parts = try CredentialJSON(credential, refusal: .invalidParameter("The passkey credential is malformed."))
        let clientData = try parts.bytes("clientDataJSON")
        try checkClientData(clientData, type: "webauthn.create", challenge: challenge, registration: true)
        let attestation = try parts.bytes("attestationObject")
        guard let object = try? CBORDecoder.decode(attestation), let format = object[.text("fmt")]?.textValue,
            case .map(let statement)? = object[.text("attStmt")], let raw = object[.text("authData")]?.bytesValue,
            let data = try? AuthenticatorData(parsing: raw)
        else { throw parts.refusal }
        guard constantTimeEquals(data.rpIdHash, try SHA256.hash(Array(id.utf8))) else {
            throw ServiceFault.webAuthnRelyingPartyMismatch
        }
        try checkFlags(
            data.flags, refusal: .invalidParameter("The passkey credential lacks user presence or verification."))
        guard let attested = data.attestedCredential, attested.credentialId == parts.id else { throw parts.refusal }
        let key: WebAuthnPublicKey
        do {
            key = try WebAuthnPublicKey(coseKey: attested.publicKey)
        } catch .unsupported {
            throw ServiceFault.webAuthnCredentialNotSupported("unsupported key type or algorithm")
        } catch {
            throw parts.refusal
        }
        guard Self.algorithms.contains(key.algorithm) else {
            throw ServiceFault.webAuthnCredentialNotSupported("unsupported algorithm")
        }
        switch format {
        case "none":
            guard statement.isEmpty else { throw parts.refusal }
        case "packed":
            guard statement[.text("x5c")] == nil else {
                throw ServiceFault.webAuthnCredentialNotSupported("attestation certificates are not checked here")
            }
            guard statement[.text("alg")]?.integerValue == key.algorithm.rawValue,
                let signature = statement[.text("sig")]?.bytesValue,
                key.verifies(signature: signature, of: raw + (try SHA256.hash(clientData)))
            else { throw parts.refusal }
        default:
            throw ServiceFault.webAuthnCredentialNotSupported("attestation format \(format)")
        }
        return StoredPasskey(
            id: attested.credentialId, publicKey: attested.publicKey, algorithm: key.algorithm,
            signCount: data.signCount, relyingPartyId: id,
            attachment: credential["authenticatorAttachment"]?.stringValue,
            transports: parts.transports, created: created)
    }

    /// Checks an assertion (`AuthenticationResponseJSON`) by one of `passkeys` for `challenge`; returns
    /// which passkey signed and its new counter. Every refusal is `NotAuthorizedException`.
    func verifyAssertion(
        _ credential: JSONValue, challenge: [UInt8], passkeys: [StoredPasskey], userHandle: [UInt8]
    ) throws -> (index: Int, signCount: UInt32) {
        let refusal = ServiceFault.passkeyNotAccepted
        let parts = try CredentialJSON(credential, refusal: refusal)
        guard let index = passkeys.firstIndex(where: { $0.id == parts.id }) else { throw refusal }
        if let handle = try parts.optionalBytes("userHandle"), handle != userHandle { throw refusal }
        let clientData = try parts.bytes("clientDataJSON")
        try checkClientData(clientData, type: "webauthn.get", challenge: challenge, registration: false)
        let raw = try parts.bytes("authenticatorData")
        let signature = try parts.bytes("signature")
        guard let data = try? AuthenticatorData(parsing: raw), data.attestedCredential == nil,
            constantTimeEquals(data.rpIdHash, try SHA256.hash(Array(id.utf8)))
        else { throw refusal }
        try checkFlags(data.flags, refusal: refusal)
        guard let key = try? WebAuthnPublicKey(coseKey: passkeys[index].publicKey),
            key.verifies(signature: signature, of: raw + (try SHA256.hash(clientData)))
        else { throw refusal }
        let stored = passkeys[index].signCount
        if data.signCount != 0 || stored != 0 {
            guard data.signCount > stored else { throw refusal }
        }
        return (index, data.signCount)
    }

    private func checkFlags(_ flags: AuthenticatorData.Flags, refusal: ServiceFault) throws {
        guard flags.contains(.userPresent) else { throw refusal }
        if requiresUserVerification, !flags.contains(.userVerified) { throw refusal }
    }

    /// `CollectedClientData`: the type, the challenge the pool issued, an origin of this relying party.
    private func checkClientData(_ bytes: [UInt8], type: String, challenge: [UInt8], registration: Bool) throws {
        let refusal: ServiceFault =
            registration ? .invalidParameter("The passkey client data is malformed.") : .passkeyNotAccepted
        guard let object = try? JSONParser.parseObject(bytes), object["type"]?.stringValue == type,
            let given = object["challenge"]?.stringValue, let origin = object["origin"]?.stringValue
        else { throw refusal }
        guard let decoded = Base64URL.decode(given), constantTimeEquals(decoded, challenge) else {
            throw registration ? ServiceFault.webAuthnChallengeNotFound : refusal
        }
        let crossOrigin = object["crossOrigin"] == .bool(true)
        guard !crossOrigin, WebAuthnOrigin.belongs(origin, to: id) || extraOrigins.contains(origin) else {
            throw registration ? ServiceFault.webAuthnOriginNotAllowed : refusal
        }
    }
}

/// The members of a `PublicKeyCredential` JSON that both ceremonies read.
private struct CredentialJSON {
    let id: [UInt8]
    let response: JSONValue
    let refusal: ServiceFault

    init(_ credential: JSONValue, refusal: ServiceFault) throws {
        self.refusal = refusal
        guard credential["type"]?.stringValue == "public-key", let text = credential["id"]?.stringValue,
            let id = Base64URL.decode(text), !id.isEmpty,
            credential["rawId"]?.stringValue.flatMap(Base64URL.decode) == id,
            case .object? = credential["response"], let response = credential["response"]
        else { throw refusal }
        self.id = id
        self.response = response
    }

    func optionalBytes(_ name: String) throws -> [UInt8]? {
        switch response[name] {
        case nil, .null?: return nil
        case .string(let text)?:
            guard let bytes = Base64URL.decode(text) else { throw refusal }
            return bytes
        default: throw refusal
        }
    }

    func bytes(_ name: String) throws -> [UInt8] {
        guard let bytes = try optionalBytes(name), !bytes.isEmpty else { throw refusal }
        return bytes
    }

    var transports: [String] {
        guard case .array(let list)? = response["transports"] else { return [] }
        return list.compactMap(\.stringValue)
    }
}
