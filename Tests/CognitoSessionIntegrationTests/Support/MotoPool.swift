import Foundation
import Testing
@testable import CognitoSession

/// The user pool that scripts/moto-setup.py created on the moto server these tests run against,
/// read from the JSON file named by `COGNITO_MOTO_CONFIG` (scripts/test.sh sets it).
struct MotoPool: Decodable, Sendable {
    let endpoint: String
    let region: String
    let userPoolId: String
    let clientId: String
    let secretClientId: String
    let clientSecret: String

    static let configVariable = "COGNITO_MOTO_CONFIG"
    static let skipVariable = "COGNITO_SKIP_INTEGRATION"

    /// Whether the developer asked, with `COGNITO_SKIP_INTEGRATION=1`, not to run these tests;
    /// Swift Testing then reports each of them as skipped, with the reason.
    static var isSkipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    /// Reads the pool; without `COGNITO_MOTO_CONFIG` the test fails, saying how to run it.
    static func load() throws -> MotoPool {
        guard let path = ProcessInfo.processInfo.environment[configVariable], !path.isEmpty else {
            throw MotoSetupError("""
                \(configVariable) is not set, so there is no moto server to test against. Run \
                ./scripts/test.sh (it starts moto and sets it), or start moto as Docs/Integration.md \
                shows, or set \(skipVariable)=1 to report these tests as skipped.
                """)
        }
        do {
            return try JSONDecoder().decode(MotoPool.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw MotoSetupError("\(configVariable)=\(path) is not a pool written by scripts/moto-setup.py: \(error)")
        }
    }

    /// The pool id's part after the region, which SRP hashes into its private key.
    var poolName: String { String(userPoolId.split(separator: "_", maxSplits: 1).last ?? "") }

    /// A client of the pool's public app client, or of the one with a secret.
    func client(withSecret: Bool = false) throws -> MotoClient {
        let responses = ResponseLog()
        let transport = RecordingTransport(base: URLSessionTransport(requestTimeout: .seconds(10)), log: responses)
        let service = CognitoServiceClient(
            endpoint: try ServiceEndpoint(override: try #require(URL(string: endpoint))), transport: transport,
            retryPolicy: .none)
        return MotoClient(
            clientId: withSecret ? secretClientId : clientId, secret: withSecret ? clientSecret : nil,
            poolName: poolName, service: service, responses: responses)
    }
}

struct MotoSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Trait where Self == ConditionTrait {
    /// Runs the suite against moto unless `COGNITO_SKIP_INTEGRATION=1`, which Swift Testing
    /// reports test by test as skipped, with this reason: never a silent skip.
    static var againstMoto: Self {
        .disabled(if: MotoPool.isSkipped, "COGNITO_SKIP_INTEGRATION=1: not run against moto")
    }
}
