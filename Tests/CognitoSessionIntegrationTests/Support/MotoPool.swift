import Foundation
import Testing
import CognitoSession

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

    /// Meets the pool's policy: upper and lower case, a digit, a symbol, 8 or more characters.
    static let password = "Correct-h0rse"
    /// Another password that meets the policy.
    static let newPassword = "Battery-staple9"

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

    /// A user name no other test uses (the pool takes email addresses as user names).
    static func uniqueUsername() -> String { "it-\(UUID().uuidString.lowercased())@example.com" }

    /// The library's public entry point for this pool, over `URLSessionTransport`, with each
    /// exchange kept in `log`. The public app client unless `clientId` says otherwise; no retries,
    /// so every request a test makes is sent exactly once.
    func pool(
        clientId: String? = nil, clientSecret: String? = nil, storage: any SessionStorage = MemoryStorage(),
        clock: any WallClock = SystemWallClock(), log: ExchangeLog = ExchangeLog()
    ) throws -> CognitoUserPool {
        guard let url = URL(string: endpoint + "/") else { throw MotoSetupError("bad endpoint \(endpoint)") }
        return try CognitoUserPool(
            userPoolId: userPoolId, clientId: clientId ?? self.clientId, clientSecret: clientSecret,
            endpoint: url, storage: storage,
            transport: RecordingTransport(base: URLSessionTransport(requestTimeout: .seconds(10)), log: log),
            clock: clock, retryPolicy: .none)
    }

    /// The app client with a secret.
    func confidentialPool(
        storage: any SessionStorage = MemoryStorage(), clock: any WallClock = SystemWallClock(),
        log: ExchangeLog = ExchangeLog()
    ) throws -> CognitoUserPool {
        try pool(clientId: secretClientId, clientSecret: clientSecret, storage: storage, clock: clock, log: log)
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
