/// The authenticator data of a WebAuthn response (W3C WebAuthn §6.1): the RP ID hash, the flags,
/// the signature counter, and — when the AT flag is set — the attested credential (AAGUID,
/// credential id, COSE public key), then extensions when the ED flag is set.
struct AuthenticatorData {
    struct Flags: OptionSet, Hashable {
        let rawValue: UInt8
        static let userPresent = Flags(rawValue: 0x01)
        static let userVerified = Flags(rawValue: 0x04)
        static let backupEligible = Flags(rawValue: 0x08)
        static let backedUp = Flags(rawValue: 0x10)
        static let attestedCredentialData = Flags(rawValue: 0x40)
        static let extensionData = Flags(rawValue: 0x80)
    }

    struct AttestedCredential {
        let aaguid: [UInt8]
        let credentialId: [UInt8]
        let publicKey: CBOR
    }

    enum Failure: Error { case malformed }

    /// The longest credential id WebAuthn allows (§5.8.3: at most 1023 bytes).
    static let maximumCredentialIdLength = 1023

    let rpIdHash: [UInt8]
    let flags: Flags
    let signCount: UInt32
    let attestedCredential: AttestedCredential?

    /// Parses `bytes`; anything left over, or a flag that does not match what follows, is malformed.
    init(parsing bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= 37 else { throw .malformed }
        rpIdHash = Array(bytes[0..<32])
        flags = Flags(rawValue: bytes[32])
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        var offset = 37
        if flags.contains(.attestedCredentialData) {
            guard bytes.count >= offset + 18 else { throw .malformed }
            let aaguid = Array(bytes[offset..<offset + 16])
            let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
            offset += 18
            guard length > 0, length <= Self.maximumCredentialIdLength, bytes.count - offset >= length else {
                throw .malformed
            }
            let credentialId = Array(bytes[offset..<offset + length])
            offset += length
            guard let (publicKey, end) = try? CBORDecoder.decodePrefix(bytes, from: offset), case .map = publicKey
            else {
                throw .malformed
            }
            offset = end
            attestedCredential = AttestedCredential(aaguid: aaguid, credentialId: credentialId, publicKey: publicKey)
        } else {
            attestedCredential = nil
        }
        if flags.contains(.extensionData) {
            guard let (extensions, end) = try? CBORDecoder.decodePrefix(bytes, from: offset), case .map = extensions
            else { throw .malformed }
            offset = end
        }
        guard offset == bytes.count else { throw .malformed }
    }

    /// Encodes authenticator data (for the software passkey).
    static func encode(
        rpIdHash: [UInt8], flags: Flags, signCount: UInt32, attestedCredential: AttestedCredential? = nil
    ) -> [UInt8] {
        var out = rpIdHash
        out.append((attestedCredential == nil ? flags : flags.union(.attestedCredentialData)).rawValue)
        out += (0..<4).reversed().map { UInt8(truncatingIfNeeded: signCount >> (UInt32($0) * 8)) }
        if let credential = attestedCredential {
            out += credential.aaguid
            out += [
                UInt8(credential.credentialId.count >> 8), UInt8(truncatingIfNeeded: credential.credentialId.count),
            ]
            out += credential.credentialId
            out += credential.publicKey.encoded
        }
        return out
    }
}
