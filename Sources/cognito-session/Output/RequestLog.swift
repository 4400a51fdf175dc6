import Foundation
import Logging

/// `--verbose`: the library's request logs on stderr, one line each, through swift-log. The
/// library never logs bodies or secrets; metadata whose key names a secret is redacted anyway.
struct RequestLog: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    /// A logger at debug level writing here.
    static func logger() -> Logger {
        var logger = Logger(label: "cognito-session") { _ in RequestLog() }
        logger.logLevel = .debug
        return logger
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Key fragments whose values are never printed.
    static let secretKeys = ["token", "secret", "password", "code", "hash", "session", "srp"]

    /// Writes one line on stderr.
    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { key, value -> String in
            let shown = Self.secretKeys.contains { key.lowercased().contains($0) } ? "<redacted>" : "\(value)"
            return "\(key.replacingOccurrences(of: "cognito.", with: ""))=\(shown)"
        }
        Terminal.error(
            "cognito-session: \(event.level): \(event.message)"
                + (fields.isEmpty ? "" : " " + fields.joined(separator: " ")))
    }
}
