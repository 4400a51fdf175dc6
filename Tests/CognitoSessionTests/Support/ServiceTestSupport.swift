import CognitoSessionTesting
import Foundation
import InMemoryLogging
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

/// A logger into swift-log's in-memory handler, at trace level, and a way to read what it kept
/// as `"<level> <message> <key>=<value> ..."` lines (metadata sorted by key).
struct CapturedLogs: Sendable {
    let handler: InMemoryLogHandler
    let logger: Logger

    init() {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        self.handler = handler
        logger = Logger(label: "test") { _ in handler }
    }

    var all: [String] {
        handler.entries.map { entry in
            let fields = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "\(entry.level) \(entry.message) \(fields.joined(separator: " "))"
        }
    }
}
