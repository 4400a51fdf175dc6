import Foundation

/// The entry point the `Benchmarks/` package times (it lives outside this package and so cannot
/// see `package` symbols): the client's own sign-in math, nothing else. Not API: the SPI name
/// keeps it out of ordinary imports.
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
}
