import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("Retries: what is retried, how often and how long the waits are")
struct RetryTests {
    private let getUser = GetUserRequest(accessToken: "token")
    private let confirm = ConfirmSignUpRequest(clientId: "c", username: "u", confirmationCode: "123456")
    private let user = MockResponse.json(#"{"Username":"alice","UserAttributes":[]}"#)

    @Test("throttling is retried up to maxAttempts, then the last error is thrown")
    func throttlingExhausts() async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in
            .serviceError("TooManyRequestsException", message: "Rate exceeded")
        }
        let sleeps = SleepRecorder()
        await #expect(throws: CognitoServiceError.tooManyRequests) {
            try await makeClient(transport, sleeps: sleeps).send(getUser)
        }
        #expect(await transport.requests.count == RetryPolicy.default.maxAttempts)
        #expect(await sleeps.delays == [.milliseconds(100), .milliseconds(200)])
    }

    @Test("a call that succeeds after retries returns the response")
    func recovers() async throws {
        let transport = MockTransport()
        await transport.enqueue(
            .serviceError("ThrottlingException", status: .tooManyRequests),
            .serviceError("InternalErrorException", status: .internalServerError), user, for: "GetUser")
        let response = try await makeClient(transport).send(getUser)
        #expect(response.username == "alice")
        #expect(await transport.requests.count == 3)
    }

    @Test(
        "other service errors are returned at once, without waiting",
        arguments: [
            "NotAuthorizedException", "LimitExceededException", "CodeMismatchException", "UserNotFoundException",
        ])
    func notRetried(name: String) async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "ConfirmSignUp") { _ in .serviceError(name) }
        let sleeps = SleepRecorder()
        await #expect(throws: CognitoServiceError(name: name)) {
            try await makeClient(transport, sleeps: sleeps).send(confirm)
        }
        #expect(await transport.requests.count == 1)
        #expect(await sleeps.delays.isEmpty)
    }

    @Test("service-declared throttling and 5xx are retried for every operation")
    func serviceFailuresRetriedForAll() async throws {
        let transport = MockTransport()
        await transport.enqueue(
            .serviceError("InternalErrorException", status: .internalServerError),
            .json(#"{"Session":"s"}"#), for: "ConfirmSignUp")
        _ = try await makeClient(transport).send(confirm)
        #expect(await transport.requests.count == 2)
    }

    @Test(
        "timeouts, lost connections and proxy 5xx pages are retried only for idempotent operations",
        arguments: [
            MockResponse.failure(HTTPTransportError.timedOut),
            MockResponse.failure(HTTPTransportError.connectionFailed),
            MockResponse.http(status: .badGateway, headerFields: [.contentType: "text/html"], body: "<h1>502</h1>"),
        ])
    func ambiguousFailures(failure: MockResponse) async throws {
        let transport = MockTransport()
        await transport.enqueue(failure, user, for: "GetUser")
        await transport.enqueue(failure, .json("{}"), for: "ConfirmSignUp")
        let client = makeClient(transport)

        #expect(try await client.send(getUser).username == "alice")
        #expect(await transport.requests(for: "GetUser").count == 2)

        await #expect(throws: (any Error).self) { try await client.send(confirm) }
        #expect(await transport.requests(for: "ConfirmSignUp").count == 1)
    }

    @Test("a 429 page without a service error type is retried for every operation")
    func bare429() async throws {
        let transport = MockTransport()
        await transport.enqueue(.http(status: .tooManyRequests, body: "Slow down"), .json("{}"), for: "ConfirmSignUp")
        _ = try await makeClient(transport).send(confirm)
        #expect(await transport.requests.count == 2)
    }

    @Test(
        "an oversized body and unknown transport errors are not retried",
        arguments: [
            HTTPTransportError.bodyTooLarge(limit: 10) as any Error, URLError(.unknown) as any Error,
        ])
    func notTransient(error: any Error) async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .failure(error) }
        await #expect(throws: (any Error).self) { try await makeClient(transport).send(getUser) }
        #expect(await transport.requests.count == 1)
    }

    @Test("waits double from baseDelay, are capped at maxDelay and scaled by the jitter")
    func backoffBounds() async throws {
        let policy = RetryPolicy(
            maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .milliseconds(350),
            maxTotalDelay: .seconds(60))
        for (unitRandom, expected) in [
            (1.0, [100, 200, 350, 350, 350]), (0.5, [50, 100, 175, 175, 175]), (0.0, [0, 0, 0, 0, 0]),
        ] {
            let transport = MockTransport()
            await transport.setHandler(for: "GetUser") { _ in .serviceError("TooManyRequestsException") }
            let sleeps = SleepRecorder()
            await #expect(throws: CognitoServiceError.tooManyRequests) {
                try await makeClient(transport, retryPolicy: policy, unitRandom: unitRandom, sleeps: sleeps).send(
                    getUser)
            }
            #expect(await sleeps.delays == expected.map { .milliseconds($0) })
            #expect(await transport.requests.count == 6)
        }
    }

    @Test("retrying stops before the total wait would pass maxTotalDelay")
    func totalDelayBound() async throws {
        let policy = RetryPolicy(
            maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(1), maxTotalDelay: .seconds(2.5))
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .serviceError("TooManyRequestsException") }
        let sleeps = SleepRecorder()
        await #expect(throws: CognitoServiceError.tooManyRequests) {
            try await makeClient(transport, retryPolicy: policy, sleeps: sleeps).send(getUser)
        }
        #expect(await sleeps.delays == [.seconds(1), .seconds(1)])
        #expect(await transport.requests.count == 3)
    }

    @Test("RetryPolicy.none makes one attempt")
    func noRetries() async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .serviceError("TooManyRequestsException") }
        await #expect(throws: CognitoServiceError.tooManyRequests) {
            try await makeClient(transport, retryPolicy: .none).send(getUser)
        }
        #expect(await transport.requests.count == 1)
    }

    @Test("the wait ceiling saturates at maxDelay for large retry numbers")
    func ceilingSaturates() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(2))
        #expect(policy.delayCeiling(beforeRetry: 1) == .milliseconds(100))
        #expect(policy.delayCeiling(beforeRetry: 5) == .milliseconds(1600))
        #expect(policy.delayCeiling(beforeRetry: 6) == .seconds(2))
        #expect(policy.delayCeiling(beforeRetry: 10_000) == .seconds(2))
    }
}

@Suite("Cancellation stops a call and its retries")
struct CancellationTests {
    private let getUser = GetUserRequest(accessToken: "token")

    @Test("cancelling during the transport's latency throws CancellationError and sends nothing more")
    func duringLatency() async throws {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let transport = MockTransport(sleep: { delay in
            signal.yield()
            try await Task.sleep(for: delay)
        })
        await transport.setHandler(for: "GetUser") { _ in
            MockResponse.serviceError("TooManyRequestsException").delayed(by: .seconds(3600))
        }
        let client = makeClient(transport)
        let call = Task { try await client.send(getUser) }
        for await _ in started { break }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(await transport.requests.count == 1)
    }

    @Test("cancelling during a backoff wait throws CancellationError without another attempt")
    func duringBackoff() async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .serviceError("TooManyRequestsException") }
        let (waiting, signal) = AsyncStream<Void>.makeStream()
        let client = CognitoServiceClient(
            endpoint: ServiceEndpoint(region: "us-east-1"), transport: transport,
            sleep: { _ in
                signal.yield()
                try await Task.sleep(for: .seconds(3600))
            })
        let call = Task { try await client.send(getUser) }
        for await _ in waiting { break }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(await transport.requests.count == 1)
    }

    @Test("a call from an already cancelled task sends nothing")
    func alreadyCancelled() async throws {
        let transport = MockTransport()
        await transport.setHandler(for: "GetUser") { _ in .json("{}") }
        let client = makeClient(transport)
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(getUser)
        }
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(await transport.requests.isEmpty)
    }
}

@Suite("RetryPolicy's limits stay within their clamps")
struct RetryPolicyClampTests {
    @Test("Made or set out of range, each limit is clamped")
    func clamps() {
        var policy = RetryPolicy(
            maxAttempts: 0, baseDelay: .seconds(-1), maxDelay: .seconds(600),
            maxTotalDelay: .seconds(-5))
        #expect(policy.maxAttempts == 1)
        #expect(policy.baseDelay == .zero)
        #expect(policy.maxDelay == .seconds(60))
        #expect(policy.maxTotalDelay == .zero)
        policy.maxAttempts = -3
        #expect(policy.maxAttempts == 1)
        policy.maxAttempts = 1_000
        #expect(policy.maxAttempts == 10)
        policy.maxTotalDelay = .seconds(86_400)
        #expect(policy.maxTotalDelay == .seconds(300))
        policy.baseDelay = .milliseconds(250)
        #expect(policy.baseDelay == .milliseconds(250))
    }
}
