import Testing

@testable import CognitoSession

@Suite("SRP marks every secret and secret-derived number constant-time")
struct SRPConstantTimeTests {
    @Test("a, whether drawn or given, and x are flagged")
    func inputs() throws {
        #expect(try AuthenticationHelper(poolName: "Pool").ephemeralSecretIsConstantTime)
        let given = try BigNumber(hexadecimal: "a1b2c3")
        #expect(!given.isConstantTime)
        #expect(try AuthenticationHelper(poolName: "Pool", smallA: given).ephemeralSecretIsConstantTime)
        #expect(!given.isConstantTime, "the caller's number is not changed")
        let salt = try BigNumber(hexadecimal: "0badc0ffee")
        #expect(
            try AuthenticationHelper.privateKey(poolName: "Pool", username: "alice", password: "pw", salt: salt)
                .isConstantTime)
    }

    @Test("S is flagged even when x is handed in unflagged, and its value is unchanged")
    func premasterSecret() throws {
        let helper = try AuthenticationHelper(poolName: "Pool", smallA: BigNumber(hexadecimal: "a1b2c3d4"))
        let group = try SRPGroup.cognito()
        let serverB = try group.generator.modularPower(publicExponent: BigNumber(77), modulus: group.modulus)
        let u = try AuthenticationHelper.scramblingParameter(largeA: helper.largeA, serverB: serverB)
        let plainX = try BigNumber(hexadecimal: "1234567890abcdef")
        let s = try helper.premasterSecret(x: plainX, serverB: serverB, u: u)
        #expect(s.isConstantTime)
        #expect(try s == helper.premasterSecret(x: plainX.constantTimeCopy(), serverB: serverB, u: u))
        #expect(!plainX.isConstantTime)
    }
}
