import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("CognitoUserPool.Configuration carries everything beyond the Contract's arguments")
struct PoolConfigurationTests {
    @Test("Endpoint, rotation, device name, clock and retry policy from a Configuration reach the pool")
    func configurationReachesThePool() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))
        var configuration = CognitoUserPool.Configuration(clock: clock)
        configuration.endpoint = URL(string: "http://127.0.0.1:9/")
        configuration.refreshTokenRotation = true
        configuration.deviceName = "build-agent"
        configuration.retryPolicy = .none
        let mock = MockTransport()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Config", clientId: "c", clientSecret: nil, storage: MemoryStorage(),
            transport: mock, configuration: configuration)
        #expect(pool.refreshTokenRotation)
        #expect(pool.deviceName == "build-agent")
        #expect(pool.clock.now() == clock.now())
        await mock.enqueue(.serviceError("InternalErrorException", status: .internalServerError), for: "GetUser")
        await #expect(throws: CognitoServiceError.internalError) {
            _ = try await pool.service.send(GetUserRequest(accessToken: "a"))
        }
        let sent = await mock.requests(for: "GetUser")
        #expect(sent.count == 1)  // RetryPolicy.none: no retry
        #expect(sent.first?.request.authority == "127.0.0.1:9")
        #expect(sent.first?.request.scheme == "http")
    }

    @Test("URLSessionTransport takes a URLSessionConfiguration")
    func transportConfiguration() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 2
        let transport = URLSessionTransport(configuration: configuration, requestTimeout: .seconds(5))
        #expect(transport.requestTimeout == .seconds(5))
    }
}
