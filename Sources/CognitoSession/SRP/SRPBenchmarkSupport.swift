import Foundation

/// Entry points for the `Benchmarks/` package, which lives outside this package and so cannot see
/// `package` symbols. Not API: the SPI name keeps it out of ordinary imports.
@_spi(Benchmarks)
public enum SRPBenchmarkSupport {
    /// The client's whole work for one USER_SRP_AUTH sign-in: A from `smallA`, then the key and
    /// PASSWORD_CLAIM_SIGNATURE from the server's challenge. Returns `(SRP_A, signature)`.
    public static func userSRPSignIn(
        poolName: String, smallA: [UInt8], username: String, password: String,
        serverB: String, salt: String, secretBlock: String, timestamp: String
    ) throws -> (srpA: String, signature: String) {
        let helper = try AuthenticationHelper(poolName: poolName, smallA: BigNumber(bigEndian: smallA))
        let srpA = helper.srpA
        var key = try helper.passwordAuthenticationKey(
            username: username, password: password, serverB: serverB, salt: salt)
        defer { key.secureClear() }
        let signature = try PasswordClaim.signature(
            key: key, poolName: poolName, userId: username, secretBlock: secretBlock, timestamp: timestamp)
        return (srpA, signature)
    }

    /// A server value B = k·v + g^b mod N for a password, so the benchmark can run a valid exchange.
    public static func serverB(poolName: String, username: String, password: String, salt: String, smallB: [UInt8])
        throws -> String
    {
        let group = try SRPGroup.cognito()
        let x = try AuthenticationHelper.privateKey(
            poolName: poolName, username: username, password: password, salt: BigNumber(hexadecimal: salt))
        let v = try group.generator.modularPower(secretExponent: x, modulus: group.modulus)
        let gb = try group.generator.modularPower(secretExponent: BigNumber(bigEndian: smallB), modulus: group.modulus)
        let kv = try group.multiplier.multiplied(by: v, modulo: group.prime)
        return try kv.adding(gb).reduced(modulo: group.prime).hexString
    }
}
