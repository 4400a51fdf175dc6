import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("LocalUserPool's SRP server side against pycognito vectors")
struct SRPServerTests {
    static let exchanges =
        SRPVectors.shared.passwordCases.map { ($0.name, $0.exchange) }
        + SRPVectors.shared.deviceCases.map { ($0.name, $0.exchange) }

    @Test("Server: verifier, B from b, S from the client's A, and the key, byte for byte", arguments: exchanges)
    func serverDirection(name: String, exchange: SRPVectors.Exchange) throws {
        let verifier = try SRPServer.Verifier(
            poolName: exchange.poolName, username: exchange.userIdForSRP, password: exchange.password,
            salt: BigNumber(hexadecimal: exchange.salt))
        #expect(verifier.verifier.hexString == exchange.server.verifier)
        let server = try SRPServer(verifier: verifier, smallB: BigNumber(hexadecimal: exchange.server.b))
        #expect(server.largeB.hexString == exchange.B)
        let (s, u) = try server.premasterSecret(clientA: BigNumber(hexadecimal: exchange.A))
        #expect(s.hexString == exchange.server.S)
        #expect(u.hexString == exchange.u)
        #expect(Hex.encode(try server.derivedKey(clientA: BigNumber(hexadecimal: exchange.A))) == exchange.key)
    }

    @Test("Client and server meet: our client against our server with fresh randomness")
    func roundTrip() throws {
        let salt = try BigNumber(bigEndian: SecureRandom.bytes(count: 16))
        let verifier = try SRPServer.Verifier(poolName: "Pool", username: "alice", password: "pw", salt: salt)
        let server = try SRPServer(verifier: verifier)
        let client = try AuthenticationHelper(poolName: "Pool")
        let clientKey = try client.passwordAuthenticationKey(
            username: "alice", password: "pw", serverB: server.largeB.hexString, salt: salt.hexString)
        #expect(clientKey == (try server.derivedKey(clientA: client.largeA)))
        let wrongKey = try client.passwordAuthenticationKey(
            username: "alice", password: "wrong", serverB: server.largeB.hexString, salt: salt.hexString)
        #expect(wrongKey != (try server.derivedKey(clientA: client.largeA)))
    }

    @Test("A ≡ 0 (mod N) from a client is refused")
    func zeroA() throws {
        let verifier = try SRPServer.Verifier(poolName: "P", username: "u", password: "p", salt: BigNumber(7))
        let server = try SRPServer(verifier: verifier)
        let group = try SRPGroup.cognito()
        for a in [try BigNumber(0), group.prime] {
            #expect(throws: SRPError.clientValueIsZero) { try server.derivedKey(clientA: a) }
        }
    }
}
