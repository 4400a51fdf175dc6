import CognitoSession
import Foundation
import HTTPTypes

/// Passes requests to another transport and keeps their operation names and bodies, so the demo
/// can show what was sent (redacted).
actor RecordingTransport: HTTPTransport {
    struct Sent {
        let operation: String
        let body: Data
    }

    private let base: any HTTPTransport
    private(set) var sent: [Sent] = []

    init(base: any HTTPTransport) { self.base = base }

    func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        sent.append(Sent(operation: request.cognitoOperationName ?? "", body: body))
        return try await base.send(request, body: body)
    }

    /// The last body sent to `operation`, every value replaced by its length except the few
    /// that name things rather than prove them.
    func lastRedactedBody(of operation: String) -> String? {
        guard let body = sent.last(where: { $0.operation == operation })?.body,
            let object = try? JSONSerialization.jsonObject(with: body)
        else { return nil }
        let redacted = Self.redact(object, key: "")
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: redacted, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static let shown: Set<String> = ["AuthFlow", "ClientId", "ChallengeName"]

    private static func redact(_ value: Any, key: String) -> Any {
        switch value {
        case let object as [String: Any]:
            return Dictionary(uniqueKeysWithValues: object.map { ($0.key, redact($0.value, key: $0.key)) })
        case let list as [Any]:
            return list.map { redact($0, key: key) }
        case let text as String:
            return shown.contains(key) ? text : "<redacted, \(text.count) characters>"
        default:
            return value
        }
    }
}
