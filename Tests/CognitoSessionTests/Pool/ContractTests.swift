import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Testing

/// The Contract of DESIGN.md, line for line, through public API only (no @testable import).
@Suite("The design Contract compiles and behaves, through public API only")
struct ContractTests {
    struct Recording: HTTPTransport {
        let base: any HTTPTransport
        func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
            try await base.send(request, body: body)
        }
    }

    @Test("The Contract's calls, against LocalUserPool through a user-written transport")
    func contract() async throws {
        _ = try CognitoUserPool(
            userPoolId: "us-east-1_AbC123", clientId: "client-id", clientSecret: nil, endpoint: nil,
            storage: MemoryStorage(), transport: URLSessionTransport())
        #expect(throws: (any Error).self) {
            try CognitoUserPool(
                userPoolId: "malformed", clientId: "client-id", clientSecret: nil, endpoint: nil,
                storage: MemoryStorage(), transport: URLSessionTransport())
        }

        let local = try LocalUserPool(userPoolId: "us-east-1_AbC123")
        let client = try await local.addClient(id: "client-id")
        try await local.createUser(username: "alice", password: "correct horse")
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_AbC123", clientId: client.id, clientSecret: nil, endpoint: nil,
            storage: MemoryStorage(), transport: Recording(base: local))
        let user = pool.user(named: "alice")
        #expect(CognitoUser(username: "alice", pool: pool).username == user.username)
        let before: CognitoUser? = try await pool.currentUser()
        #expect(before == nil)

        let step: AuthenticationStep = try await user.authenticateUser(
            AuthenticationDetails(username: "alice", password: "correct horse"))
        switch step {
        case .signedIn(let session, let userConfirmationNecessary):
            #expect(session.isValid() && !userConfirmationNecessary)
        case .newPasswordRequired(let userAttributes, let requiredAttributes):
            Issue.record("unexpected challenge \(userAttributes) \(requiredAttributes)")
        case .mfaRequired, .totpRequired, .selectMFAType, .mfaSetup, .customChallenge:
            Issue.record("unexpected challenge")
        case .selectChallenge, .passwordRequired, .emailOTPRequired, .smsOTPRequired, .webAuthnRequired:
            Issue.record("unexpected USER_AUTH step")
        }
        let last: CognitoUser? = try await pool.currentUser()
        #expect(last?.username == "alice")

        let session = try await user.getSession()
        let access: String = session.accessToken.jwtToken
        let id: String = session.idToken.jwtToken
        let refresh: String = session.refreshToken.token
        let expiration: Date = session.accessToken.expiration
        #expect(!access.isEmpty && !id.isEmpty && !refresh.isEmpty && expiration > Date())
        #expect(session.isValid())

        try await user.signOut()
        _ = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: "correct horse"))
        try await user.globalSignOut()

        let file = FileStorage(fileURL: URL(fileURLWithPath: "/path/to/sessions.json"))
        _ = file
        let memory = MemoryStorage()
        try await memory.setItem("key", value: "value")
        let value: String? = try await memory.getItem("key")
        #expect(value == "value")
        try await memory.removeItem("key")
        #expect(try await memory.getItem("key") == nil)
        try await memory.setItem("other", value: "x")
        try await memory.clear()
        #expect(try await memory.getItem("other") == nil)
    }

    @Test("Service errors keep the exception name and message, readable from the error and its description")
    func serviceErrors() async throws {
        let local = try LocalUserPool(userPoolId: "us-east-1_AbC123")
        let client = try await local.addClient(id: "client-id")
        try await local.createUser(username: "alice", password: "correct horse")
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_AbC123", clientId: client.id, clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: local)
        do {
            _ = try await pool.user(named: "alice").authenticateUser(
                AuthenticationDetails(username: "alice", password: "wrong"))
            Issue.record("a wrong password signed in")
        } catch let error as CognitoServiceError {
            #expect(error.name == "NotAuthorizedException")
            #expect(error.message == "Incorrect username or password.")
            #expect(String(describing: error).contains("NotAuthorizedException: Incorrect username or password."))
            #expect(!String(describing: error).contains("wrong"))
        }
    }
}
