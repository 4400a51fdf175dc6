import Foundation
import HTTPTypes

extension CognitoServiceClient {
    /// Turns a response into the decoded value, a ``CognitoServiceError``, or a
    /// ``CognitoResponseError``. Never traps, and never copies body content into an error.
    package static func interpret<Response: Decodable>(
        _ response: HTTPResponse, _ data: Data, operation: CognitoOperation
    ) throws -> Response {
        let status = response.status.code
        guard (200..<300).contains(status) else {
            throw serviceError(response, data, operation: operation)
        }
        if let problem = bodyProblem(response, data) {
            throw problem.with(operation: operation.name, statusCode: status)
        }
        do {
            return try decoder.decode(Response.self, from: data)
        } catch let error as DecodingError {
            throw CognitoResponseError.unexpectedShape.with(
                operation: operation.name, statusCode: status, detail: Self.describe(error))
        }
    }

    /// The error a non-2xx response stands for.
    private static func serviceError(_ response: HTTPResponse, _ data: Data, operation: CognitoOperation) -> any Error {
        let status = response.status.code
        let problem = bodyProblem(response, data)
        let body = problem == nil ? try? decoder.decode(ErrorBody.self, from: data) : nil
        let typeName = (body?.type ?? body?.code).flatMap { $0.split(separator: "#").last.map(String.init) }
        let headerName = response.headerFields[.amzErrorType]
            .flatMap { $0.split(separator: ":").first.map(String.init) }
        guard
            let name = [typeName, headerName].compactMap({ $0?.trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty })
        else {
            let kind = problem ?? .unexpectedShape
            let detail = kind == .unexpectedShape ? "error response without __type" : nil
            return kind.with(operation: operation.name, statusCode: status, detail: detail)
        }
        return CognitoServiceError(
            name: name, message: body?.message ?? body?.capitalizedMessage, statusCode: status,
            requestID: response.headerFields[.amzRequestID])
    }

    /// What is wrong with a body before decoding: empty, HTML, or not JSON.
    private static func bodyProblem(_ response: HTTPResponse, _ data: Data) -> CognitoResponseError? {
        let firstByte = data.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let firstByte else { return .emptyBody }
        let contentType = response.headerFields[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("text/html") || firstByte == UInt8(ascii: "<") { return .htmlErrorPage }
        if (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) == nil { return .notJSON }
        return nil
    }

    /// Where and why decoding failed: key paths and types only, never values.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "(root)" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): null, expected \(type)"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): invalid value"
        @unknown default: return "(unknown)"
        }
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

/// The members of a JSON 1.1 error body; every member is optional.
private struct ErrorBody: Decodable {
    var type: String?
    var code: String?
    var message: String?
    var capitalizedMessage: String?

    private enum CodingKeys: String, CodingKey {
        case type = "__type", code, message, capitalizedMessage = "Message"
    }
}
