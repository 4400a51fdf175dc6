import Foundation

extension LocalUserPool {
    /// A placeholder for a token to sign once the answer is built: the RS256 signatures are made off the
    /// actor (``signingTokens(in:)``), so a pool answers other requests — on other cores — while it signs.
    func signLater(_ claims: [String: AnyEncodable]) -> String {
        let placeholder = "unsigned-token-\(UUID().uuidString)"
        unsignedTokens.append((placeholder, claims))
        return placeholder
    }

    /// `body` with every placeholder of ``signLater(_:)`` replaced by the signed token.
    func signingTokens(in body: Data) async throws -> Data {
        guard !unsignedTokens.isEmpty else { return body }
        let pending = unsignedTokens.map { PendingToken(placeholder: $0.placeholder, claims: $0.claims) }
        unsignedTokens.removeAll()
        let signed = try await Self.sign(pending, with: signer)
        var out = body
        for (placeholder, token) in signed {
            if let range = out.range(of: Data(placeholder.utf8)) { out.replaceSubrange(range, with: Data(token.utf8)) }
        }
        return out
    }

    /// Signs the tokens issued from now on with a new RSA key under a new `kid`; tokens signed before keep
    /// verifying, and ``jwks`` publishes both keys, as Cognito does when it rotates a pool's key.
    ///
    /// The new key is not kept by a snapshot (`serve --state` saves the current key only).
    public func rotateSigningKey() throws {
        keyRing.rotate(to: try RS256Signer())
    }

    /// Not isolated to the pool: runs on the global executor, in parallel with the pool's other work.
    private static func sign(_ pending: [PendingToken], with signer: RS256Signer) async throws -> [(String, String)] {
        try pending.map { ($0.placeholder, try signer.sign(claims: $0.claims)) }
    }
}

struct PendingToken: Sendable {
    let placeholder: String
    let claims: [String: AnyEncodable]
}
