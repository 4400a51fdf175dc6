import Foundation
import Testing

@testable import CognitoSession

@Suite("Cognito SRP against pycognito vectors")
struct SRPVectorTests {
    static let vectors = SRPVectors.shared
    static let passwordCases = vectors.passwordCases.map { ($0.name, $0.exchange) }
    static let deviceExchanges = vectors.deviceCases.map { ($0.name, $0.exchange) }

    @Test("Group constants equal the fixture's N, g and k")
    func constants() throws {
        let group = try SRPGroup.cognito()
        #expect(group.prime == (try BigNumber(hexadecimal: Self.vectors.N)))
        #expect(group.generator == (try BigNumber(hexadecimal: Self.vectors.g)))
        #expect(group.multiplier == (try BigNumber(hexadecimal: Self.vectors.k)))
    }

    @Test("The fixture covers the cases the issue asks for")
    func coverage() throws {
        let cases = Self.vectors.passwordCases.map(\.exchange)
        #expect(cases.count >= 8)
        #expect(cases.contains { $0.salt.count % 2 == 1 })  // odd-length SALT on the wire
        #expect(cases.contains { $0.B.count % 2 == 1 })  // odd-length SRP_B on the wire
        #expect(cases.contains { $0.saltPadded.hasPrefix("00") })  // top bit set
        #expect(cases.contains { $0.salt.count <= 6 })  // short salt
        #expect(cases.contains { $0.saltPadded.count / 2 < 16 })  // leading zero bytes dropped
        #expect(Set(cases.map(\.timestamp)).count == cases.count)
        #expect(Self.vectors.deviceCases.count >= 3)
    }

    @Test("Password exchange: A, u, x, S, key and signature byte for byte", arguments: passwordCases)
    func passwordExchange(name: String, exchange: SRPVectors.Exchange) throws {
        try checkClient(exchange)
    }

    @Test("Device exchange (DEVICE_PASSWORD_VERIFIER) byte for byte", arguments: deviceExchanges)
    func deviceExchange(name: String, exchange: SRPVectors.Exchange) throws {
        try checkClient(exchange)
    }

    @Test("Server view: verifier = g^x, B = k·v + g^b, and S from the server side", arguments: passwordCases)
    func serverView(name: String, exchange: SRPVectors.Exchange) throws {
        let group = try SRPGroup.cognito()
        let x = try AuthenticationHelper.privateKey(
            poolName: exchange.poolName, username: exchange.userIdForSRP, password: exchange.password,
            salt: BigNumber(hexadecimal: exchange.salt))
        let verifier = try group.generator.modularPower(secretExponent: x, modulus: group.modulus)
        #expect(verifier.hexString == exchange.server.verifier)
        let b = try BigNumber(hexadecimal: exchange.server.b)
        let gb = try group.generator.modularPower(secretExponent: b, modulus: group.modulus)
        let serverB = try group.multiplier.multiplied(by: verifier, modulo: group.prime).adding(gb)
            .reduced(modulo: group.prime)
        #expect(serverB.hexString == exchange.B)
        // S = (A · v^u)^b mod N
        let u = try BigNumber(hexadecimal: exchange.u)
        let vu = try verifier.modularPower(publicExponent: u, modulus: group.modulus)
        let base = try BigNumber(hexadecimal: exchange.A).multiplied(by: vu, modulo: group.prime)
        #expect(try base.modularPower(secretExponent: b, modulus: group.modulus).hexString == exchange.server.S)
    }

    @Test("Device verifier generation from fixed random bytes", arguments: vectors.deviceCases.map { ($0.name, $0) })
    func deviceVerifier(name: String, device: SRPVectors.DeviceCase) throws {
        let password = try Hex.decode(device.randomPasswordBytesHex)
        let salt = try Hex.decode(device.saltBytesHex)
        var draws: [Int] = []
        let verifier = try DeviceVerifier(deviceGroupKey: device.deviceGroupKey, deviceKey: device.deviceKey) { count in
            draws.append(count)
            return draws.count == 1 ? password : salt
        }
        #expect(draws == [40, 16])
        #expect(verifier.randomPassword == device.randomPassword)
        #expect(verifier.salt == device.saltBase64)
        #expect(verifier.passwordVerifier == device.verifierBase64)
        #expect(Hex.encode(try #require(Data(base64Encoded: verifier.salt))) == device.saltPaddedHex)
        #expect(Hex.encode(try #require(Data(base64Encoded: verifier.passwordVerifier))) == device.verifierPaddedHex)
    }

    @Test("TIMESTAMP strings", arguments: vectors.timestamps.map { ($0.unix, $0.string) })
    func timestamp(unix: Int, expected: String) {
        #expect(PasswordClaim.timestamp(for: Date(timeIntervalSince1970: TimeInterval(unix))) == expected)
    }

    private func checkClient(_ exchange: SRPVectors.Exchange) throws {
        let helper = try AuthenticationHelper(
            poolName: exchange.poolName, smallA: BigNumber(hexadecimal: exchange.a))
        #expect(helper.srpA == exchange.A)
        #expect(helper.largeA.cognitoPaddedHex == exchange.APadded)

        let serverB = try BigNumber(hexadecimal: exchange.B)
        let salt = try BigNumber(hexadecimal: exchange.salt)
        #expect(serverB.cognitoPaddedHex == exchange.BPadded)
        #expect(salt.cognitoPaddedHex == exchange.saltPadded)

        let u = try AuthenticationHelper.scramblingParameter(largeA: helper.largeA, serverB: serverB)
        #expect(u.hexString == exchange.u)
        #expect(u.cognitoPaddedHex == exchange.uPadded)

        let x = try AuthenticationHelper.privateKey(
            poolName: exchange.poolName, username: exchange.userIdForSRP, password: exchange.password, salt: salt)
        #expect(x.hexString == exchange.x)

        let s = try helper.premasterSecret(x: x, serverB: serverB, u: u)
        #expect(s.hexString == exchange.S)
        #expect(s.cognitoPaddedHex == exchange.SPadded)

        // The public entry point, from the wire strings, gives the same key.
        let key = try helper.passwordAuthenticationKey(
            username: exchange.userIdForSRP, password: exchange.password, serverB: exchange.B, salt: exchange.salt)
        #expect(Hex.encode(key) == exchange.key)

        let signature = try PasswordClaim.signature(
            key: key, poolName: exchange.poolName, userId: exchange.userIdForSRP,
            secretBlock: exchange.secretBlock, timestamp: exchange.timestamp)
        #expect(signature == exchange.signature)
    }
}
