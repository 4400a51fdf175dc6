import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@Suite("MockTransport scripts responses per operation and records requests")
struct MockTransportTests {
    private func request(_ operation: String) -> HTTPRequest {
        var request = HTTPRequest(
            method: .post, scheme: "https", authority: "cognito-idp.us-east-1.amazonaws.com", path: "/")
        request.setCognitoOperation(operation)
        return request
    }

    @Test("cognitoOperationName reads X-Amz-Target; other targets and none are nil")
    func operationName() {
        #expect(request("GetUser").cognitoOperationName == "GetUser")
        #expect(
            request("GetUser").headerFields[HTTPField.Name("X-Amz-Target")!]
                == "AWSCognitoIdentityProviderService.GetUser")
        var other = request("x")
        other.headerFields[HTTPField.Name("X-Amz-Target")!] = "DynamoDB_20120810.GetItem"
        #expect(other.cognitoOperationName == nil)
        other.headerFields[HTTPField.Name("X-Amz-Target")!] = "AWSCognitoIdentityProviderService."
        #expect(other.cognitoOperationName == nil)
        other.headerFields[HTTPField.Name("X-Amz-Target")!] = nil
        #expect(other.cognitoOperationName == nil)
    }

    @Test("queued responses are used in order, then the handler")
    func queueThenHandler() async throws {
        let transport = MockTransport()
        await transport.enqueue(.json(#"{"n":1}"#), .json(#"{"n":2}"#, status: .accepted), for: "GetUser")
        await transport.setHandler(for: "GetUser") { _ in .json(#"{"n":3}"#) }
        var seen: [String] = []
        for _ in 0..<4 {
            let (response, body) = try await transport.send(request("GetUser"), body: Data("{}".utf8))
            seen.append("\(response.status.code) \(String(decoding: body, as: UTF8.self))")
        }
        #expect(seen == [#"200 {"n":1}"#, #"202 {"n":2}"#, #"200 {"n":3}"#, #"200 {"n":3}"#])
    }

    @Test("an unscripted operation throws UnscriptedOperation naming it")
    func unscripted() async throws {
        let transport = MockTransport()
        await transport.enqueue(.json("{}"), for: "GetUser")
        await #expect(throws: MockTransport.UnscriptedOperation(operation: "DeleteUser")) {
            try await transport.send(request("DeleteUser"), body: Data())
        }
    }

    @Test("a request without a Cognito target is scripted by its path first, then by \"\"; recorded under both")
    func pathScripting() async throws {
        let transport = MockTransport()
        func get(_ target: String) -> HTTPRequest {
            HTTPRequest(
                method: .post, scheme: "https", authority: "example.auth.us-east-1.amazoncognito.com", path: target)
        }
        await transport.enqueue(.json(#"{"n":1}"#), for: "/oauth2/token")
        await transport.setHandler(for: "") { _ in .json(#"{"n":2}"#) }
        let first = try await transport.send(get("/oauth2/token?x=1"), body: Data())
        let second = try await transport.send(get("/oauth2/token"), body: Data())
        let other = try await transport.send(get("/.well-known/jwks.json"), body: Data())
        #expect(
            [first, second, other].map { String(decoding: $0.1, as: UTF8.self) } == [
                #"{"n":1}"#, #"{"n":2}"#, #"{"n":2}"#,
            ])
        #expect(await transport.requests(for: "/oauth2/token").count == 2)
        #expect(await transport.requests(for: "").count == 3)
        #expect(await transport.requests.map(\.path) == ["/oauth2/token", "/oauth2/token", "/.well-known/jwks.json"])
        await #expect(throws: MockTransport.UnscriptedOperation(operation: "/oauth2/revoke")) {
            try await MockTransport().send(get("/oauth2/revoke"), body: Data())
        }
    }

    @Test("records the operation, headers and JSON body of every request")
    func recording() async throws {
        struct Body: Decodable, Equatable { let AccessToken: String }
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .json("{}") }
        await transport.setHandler(for: "ListDevices") { _ in .json("{}") }
        _ = try await transport.send(request("GetUser"), body: Data(#"{"AccessToken":"a1"}"#.utf8))
        _ = try await transport.send(request("ListDevices"), body: Data(#"{"AccessToken":"a2","Limit":10}"#.utf8))

        #expect(await transport.requests.map(\.operation) == ["GetUser", "ListDevices"])
        let listDevices = try #require(await transport.requests(for: "ListDevices").first)
        #expect(listDevices.json == .object(["AccessToken": "a2", "Limit": 10]))
        #expect(listDevices.request.cognitoOperationName == "ListDevices")
        #expect(
            try await transport.requests(for: "GetUser").first?.decodedBody(as: Body.self) == Body(AccessToken: "a1"))
    }

    @Test("service errors carry __type, message and request id")
    func serviceError() async throws {
        let transport = MockTransport()
        await transport.enqueue(
            .serviceError("CodeMismatchException", message: "Invalid code", requestID: "r-1"),
            for: "ConfirmSignUp")
        let (response, body) = try await transport.send(request("ConfirmSignUp"), body: Data())
        #expect(response.status == .badRequest)
        #expect(response.headerFields[.init("x-amzn-RequestId")!] == "r-1")
        let json = try JSONDecoder().decode(JSONValue.self, from: body)
        #expect(
            json
                == .object([
                    "__type": "com.amazonaws.cognito.identity.idp.model#CodeMismatchException",
                    "message": "Invalid code",
                ]))
    }

    @Test("a scripted failure is thrown, and latency goes through the injected sleeper")
    func failureAndLatency() async throws {
        struct Recorded: Error, Equatable {}
        actor Waits { var all: [Duration] = []; func add(_ d: Duration) { all.append(d) } }
        let waits = Waits()
        let transport = MockTransport(sleep: { await waits.add($0) })
        await transport.enqueue(.failure(Recorded()).delayed(by: .milliseconds(250)), for: "GetUser")
        await #expect(throws: Recorded()) { try await transport.send(request("GetUser"), body: Data()) }
        #expect(await waits.all == [.milliseconds(250)])
    }
}
