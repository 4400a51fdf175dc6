import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

@Suite("Service errors and malformed responses become typed errors")
struct ServiceErrorTests {
    private let requestIDField = HTTPField.Name("x-amzn-RequestId")!
    private let errorTypeField = HTTPField.Name("x-amzn-ErrorType")!

    /// Sends GetUser once (no retries) answered by `response` and returns what was thrown.
    private func failure(_ response: MockResponse) async -> (any Error)? {
        let transport = MockTransport()
        await transport.enqueue(response, for: "GetUser")
        do {
            _ = try await makeClient(transport, retryPolicy: .none).send(GetUserRequest(accessToken: "token"))
            return nil
        } catch {
            return error
        }
    }

    @Test("__type after the last #, the message, the status and the request id are kept")
    func typedError() async throws {
        let body =
            #"{"__type":"com.amazonaws.cognito.identity.idp.model#UserNotFoundException","message":"User does not exist."}"#
        let error = try #require(
            await failure(
                .http(
                    status: .badRequest,
                    headerFields: [.contentType: "application/x-amz-json-1.1", requestIDField: "req-42"],
                    body: body)) as? CognitoServiceError)
        #expect(error == .userNotFound)
        #expect(error.name == "UserNotFoundException")
        #expect(error.message == "User does not exist.")
        #expect(error.statusCode == 400)
        #expect(error.requestID == "req-42")
        #expect(error.description == "UserNotFoundException: User does not exist. (HTTP 400, request id req-42)")
    }

    @Test("a bare __type or a code member with Message is understood")
    func otherBodyForms() async throws {
        let bare = try #require(
            await failure(
                .json(
                    #"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
                    status: .badRequest)) as? CognitoServiceError)
        #expect(bare == .notAuthorized)
        #expect(bare.message == "Incorrect username or password.")

        let coded = try #require(
            await failure(
                .json(
                    #"{"code":"LimitExceededException","Message":"Attempt limit exceeded"}"#,
                    status: .badRequest)) as? CognitoServiceError)
        #expect(coded == .limitExceeded)
        #expect(coded.message == "Attempt limit exceeded")
    }

    @Test("without a type in the body the x-amzn-ErrorType header names the error")
    func errorTypeHeader() async throws {
        let error = try #require(
            await failure(
                .http(
                    status: .serviceUnavailable,
                    headerFields: [errorTypeField: "ServiceUnavailable:http://internal.amazon.com/"],
                    body: "{}")) as? CognitoServiceError)
        #expect(error.name == "ServiceUnavailable")
        #expect(error.statusCode == 503)
        #expect(error.isRetryable)
    }

    @Test(
        "which service errors are retryable",
        arguments: [
            ("TooManyRequestsException", 400, true), ("ThrottlingException", 400, true),
            ("InternalErrorException", 500, true), ("LimitExceededException", 400, false),
            ("NotAuthorizedException", 400, false), ("CodeMismatchException", 400, false),
        ])
    func retryable(name: String, status: Int, expected: Bool) {
        #expect(CognitoServiceError(name: name, statusCode: status).isRetryable == expected)
    }

    @Test(
        "a successful response that is empty, not JSON, HTML or the wrong shape is a distinct error",
        arguments: [
            (MockResponse.http(status: .ok, body: ""), CognitoResponseError.emptyBody),
            (MockResponse.http(status: .ok, body: " \n"), CognitoResponseError.emptyBody),
            (MockResponse.http(status: .ok, body: "Username=alice"), CognitoResponseError.notJSON),
            (MockResponse.http(status: .ok, body: #"{"Username":"#), CognitoResponseError.notJSON),
            (
                MockResponse.http(status: .ok, body: "<html><body>Login</body></html>"),
                CognitoResponseError.htmlErrorPage
            ),
            (
                MockResponse.http(status: .ok, headerFields: [.contentType: "text/html; charset=utf-8"], body: "{}"),
                CognitoResponseError.htmlErrorPage
            ),
            (MockResponse.json("[]"), CognitoResponseError.unexpectedShape),
            (MockResponse.json(#"{"Username":"alice"}"#), CognitoResponseError.unexpectedShape),
        ])
    func malformedSuccess(response: MockResponse, expected: CognitoResponseError) async throws {
        let error = try #require(await failure(response) as? CognitoResponseError)
        #expect(error == expected)
        #expect(error.operation == "GetUser")
        #expect(error.statusCode == 200)
    }

    @Test(
        "an error status without a service error type is a response error carrying the status",
        arguments: [
            (
                MockResponse.http(
                    status: .badGateway, headerFields: [.contentType: "text/html"], body: "<h1>502 Bad Gateway</h1>"),
                CognitoResponseError.htmlErrorPage, 502
            ),
            (MockResponse.http(status: .serviceUnavailable, body: ""), CognitoResponseError.emptyBody, 503),
            (MockResponse.http(status: .forbidden, body: "Forbidden"), CognitoResponseError.notJSON, 403),
            (
                MockResponse.json(#"{"message":"no type"}"#, status: .badRequest), CognitoResponseError.unexpectedShape,
                400
            ),
        ])
    func malformedError(response: MockResponse, expected: CognitoResponseError, status: Int) async throws {
        let error = try #require(await failure(response) as? CognitoResponseError)
        #expect(error == expected)
        #expect(error.statusCode == status)
    }

    @Test("a wrong shape names the failing path but never the body's content")
    func unexpectedShapeHidesContent() async throws {
        let secretToken = "eyJraWQiOiJzZWNyZXQifQ.c2VjcmV0LWFjY2Vzcy10b2tlbg.c2ln"
        let transport = MockTransport()
        await transport.enqueue(
            .json(#"{"AuthenticationResult":{"AccessToken":"\#(secretToken)","IdToken":42}}"#), for: "InitiateAuth")
        let request = InitiateAuthRequest(
            authFlow: .userPasswordAuth, clientId: "c",
            authParameters: ["USERNAME": "u", "PASSWORD": "hunter2"])
        let error = await #expect(throws: CognitoResponseError.unexpectedShape) {
            try await makeClient(transport).send(request)
        }
        let text = try #require(error).description
        #expect(text.contains("AuthenticationResult.IdToken"))
        #expect(!text.contains(secretToken))
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("42"))
    }
}

@Suite("A service message never carries back a secret the request sent")
struct ServiceMessageRedactionTests {
    @Test("An emulator echoing the SECRET_HASH (as moto does) or the password: redacted in the error")
    func echoedSecretsRedacted() async throws {
        let mock = MockTransport()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Echo", clientId: "echo-client", clientSecret: "s3cr3t-value",
            endpoint: nil, storage: MemoryStorage(), transport: mock)
        await mock.setHandler(for: "InitiateAuth") { request in
            let hash = request.json?["AuthParameters"]?["SECRET_HASH"]?.stringValue ?? "?"
            let password = request.json?["AuthParameters"]?["PASSWORD"]?.stringValue ?? "?"
            return .serviceError("NotAuthorizedException", message: "\(hash) / \(password) for alice")
        }
        let user = pool.user(named: "alice")
        let error = await #expect(throws: CognitoServiceError.self) {
            try await user.authenticateUser(
                AuthenticationDetails(
                    username: "alice", password: "Hunter2-password", authenticationFlowType: .userPasswordAuth))
        }
        let hash = try #require(try pool.secretHash(for: "alice"))
        #expect(error?.message == "<redacted> / <redacted> for alice")
        #expect(error?.description.contains(hash) == false)
        #expect(error?.description.contains("Hunter2-password") == false)
    }
}
