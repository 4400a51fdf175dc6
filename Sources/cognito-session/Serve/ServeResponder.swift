import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Hummingbird

/// Answers every request `serve` receives: the Cognito API on `POST /`, each pool's keys and OpenID
/// configuration, and the test controls under `/_local/`.
struct ServeResponder: Sendable {
    let cognito: LocalCognito
    let clock: OffsetClock
    let logsRequests: Bool

    var controls: ServeControls { ServeControls(cognito: cognito, clock: clock) }

    func respond(to request: Request, context: ServeContext) async -> Response {
        var request = request
        let path = request.uri.path
        let body: Data
        do {
            body = Data(try await request.collectBody(upTo: context.maxUploadSize).readableBytesView)
        } catch {
            return log("-", Self.fault("SerializationException", "The request body is too large.", status: 413))
        }
        if path.hasPrefix(ServeControls.prefix) {
            return log(
                "control",
                await controls.respond(
                    method: request.method, path: path,
                    query: request.uri.query, body: body))
        }
        if request.method == .get, let response = await wellKnown(path, authority: request.head.authority) {
            return response
        }
        if path != "/", await cognito.domainPool(for: request.head) != nil {
            var head = request.head
            if head.scheme == nil { head.scheme = "http" }
            do {
                let (answer, data) = try await cognito.send(head, body: body)
                return log(
                    "\(request.method.rawValue) \(path)",
                    Response(
                        status: answer.status, headers: answer.headerFields,
                        body: .init(byteBuffer: ByteBuffer(bytes: data))))
            } catch {
                // An injected dropped connection: close it without an answer.
                context.dropConnection()
                return log("dropped", Response(status: .internalServerError))
            }
        }
        guard path == "/" else {
            return log("-", Self.fault("UnknownOperationException", "Unknown operation.", status: 404))
        }
        do {
            let (head, data) = try await cognito.send(request.head, body: body)
            let operation = request.head.cognitoOperationName ?? "-"
            return log(
                operation,
                Response(
                    status: head.status, headers: head.headerFields,
                    body: .init(byteBuffer: ByteBuffer(bytes: data))))
        } catch {
            // An injected dropped connection: close it without an answer.
            context.dropConnection()
            return log("dropped", Response(status: .internalServerError))
        }
    }

    /// `/<pool id>/.well-known/jwks.json` and `/<pool id>/.well-known/openid-configuration`.
    private func wellKnown(_ path: String, authority: String?) async -> Response? {
        let parts = path.split(separator: "/")
        guard parts.count == 3, parts[1] == ".well-known",
            let pool = await cognito.pool(id: String(parts[0]))
        else { return nil }
        switch parts[2] {
        case "jwks.json":
            return Self.json(pool.jwks)
        case "openid-configuration":
            let base = "http://\(authority ?? "127.0.0.1")/\(pool.userPoolId)"
            return Self.json(
                await pool.discoveryJSON(
                    domainBase: await pool.domainURL?.absoluteString, jwksURI: "\(base)/.well-known/jwks.json"))
        default:
            return nil
        }
    }

    private func log(_ operation: String, _ response: Response) -> Response {
        if logsRequests {
            FileHandle.standardError.write(Data("\(operation) \(response.status.code)\n".utf8))
        }
        return response
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A refusal in the service's shape.
    static func fault(_ name: String, _ message: String, status: Int = 400) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-1.1"
        headers[HTTPField.Name("x-amzn-ErrorType")!] = "\(name):"
        headers[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        let body =
            (try? JSONSerialization.data(
                withJSONObject: ["__type": name, "message": message],
                options: .sortedKeys)) ?? Data()
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
