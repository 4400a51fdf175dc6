import Foundation

@testable import CognitoSession
@testable import CognitoSessionTesting

/// A pool fixture whose relying party is `example.com`, with alice signed in.
struct PasskeyFixture {
    static let origin = "https://app.example.com"

    let base: PoolFixture
    let user: CognitoUser
    var local: LocalUserPool { base.local }

    init(userVerification: LocalUserPool.PasskeyUserVerification = .preferred, secret: Bool = false) async throws {
        base = try await PoolFixture(secret: secret)
        await base.local.setWebAuthnConfiguration(relyingPartyId: "example.com", userVerification: userVerification)
        user = try await base.signIn().0
    }

    /// Registers `passkey` for alice through the library.
    func register(_ passkey: SoftwarePasskey, origin: String = PasskeyFixture.origin) async throws {
        let options = try await user.startWebAuthnRegistration()
        try await user.completeWebAuthnRegistration(
            credential: try passkey.register(creationOptions: options, origin: origin))
    }
}

/// Rewrites a member of a credential JSON (`response.signature`, `id`, ...) to test refusals.
func tamper(_ json: String, _ path: String..., with value: (JSONValue) -> JSONValue) throws -> String {
    func rewrite(_ node: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
        guard let name = path.first, case .object(var members) = node else { return value(node) }
        members[name] = rewrite(members[name] ?? .null, path.dropFirst())
        return .object(members)
    }
    let parsed = try JSONParser.parse(Array(json.utf8))
    return String(decoding: try JSONEncoder().encode(rewrite(parsed, path[...])), as: UTF8.self)
}

/// A base64url value with its first byte changed (a broken signature, a foreign challenge).
func flipped(_ value: JSONValue) -> JSONValue {
    guard var bytes = value.stringValue.flatMap(Base64URL.decode), !bytes.isEmpty else { return value }
    bytes[bytes.count / 2] ^= 0x01
    return .string(Base64URL.encode(bytes))
}
