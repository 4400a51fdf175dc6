import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// Tokens moto issues, verified against the keys moto serves at `/<pool id>/.well-known/jwks.json`, over HTTP.
/// moto's `iss` is the AWS form; only the JWKS address points at moto.
@Suite("CognitoJWTVerifier against moto's tokens and JWKS", .againstMoto)
struct VerifierIntegrationTests {
    func verifier(
        _ moto: MotoPool, clientId: String? = nil, tokenUse: CognitoTokenUse, log: ExchangeLog = ExchangeLog()
    ) throws -> CognitoJWTVerifier {
        let jwks = try #require(URL(string: "\(moto.endpoint)/\(moto.userPoolId)/.well-known/jwks.json"))
        return CognitoJWTVerifier(
            userPoolId: moto.userPoolId, clientId: clientId ?? moto.clientId, tokenUse: tokenUse,
            issuer: "https://cognito-idp.\(moto.region).amazonaws.com/\(moto.userPoolId)", jwksURL: jwks,
            transport: RecordingTransport(base: URLSessionTransport(requestTimeout: .seconds(60)), log: log))
    }

    @Test("moto's access and ID tokens verify with moto's published key")
    func motoTokensVerify() async throws {
        let moto = try await MotoPool.load()
        let session = try await moto.pool().newUser().signIn(flow: .userPasswordAuth)
        let log = ExchangeLog()
        let access = try await verifier(moto, tokenUse: .access, log: log).verify(session.accessToken.jwtToken)
        #expect(access.clientId == moto.clientId)
        #expect(access.tokenUse == .access)
        #expect(access.subject == session.accessToken.sub)
        #expect(await log.operations.count == 1)

        let id = try await verifier(moto, tokenUse: .id).verify(session.idToken.jwtToken)
        #expect(id.clientId == moto.clientId)
        #expect(id.subject == access.subject)
    }

    @Test("moto's tokens are refused for another app client and with a flipped signature bit")
    func motoRefusals() async throws {
        let moto = try await MotoPool.load()
        let session = try await moto.pool().newUser().signIn(flow: .userPasswordAuth)
        await #expect(throws: CognitoJWTVerifierError.clientMismatch) {
            try await verifier(moto, clientId: moto.secretClientId, tokenUse: .access)
                .verify(session.accessToken.jwtToken)
        }
        await #expect(throws: CognitoJWTVerifierError.invalidSignature) {
            try await verifier(moto, tokenUse: .id).verify(TokenTampering.flippingSignature(session.idToken.jwtToken))
        }
    }
}
