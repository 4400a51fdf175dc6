import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("Every error the library throws is a CognitoSessionError with a retryable/terminal classification")
struct ErrorClassificationTests {
    static let cases: [(any CognitoSessionError, retryable: Bool, exception: String?)] = [
        (CognitoServiceError.tooManyRequests, true, "TooManyRequestsException"),
        (CognitoServiceError(name: "InternalErrorException", statusCode: 500), true, "InternalErrorException"),
        (CognitoServiceError.notAuthorized, false, "NotAuthorizedException"),
        (CognitoResponseError.htmlErrorPage.with(operation: "GetUser", statusCode: 502), true, nil),
        (CognitoResponseError.unexpectedShape.with(operation: "GetUser", statusCode: 200), false, nil),
        (HTTPTransportError.timedOut, true, nil),
        (HTTPTransportError.connectionFailed, true, nil),
        (HTTPTransportError.bodyTooLarge, false, nil),
        (CognitoConfigurationError.invalidUserPoolId, false, nil),
        (
            CognitoConfigurationError.clientSecretRejected(
                clientId: "c",
                CognitoServiceError(name: "NotAuthorizedException", message: "Unable to verify secret hash")),
            false, "NotAuthorizedException"
        ),
        (CognitoUserError.notSignedIn, false, nil),
        (StorageError.writeFailed, true, nil),
        (StorageError.lockFailed, true, nil),
        (StorageError.corruptFile, false, nil),
        (StorageError.insecurePermissions, false, nil),
        (TokenError.payloadEncoding, false, nil),
        (SRPError.serverValueIsZero, false, nil),
        (CryptoError.invalidHexadecimal, false, nil),
        (CognitoOAuth2Error.invalidGrant, false, "invalid_grant"),
        (CognitoOAuth2Error.response(error: "server_error", description: nil, statusCode: 500), true, "server_error"),
        (CognitoOAuth2Error.unexpectedResponse(statusCode: 502), true, nil),
        (CognitoOAuth2Error.stateMismatch, false, nil),
    ]

    @Test("isRetryable and serviceExceptionName, type by type")
    func classification() {
        for (error, retryable, exception) in Self.cases {
            #expect(error.isRetryable == retryable, "\(error)")
            #expect(error.serviceExceptionName == exception, "\(error)")
        }
    }

    @Test("A refresh failure is handled in one catch, whatever layer threw it")
    func oneCatch() async throws {
        let fixture = try await MockSessionFixture()
        await fixture.mock.enqueue(.failure(HTTPTransportError.timedOut), for: "InitiateAuth")
        do {
            _ = try await fixture.alice.getSession()
            Issue.record("expected an error")
        } catch let error as any CognitoSessionError {
            #expect(error.isRetryable)
        }
    }

    @Test("Errors compare by kind only, whatever their details")
    func equalityByKind() {
        #expect(StorageError.corruptFile("/a", "x") == StorageError.corruptFile)
        #expect(CognitoUserError.unusableTokens("one") == CognitoUserError.unusableTokens("two"))
        #expect(Set([CryptoError.invalidBase64, .invalidBase64, .valueTooLarge]).count == 2)
        #expect(CognitoUserError.notSignedIn != CognitoUserError.noChallengeInProgress)
    }
}
