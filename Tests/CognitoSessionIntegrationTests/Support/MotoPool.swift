import CognitoSession
import Foundation
import Testing

/// The user pool on the moto server these tests run against: the one scripts/moto-setup.py
/// created, read from the JSON file named by `COGNITO_MOTO_CONFIG` (scripts/test.sh sets it), or
/// else on a server this test process starts for itself (`MotoServer`), if a Python with moto is
/// there to run it.
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

    /// Why these tests do not run in this process, if they do not: `COGNITO_SKIP_INTEGRATION=1`,
    /// or no `COGNITO_MOTO_CONFIG` and no Python with moto to start a server with. Swift Testing
    /// then reports each of them as skipped, with the reason.
    static var skipReason: String? { MotoSource.current.skipReason }

    /// The pool: the configured one, or the one on the server this process started (the first
    /// call starts it; every test shares it). Throws, and so fails the test, if the configured file
    /// is not a pool or the server does not start.
    static func load() async throws -> MotoPool {
        switch MotoSource.current {
        case .configured(let path):
            do {
                return try JSONDecoder().decode(MotoPool.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw MotoSetupError(
                    "\(configVariable)=\(path) is not a pool written by scripts/moto-setup.py: \(error)")
            }
        case .selfStarted(let python):
            return try await MotoServer.shared.pool(python: python)
        case .unavailable(let reason):
            throw MotoSetupError("not run against moto: \(reason)")
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
            transport: RecordingTransport(base: URLSessionTransport(requestTimeout: .seconds(60)), log: log),
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
    /// Runs the suite against moto, unless `COGNITO_SKIP_INTEGRATION=1` or there is no moto to run
    /// (`MotoPool.skipReason`); Swift Testing then reports it test by test as skipped, with the
    /// reason: never a silent skip.
    static var againstMoto: Self {
        .disabled(if: MotoPool.skipReason != nil, Comment(rawValue: MotoPool.skipReason ?? ""))
    }
}
