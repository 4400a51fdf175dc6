import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession

/// One row of the table of refresh answers (RefreshAnswer, CognitoSession.docc/Security.md).
struct RefreshRow: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String?
    let status: HTTPResponse.Status
    let clearsTokens: Bool
    var testDescription: String { "\(name): \(message ?? "-") → \(clearsTokens ? "cleared" : "kept")" }
}

@Suite("A refresh clears tokens only when the refresh token itself is dead")
struct RefreshFailureTests {
    static let rows: [RefreshRow] = [
        RefreshRow(
            name: "NotAuthorizedException", message: "Refresh Token has expired", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "NotAuthorizedException", message: "Invalid Refresh Token", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "NotAuthorizedException", message: "Refresh Token has been revoked", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "NotAuthorizedException", message: "User is disabled.", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "UserNotFoundException", message: "User does not exist.", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "PasswordResetRequiredException", message: "Password reset required for the user",
            status: .badRequest, clearsTokens: true),
        RefreshRow(
            name: "UserNotConfirmedException", message: "User is not confirmed.", status: .badRequest,
            clearsTokens: true),
        RefreshRow(
            name: "RefreshTokenReuseException", message: "Refresh token has been reused",
            status: .badRequest, clearsTokens: true),
        RefreshRow(
            name: "NotAuthorizedException",
            message: "Client mock-client is configured for secret but secret was not received",
            status: .badRequest, clearsTokens: false),
        RefreshRow(
            name: "NotAuthorizedException", message: "Unable to verify secret hash for client mock-client",
            status: .badRequest, clearsTokens: false),
        RefreshRow(
            name: "NotAuthorizedException", message: "SecretHash does not match for the client: mock-client",
            status: .badRequest, clearsTokens: false),
        RefreshRow(
            name: "TooManyRequestsException", message: "Rate exceeded", status: .badRequest,
            clearsTokens: false),
        RefreshRow(name: "InternalErrorException", message: nil, status: .internalServerError, clearsTokens: false),
        RefreshRow(
            name: "InvalidParameterException", message: "Refresh Token flow not enabled",
            status: .badRequest, clearsTokens: false),
        RefreshRow(
            name: "ResourceNotFoundException", message: "User pool client does not exist",
            status: .badRequest, clearsTokens: false),
        RefreshRow(
            name: "LimitExceededException", message: "Attempt limit exceeded", status: .badRequest,
            clearsTokens: false),
    ]

    @Test("Each answer of the table clears or keeps the stored tokens, never the device keys", arguments: rows)
    func row(_ row: RefreshRow) async throws {
        let fixture = try await MockSessionFixture()
        let before = try await fixture.items()
        await fixture.mock.enqueue(
            .serviceError(row.name, message: row.message, status: row.status),
            for: "InitiateAuth")
        let thrown = await #expect(throws: (any Error).self) { try await fixture.alice.getSession() }
        let after = try await fixture.items()
        let keys = fixture.keys
        if row.clearsTokens {
            #expect(after[keys.refreshToken(username: "alice")] == nil)
            #expect(after[keys.accessToken(username: "alice")] == nil)
            #expect((thrown as? CognitoServiceError)?.name == row.name)
        } else {
            #expect(after == before)
        }
        // Whatever the answer: device keys and the other user stay.
        for key in [
            keys.deviceKey(username: "alice"), keys.randomPasswordKey(username: "alice"),
            keys.deviceGroupKey(username: "alice"),
        ]
            + ["bob"].flatMap({
                [
                    keys.refreshToken(username: $0), keys.accessToken(username: $0), keys.deviceKey(username: $0),
                ]
            })
        {
            #expect(after[key] == before[key], "\(key)")
        }
        let error = CognitoServiceError(name: row.name, message: row.message, statusCode: Int(row.status.code))
        let expected: RefreshAnswer =
            row.clearsTokens
            ? .refreshTokenDead
            : (row.message?.contains("ecret") == true ? .misconfiguredClient : .other)
        #expect(RefreshAnswer(error) == expected)
    }

    @Test("A refused client secret is a configuration error naming the client, and keeps every key")
    func secretAnswersAreConfigurationErrors() async throws {
        for row in Self.rows where row.message?.lowercased().contains("secret") == true {
            let fixture = try await MockSessionFixture()
            await fixture.mock.enqueue(.serviceError(row.name, message: row.message), for: "InitiateAuth")
            let error = await #expect(throws: CognitoConfigurationError.self) { try await fixture.alice.getSession() }
            #expect(error == .clientSecretRejected)
            #expect(error?.clientId == MockSessionFixture.clientId)
            #expect(error?.description.contains("clientSecret") == true)
        }
    }

    @Test("Timeouts and dropped connections keep every key")
    func transportFailuresKeepKeys() async throws {
        for failure in [HTTPTransportError.timedOut, .connectionFailed] {
            let fixture = try await MockSessionFixture()
            let before = try await fixture.items()
            await fixture.mock.enqueue(.failure(failure), for: "InitiateAuth")
            await #expect(throws: HTTPTransportError.self) { try await fixture.alice.getSession() }
            #expect(try await fixture.items() == before)
        }
    }

    @Test("Without its secret, a secret client's session is kept; given the secret, the same tokens refresh")
    func missingSecretThenRightSecret() async throws {
        let fixture = try await PoolFixture(secret: true)
        try await fixture.signIn()
        fixture.clock.advance(by: 3601)
        let before = await fixture.storedItems()
        for secret in [nil, "not-the-secret"] as [String?] {
            let misconfigured = try CognitoUserPool(
                userPoolId: fixture.local.userPoolId, clientId: fixture.client.id, clientSecret: secret,
                endpoint: nil, storage: fixture.storage, transport: fixture.local, clock: fixture.clock,
                logger: nil, retryPolicy: .none, refreshTokenRotation: false, deviceName: "test",
                retrySleep: { _ in })
            let error = await #expect(throws: CognitoConfigurationError.self) {
                try await misconfigured.user(named: "alice").getSession()
            }
            #expect(error == .clientSecretRejected)
            #expect(await fixture.storedItems() == before)
        }
        let session = try await fixture.pool.user(named: "alice").getSession()
        #expect(session.isValid())
        #expect(await fixture.refreshRequests().count == 3)
    }
}
