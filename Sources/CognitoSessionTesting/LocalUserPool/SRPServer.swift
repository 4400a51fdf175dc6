import CognitoSession

/// The service's side of Cognito SRP-6a, for the in-process user pool.
///
/// Stores what the real service stores (a salt and a verifier v = g^x, never the password),
/// answers with B = k·v + g^b, and derives the same 16-byte key as the client from
/// S = (A·v^u)^b mod N, so a wrong password yields a wrong PASSWORD_CLAIM_SIGNATURE.
package struct SRPServer: Sendable {
    /// A user's or device's stored SRP secret: the salt and the verifier.
    package struct Verifier: Sendable {
        /// The salt (as a number: `SALT` is sent as its minimal hex).
        package let salt: BigNumber
        /// v = g^x mod N.
        package let verifier: BigNumber

        /// The verifier for `password`, as Cognito would store it at sign-up.
        package init(poolName: String, username: String, password: String, salt: BigNumber) throws {
            let group = try SRPGroup.cognito()
            let x = try AuthenticationHelper.privateKey(
                poolName: poolName, username: username, password: password, salt: salt)
            self.salt = salt
            self.verifier = try group.generator.modularPower(secretExponent: x, modulus: group.modulus)
        }

        /// A verifier as ConfirmDevice delivers it: base64 salt and password verifier.
        package init(salt: BigNumber, verifier: BigNumber) {
            self.salt = salt
            self.verifier = verifier
        }
    }

    private let stored: Verifier
    private let smallB: BigNumber
    /// B = (k·v + g^b) mod N.
    package let largeB: BigNumber

    /// Starts an exchange with a fresh random `b`, or the given one (vectors only).
    package init(verifier: Verifier, smallB: BigNumber? = nil) throws {
        let group = try SRPGroup.cognito()
        let b: BigNumber
        if let smallB {
            b = smallB
        } else {
            var random = try SecureRandom.bytes(count: 128)
            defer { random.secureClear() }
            b = try BigNumber(bigEndian: random)
        }
        let kv = try group.multiplier.multiplied(by: verifier.verifier, modulo: group.prime)
        let gb = try group.generator.modularPower(secretExponent: b, modulus: group.modulus)
        self.stored = verifier
        self.smallB = b
        self.largeB = try kv.adding(gb).reduced(modulo: group.prime)
    }

    /// The premaster secret S = (A·v^u)^b mod N for the client's A.
    ///
    /// Refuses A ≡ 0 (mod N) — a client could otherwise force S = 0 — and u = 0.
    package func premasterSecret(clientA: BigNumber) throws -> (s: BigNumber, u: BigNumber) {
        let group = try SRPGroup.cognito()
        guard try !clientA.reduced(modulo: group.prime).isZero else { throw SRPError.clientValueIsZero }
        let u = try AuthenticationHelper.scramblingParameter(largeA: clientA, serverB: largeB)
        guard !u.isZero else { throw SRPError.scramblingParameterIsZero }
        let vu = try stored.verifier.modularPower(publicExponent: u, modulus: group.modulus)
        let base = try clientA.multiplied(by: vu, modulo: group.prime)
        return (try base.modularPower(secretExponent: smallB, modulus: group.modulus), u)
    }

    /// The 16-byte key the client should have derived.
    package func derivedKey(clientA: BigNumber) throws -> [UInt8] {
        let (s, u) = try premasterSecret(clientA: clientA)
        return try AuthenticationHelper.derivedKey(premasterSecret: s, scramblingParameter: u)
    }
}
