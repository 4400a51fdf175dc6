import CCognitoOpenSSL
import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes

/// A pool's signing keys served as a JWKS over MockTransport, and Cognito-shaped tokens signed with them.
struct VerifierFixture {
    static let poolId = "us-east-1_Verify1"
    static let issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Verify1"
    static let jwksURL = URL(
        string: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Verify1/.well-known/jwks.json")!
    static let clientId = "verify-client"
    static let start: TimeInterval = 1_800_000_000

    let clock = ManualClock(secondsSince1970: Self.start)
    let mock = MockTransport()
    let signer: RS256Signer

    init() throws { signer = try RS256Signer(keyID: "key-1") }

    /// Serves the JWKS of `signers` (or a failure) for every GET from now on.
    func serve(_ signers: [RS256Signer]) async {
        let body = Self.jwks(signers)
        await mock.setHandler(for: "") { _ in .http(status: .ok, body: String(decoding: body, as: UTF8.self)) }
    }

    func serve(_ response: MockResponse) async {
        await mock.setHandler(for: "") { _ in response }
    }

    var jwksRequests: Int { get async { await mock.requests(for: "").count } }

    func verifier(
        tokenUse: CognitoTokenUse = .access, requirements: CognitoJWTVerifier.Requirements = .init(),
        leeway: TimeInterval = 0
    ) -> CognitoJWTVerifier {
        CognitoJWTVerifier(
            userPoolId: Self.poolId, clientId: Self.clientId, tokenUse: tokenUse, issuer: Self.issuer,
            jwksURL: Self.jwksURL, transport: mock, requirements: requirements,
            options: .init(clock: clock, leeway: leeway))
    }

    /// Access-token claims as Cognito issues them, valid for an hour from now.
    func accessClaims(_ changes: [String: JSONValue] = [:]) -> [String: JSONValue] {
        let now = clock.now().timeIntervalSince1970
        var claims: [String: JSONValue] = [
            "sub": "user-1", "iss": .string(Self.issuer), "client_id": .string(Self.clientId),
            "token_use": "access", "scope": "aws.cognito.signin.user.admin orders/read", "auth_time": .number(now),
            "exp": .number(now + 3600), "iat": .number(now), "jti": "j", "username": "alice",
            "cognito:groups": .array(["admins"]),
        ]
        claims.merge(changes) { $1 }
        return claims
    }

    func idClaims(_ changes: [String: JSONValue] = [:]) -> [String: JSONValue] {
        var claims = accessClaims(["token_use": "id", "aud": .string(Self.clientId), "cognito:username": "alice"])
        claims["client_id"] = nil
        claims["scope"] = nil
        claims.merge(changes) { $1 }
        return claims
    }

    func token(_ claims: [String: JSONValue], signer: RS256Signer? = nil) throws -> String {
        try (signer ?? self.signer).sign(claims: claims)
    }

    /// A token with any header, signed with `signature` bytes as given.
    static func token(header: [String: String], claims: [String: JSONValue], signature: [UInt8]) throws -> String {
        let encoder = JSONEncoder()
        let input =
            Base64URL.encode(Array(try encoder.encode(header))) + "."
            + Base64URL.encode(Array(try encoder.encode(claims)))
        return input + "." + Base64URL.encode(signature)
    }

    static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        _ = CCognito_HMAC("SHA256", key, key.count, data, data.count, &out, out.count, &length)
        return out
    }

    static func jwks(_ signers: [RS256Signer]) -> Data {
        var keys: [Any] = []
        for signer in signers {
            let object = try? JSONSerialization.jsonObject(with: signer.jwks) as? [String: Any]
            keys += object?["keys"] as? [Any] ?? []
        }
        return (try? JSONSerialization.data(withJSONObject: ["keys": keys])) ?? Data()
    }

    /// `token` with bit `bit` of decoded byte `byte` of segment `segment` flipped, re-encoded.
    static func flipping(_ token: String, segment: Int, byte: Int, bit: Int) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var bytes = Base64URL.decode(parts[segment])!
        bytes[byte] ^= UInt8(1) << UInt8(bit)
        parts[segment] = Base64URL.encode(bytes)
        return parts.joined(separator: ".")
    }

    static func decodedLength(_ token: String, segment: Int) -> Int {
        Base64URL.decode(String(token.split(separator: ".", omittingEmptySubsequences: false)[segment]))!.count
    }
}
