import Foundation

/// The client side of Cognito's SRP-6a, computed exactly as amazon-cognito-identity-js's
/// `AuthenticationHelper` does, so the service accepts the proof byte for byte.
///
/// One helper holds one ephemeral secret `a` and is good for one exchange. The pool name takes
/// the role of SRP's realm; for device authentication it is the device group key instead.
/// Every exponent that depends on a secret (`a`, `x`, `a + u·x`) goes through the constant-time
/// exponentiation, and every secret number and every number derived from one (`a`, `x`, `g^x`,
/// `B − k·g^x`, `u·x`, `a + u·x`, `S`) carries `BN_FLG_CONSTTIME`. Byte buffers that held a secret
/// are cleared with `OPENSSL_cleanse` before they are released.
package struct AuthenticationHelper: Sendable {
    /// Bytes of randomness in `a` (a 1024-bit number, as the JS library draws it).
    package static let smallAByteCount = 128
    /// HKDF info string of Cognito's key derivation.
    package static let derivedKeyInfo = Array("Caldera Derived Key".utf8)
    /// Length of the derived key in bytes.
    package static let derivedKeyByteCount = 16

    /// The pool name (the part of the pool id after `_`), or the device group key.
    package let poolName: String
    /// The group the exchange runs in.
    package let group: SRPGroup
    private let smallA: BigNumber
    /// The public ephemeral A = g^a mod N.
    package let largeA: BigNumber

    /// Starts an exchange with a fresh random `a`, or the given one (tests and vectors only).
    package init(poolName: String, smallA: BigNumber? = nil) throws {
        let group = try SRPGroup.cognito()
        let a: BigNumber
        if let smallA {
            a = try smallA.markedConstantTime()
        } else {
            var random = try SecureRandom.bytes(count: Self.smallAByteCount)
            defer { random.secureClear() }
            a = try BigNumber(secretBigEndian: random)
        }
        let largeA = try group.generator.modularPower(secretExponent: a, modulus: group.modulus)
        guard !largeA.isZero else { throw SRPError.clientValueIsZero }
        self.poolName = poolName
        self.group = group
        self.smallA = a
        self.largeA = largeA
    }

    /// Whether the ephemeral secret `a` is marked `BN_FLG_CONSTTIME` (always; for tests).
    package var ephemeralSecretIsConstantTime: Bool { smallA.isConstantTime }

    /// `SRP_A` as the service takes it: A in lowercase hex without leading zeros.
    package var srpA: String { largeA.hexString }

    /// The 16-byte key both sides derive, from the server's `SRP_B` and `SALT` (hex, any length)
    /// and the credentials. `username` is `USER_ID_FOR_SRP` (or the device key).
    ///
    /// Refuses B ≡ 0 (mod N) and u = 0 before any secret is used.
    package func passwordAuthenticationKey(
        username: String, password: String, serverB: String, salt: String
    ) throws -> [UInt8] {
        guard let b = try? BigNumber(hexadecimal: serverB) else { throw SRPError.malformedChallengeParameter("SRP_B") }
        guard let s = try? BigNumber(hexadecimal: salt) else { throw SRPError.malformedChallengeParameter("SALT") }
        return try passwordAuthenticationKey(username: username, password: password, serverB: b, salt: s)
    }

    /// The derived key from numbers already parsed. See the string form.
    package func passwordAuthenticationKey(
        username: String, password: String, serverB: BigNumber, salt: BigNumber
    ) throws -> [UInt8] {
        guard try !serverB.reduced(modulo: group.prime).isZero else { throw SRPError.serverValueIsZero }
        let u = try Self.scramblingParameter(largeA: largeA, serverB: serverB)
        let x = try Self.privateKey(poolName: poolName, username: username, password: password, salt: salt)
        let s = try premasterSecret(x: x, serverB: serverB, u: u)
        return try Self.derivedKey(premasterSecret: s, scramblingParameter: u)
    }

    /// u = H(pad(A) | pad(B)).
    package static func scramblingParameter(largeA: BigNumber, serverB: BigNumber) throws -> BigNumber {
        try BigNumber(bigEndian: SHA256.hash(largeA.cognitoPaddedBytes, serverB.cognitoPaddedBytes))
    }

    /// x = H(pad(salt) | H(poolName | username | ":" | password)), hashing the text as UTF-8.
    package static func privateKey(
        poolName: String, username: String, password: String, salt: BigNumber
    )
        throws -> BigNumber
    {
        var identity = Array((poolName + username + ":" + password).utf8)
        var inner = try SHA256.hash(identity)
        var outer = try SHA256.hash(salt.cognitoPaddedBytes, inner)
        defer {
            identity.secureClear()
            inner.secureClear()
            outer.secureClear()
        }
        return try BigNumber(secretBigEndian: outer)
    }

    /// S = (B − k·g^x)^(a + u·x) mod N, the base reduced into [0, N) first. `x` is treated as secret
    /// (marked `BN_FLG_CONSTTIME` if it is not already), and so are the base, the exponent and S.
    ///
    /// Throws ``SRPError/scramblingParameterIsZero`` for u = 0 and ``SRPError/serverValueIsZero``
    /// for B ≡ 0 (mod N), before any secret exponent is used.
    package func premasterSecret(x: BigNumber, serverB: BigNumber, u: BigNumber) throws -> BigNumber {
        guard !u.isZero else { throw SRPError.scramblingParameterIsZero }
        let n = group.prime
        guard try !serverB.reduced(modulo: n).isZero else { throw SRPError.serverValueIsZero }
        let x = try x.markedConstantTime()
        let gx = try group.generator.modularPower(secretExponent: x, modulus: group.modulus)
        let kgx = try group.multiplier.multiplied(by: gx, modulo: n)
        let base = try serverB.subtracting(kgx, modulo: n)
        let exponent = try smallA.adding(u.multiplied(by: x))
        return try base.modularPower(secretExponent: exponent, modulus: group.modulus)
    }

    /// HKDF-SHA256(salt: pad(u), ikm: pad(S), info: "Caldera Derived Key"), first 16 bytes.
    ///
    /// pad(S) is written straight into one buffer (no unpadded copy) and cleared after use.
    package static func derivedKey(premasterSecret: BigNumber, scramblingParameter: BigNumber) throws -> [UInt8] {
        var ikm = premasterSecret.cognitoPaddedBytes
        defer { ikm.secureClear() }
        return try HKDFSHA256.deriveKey(
            inputKeyMaterial: ikm, salt: scramblingParameter.cognitoPaddedBytes,
            info: derivedKeyInfo, outputByteCount: derivedKeyByteCount)
    }
}
