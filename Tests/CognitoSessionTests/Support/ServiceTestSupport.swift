import CognitoSessionTesting
import Foundation
import Logging
@testable import CognitoSession

/// Records each wait the service client asks for and returns at once: no real sleeping.
actor SleepRecorder {
    private(set) var delays: [Duration] = []
    func record(_ delay: Duration) { delays.append(delay) }
}

/// A service client for us-east-1 over `transport`, with the jitter fixed to `unitRandom` and
/// waits recorded in `sleeps`.
func makeClient(
    _ transport: MockTransport,
    retryPolicy: RetryPolicy = .default,
    unitRandom: Double = 1,
    sleeps: SleepRecorder = SleepRecorder(),
    logger: Logger? = nil
) -> CognitoServiceClient {
    CognitoServiceClient(
        endpoint: ServiceEndpoint(region: "us-east-1"), transport: transport, retryPolicy: retryPolicy,
        logger: logger, sleep: { await sleeps.record($0) }, unitRandom: { unitRandom })
}

/// A swift-log handler that keeps every record, for asserting on what was logged.
struct CapturingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        store.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
    }
}
