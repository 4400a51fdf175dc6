import CognitoSession
import Foundation
import HTTPTypes

/// Passes requests to `base` and keeps each exchange, so a test can check which operations the
/// library sent with which parameters, and read what only a response header carries (moto's
/// `x-moto-forgot-password-confirmation-code`).
struct RecordingTransport: HTTPTransport {
    let base: any HTTPTransport
    let log: ExchangeLog

    func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        let (response, data) = try await base.send(request, body: body)
        await log.append(
            Exchange(
                operation: request.cognitoOperationName ?? "",
                request: (try? JSONDecoder().decode(RecordedBody.self, from: body)) ?? RecordedBody(),
                response: response))
        return (response, data)
    }
}

/// One request and the head of its response.
struct Exchange: Sendable {
    /// `InitiateAuth`, `RespondToAuthChallenge`, ...
    let operation: String
    let request: RecordedBody
    let response: HTTPResponse
}

/// The members of a sign-in request body the tests examine.
struct RecordedBody: Decodable, Sendable {
    var AuthFlow: String?
    var ChallengeName: String?
    var AuthParameters: [String: String]?
    var ChallengeResponses: [String: String]?
    var SecretHash: String?

    /// `AuthParameters` or `ChallengeResponses`, whichever the request has.
    var parameters: [String: String] { AuthParameters ?? ChallengeResponses ?? [:] }
}

actor ExchangeLog {
    private(set) var exchanges: [Exchange] = []

    func append(_ exchange: Exchange) { exchanges.append(exchange) }

    /// The operations sent, in order.
    var operations: [String] { exchanges.map(\.operation) }

    /// The exchanges of one operation (and sign-in flow or challenge, when given).
    func requests(_ operation: String, flowOrChallenge: String? = nil) -> [RecordedBody] {
        exchanges.filter { $0.operation == operation }.map(\.request).filter {
            flowOrChallenge == nil || $0.AuthFlow == flowOrChallenge || $0.ChallengeName == flowOrChallenge
        }
    }

    /// The value of `field` in the latest response that has it.
    func lastResponseValue(of field: String) -> String? {
        guard let name = HTTPField.Name(field) else { return nil }
        return exchanges.last { $0.response.headerFields[name] != nil }?.response.headerFields[name]
    }
}
