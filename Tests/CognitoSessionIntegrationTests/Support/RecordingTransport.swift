import Foundation
import HTTPTypes
import CognitoSession

/// Passes requests to `base` and keeps each response head, so a test can read what only a header
/// carries (moto's `x-moto-forgot-password-confirmation-code`).
struct RecordingTransport: HTTPTransport {
    let base: any HTTPTransport
    let log: ResponseLog

    func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        let (response, data) = try await base.send(request, body: body)
        await log.append(response)
        return (response, data)
    }
}

actor ResponseLog {
    private(set) var heads: [HTTPResponse] = []

    func append(_ head: HTTPResponse) { heads.append(head) }

    /// The value of `field` in the latest response that has it.
    func lastValue(of field: String) -> String? {
        guard let name = HTTPField.Name(field) else { return nil }
        return heads.last { $0.headerFields[name] != nil }?.headerFields[name]
    }
}
