import CognitoSession
import Foundation

/// The pool's signing keys: the current one signs; after a rotation the retired ones stay in the JWKS and
/// keep verifying the tokens they signed, as Cognito keeps both keys published.
final class SigningKeyRing: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var signers: [RS256Signer]
    private var document: Data

    init(_ signer: RS256Signer) {
        signers = [signer]
        document = signer.jwks
    }

    /// The key that signs new tokens.
    var current: RS256Signer { lock.withLock { signers[0] } }

    /// Every key, current first, as a JSON Web Key Set.
    var jwks: Data { lock.withLock { document } }

    /// Whether any of the keys signed `jwt`.
    func verify(_ jwt: String) -> Bool { lock.withLock { signers }.contains { $0.verify(jwt) } }

    /// Makes `signer` the current key; the others stay published.
    func rotate(to signer: RS256Signer) {
        lock.withLock {
            signers.insert(signer, at: 0)
            var keys: [Any] = []
            for signer in signers {
                let object = try? JSONSerialization.jsonObject(with: signer.jwks) as? [String: Any]
                keys += object?["keys"] as? [Any] ?? []
            }
            document = (try? JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys])) ?? document
        }
    }
}
