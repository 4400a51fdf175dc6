import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

@Suite("URLSessionTransport against a loopback HTTP server", .timeLimit(.minutes(1)))
struct URLSessionTransportTests {
    private let testHeader = HTTPField.Name("X-Test-Marker")!

    @Test("sends method, headers and body, and returns the server's JSON")
    func echo() async throws {
        try await LoopbackServer.run { server in
            var fields = HTTPFields()
            fields[.contentType] = "application/x-amz-json-1.1"
            fields[.amzTarget] = "AWSCognitoIdentityProviderService.GetUser"
            let (response, body) = try await URLSessionTransport().send(
                server.request("/echo", method: .post, headerFields: fields), body: Data(#"{"AccessToken":"t"}"#.utf8))
            #expect(response.status == .ok)
            let echoed = try Fixtures.json(body)
            #expect(echoed["method"] == "POST")
            #expect(echoed["body"] == #"{"AccessToken":"t"}"#)
            #expect(echoed["headers"]?["x-amz-target"] == "AWSCognitoIdentityProviderService.GetUser")
            #expect(echoed["headers"]?["content-type"] == "application/x-amz-json-1.1")
        }
    }

    @Test("returns 4xx and 5xx as responses, with the server's headers", arguments: [200, 404, 503])
    func statusCodes(code: Int) async throws {
        try await LoopbackServer.run { server in
            let request = server.request("/status/\(code)", method: .post, headerFields: [testHeader: "m-\(code)"])
            let (response, body) = try await URLSessionTransport().send(request, body: Data())
            #expect(response.status.code == code)
            #expect(response.headerFields[testHeader] == "m-\(code)")
            #expect(response.headerFields[.contentType] == "application/json")
            #expect(try Fixtures.json(body)["status"] == .number(Double(code)))
        }
    }

    @Test("does not follow redirects: the 3xx response is returned")
    func redirect() async throws {
        try await LoopbackServer.run { server in
            let (response, _) = try await URLSessionTransport().send(
                server.request("/redirect", method: .post), body: Data(#"{"Password":"p"}"#.utf8))
            #expect(response.status.code == 307)
            #expect(response.headerFields[.location] == "/echo")
        }
    }

    @Test("accepts a body of exactly the limit and refuses one byte more")
    func limitBoundary() async throws {
        try await LoopbackServer.run { server in
            let transport = URLSessionTransport(maximumResponseBodySize: 1000)
            let (_, body) = try await transport.send(server.request("/bytes/1000"), body: Data())
            #expect(body.count == 1000)
            let error = await #expect(throws: HTTPTransportError.bodyTooLarge) {
                try await transport.send(server.request("/bytes/1001"), body: Data())
            }
            #expect(error?.limit == 1000)
        }
    }

    @Test("refuses a 5 MB body over the 1 MiB default cap", arguments: ["/big", "/big-chunked"])
    func bodyTooLarge(path: String) async throws {
        try await LoopbackServer.run { server in
            await #expect(throws: HTTPTransportError.bodyTooLarge) {
                try await URLSessionTransport().send(server.request(path), body: Data())
            }
        }
    }

    @Test("a server that hangs fails with timedOut after the request timeout")
    func timeout() async throws {
        try await LoopbackServer.run { server in
            let transport = URLSessionTransport(requestTimeout: .milliseconds(500))
            await #expect(throws: HTTPTransportError.timedOut) {
                try await transport.send(server.request("/hang"), body: Data())
            }
        }
    }

    @Test("cancelling the calling task while the server hangs throws CancellationError")
    func cancellation() async throws {
        try await LoopbackServer.run { server in
            let transport = URLSessionTransport(requestTimeout: .seconds(50))
            let call = Task { try await transport.send(server.request("/hang"), body: Data()) }
            #expect(await server.nextLine() == "hang")
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
        }
    }

    @Test("a refused connection fails with connectionFailed")
    func connectionRefused() async throws {
        let closedPort = try await LoopbackServer.run { $0.port }
        let request = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:\(closedPort)", path: "/")
        await #expect(throws: HTTPTransportError.connectionFailed) {
            try await URLSessionTransport().send(request, body: Data())
        }
    }

    @Test("the service client works end to end over the transport and a loopback http endpoint")
    func serviceClientEndToEnd() async throws {
        try await LoopbackServer.run { server in
            let endpoint = try ServiceEndpoint(override: try #require(URL(string: "http://127.0.0.1:\(server.port)/")))
            let client = CognitoServiceClient(endpoint: endpoint, transport: URLSessionTransport(), retryPolicy: .none)
            let user = try await client.send(GetUserRequest(accessToken: "access"))
            #expect(user.username == "alice")
            #expect(user.userAttributes == [CognitoUserAttribute(name: "email", value: "alice@example.com")])
            let error = await #expect(throws: CognitoServiceError.notAuthorized) {
                try await client.send(GlobalSignOutRequest(accessToken: "access"))
            }
            #expect(error?.statusCode == 400)
            #expect(error?.requestID == "req-1")
            #expect(error?.message == "Access Token has been revoked")
        }
    }
}

#if os(Linux)
    @Suite("URLSessionTransport on Linux and IPv6 literals")
    struct URLSessionTransportIPv6Tests {
        @Test("An IPv6 literal host is refused at once with a clear error, not URLSession's -1000")
        func ipv6LiteralRefused() async throws {
            let request = HTTPRequest(method: .post, scheme: "http", authority: "[::1]:9", path: "/")
            let error = await #expect(throws: HTTPTransportError.self) {
                _ = try await URLSessionTransport().send(request, body: Data())
            }
            #expect(error == .unsupportedHost)
            #expect(error?.description.contains("127.0.0.1") == true)
            #expect(error?.isRetryable == false)
        }
    }
#endif
