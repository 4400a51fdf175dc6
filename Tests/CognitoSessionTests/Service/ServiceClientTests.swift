import CognitoSessionTesting
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import CognitoSession

@Suite("The service client's requests and logs")
struct ServiceClientTests {
    @Test("POSTs to the regional endpoint with the JSON 1.1 headers and this library's user agent")
    func requestHead() async throws {
        let transport = MockTransport()
        await transport.enqueue(.json("{}"), for: "GlobalSignOut")
        _ = try await makeClient(transport).send(GlobalSignOutRequest(accessToken: "a"))

        let sent = try #require(await transport.requests.first).request
        #expect(sent.method == .post)
        #expect(sent.scheme == "https")
        #expect(sent.authority == "cognito-idp.us-east-1.amazonaws.com")
        #expect(sent.path == "/")
        #expect(sent.headerFields[.contentType] == "application/x-amz-json-1.1")
        #expect(sent.headerFields[.amzTarget] == "AWSCognitoIdentityProviderService.GlobalSignOut")
        #expect(sent.headerFields[.userAgent] == "swift-cognito-session/\(CognitoSessionVersion.current)")
        #expect(sent.headerFields[.amzUserAgent] == "swift-cognito-session/\(CognitoSessionVersion.current)")
        #expect(sent.headerFields[.authorization] == nil)
    }

    @Test("an override endpoint's host, port and path are used")
    func overrideEndpoint() async throws {
        let transport = MockTransport()
        await transport.enqueue(.json("{}"), for: "DeleteUser")
        let endpoint = try ServiceEndpoint(override: try #require(URL(string: "http://127.0.0.1:9229/pool")))
        _ = try await CognitoServiceClient(endpoint: endpoint, transport: transport)
            .send(DeleteUserRequest(accessToken: "a"))
        let sent = try #require(await transport.requests.first).request
        #expect(sent.scheme == "http")
        #expect(sent.authority == "127.0.0.1:9229")
        #expect(sent.path == "/pool")
    }

    @Test("each attempt is logged at debug with operation, status, attempt and duration, never secrets")
    func logging() async throws {
        let password = "correct horse battery staple"
        let accessToken = "eyJhY2Nlc3MiOiJzZWNyZXQifQ.YWNjZXNz.c2ln"
        let transport = MockTransport()
        await transport.enqueue(
            .serviceError("TooManyRequestsException", message: "Rate exceeded"),
            .json(#"{"AuthenticationResult":{"AccessToken":"\#(accessToken)","IdToken":"id-token-value"}}"#),
            for: "InitiateAuth")
        let store = CapturedLogs()
        let logger = store.logger
        let request = InitiateAuthRequest(
            authFlow: .userPasswordAuth, clientId: "client",
            authParameters: ["USERNAME": "alice", "PASSWORD": password, "SECRET_HASH": "c2VjcmV0LWhhc2g="])
        _ = try await makeClient(transport, logger: logger).send(request)

        let lines = store.all
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("debug ") && $0.contains("cognito.operation=InitiateAuth") })
        #expect(lines.first?.contains("cognito.attempt=1") == true)
        #expect(lines.first?.contains("cognito.error=TooManyRequestsException (HTTP 400)") == true)
        #expect(lines.last?.contains("cognito.attempt=2") == true)
        #expect(lines.last?.contains("cognito.status=200") == true)
        #expect(lines.allSatisfy { $0.contains("cognito.duration_ms=") })
        for secret in [password, accessToken, "id-token-value", "c2VjcmV0LWhhc2g="] {
            #expect(!lines.contains { $0.contains(secret) })
        }
    }
}
