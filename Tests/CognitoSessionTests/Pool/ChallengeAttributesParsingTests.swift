import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

/// NEW_PASSWORD_REQUIRED's `userAttributes` comes from the service as a JSON string: it is read by
/// the strict linear parser, so hostile nesting costs milliseconds and fails as "no attributes".
@Suite("NEW_PASSWORD_REQUIRED userAttributes through the linear JSON parser")
struct ChallengeAttributesParsingTests {
    static func step(userAttributes: String) async throws -> AuthenticationStep {
        let mock = MockTransport()
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_Attrs", clientId: "cid", clientSecret: nil,
            endpoint: nil, storage: MemoryStorage(), transport: mock)
        let response: [String: Any] = [
            "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "session-1",
            "ChallengeParameters": [
                "USER_ID_FOR_SRP": "carol", "userAttributes": userAttributes,
                "requiredAttributes": "[]",
            ],
        ]
        let body = try JSONSerialization.data(withJSONObject: response)
        await mock.enqueue(.json(String(decoding: body, as: UTF8.self)), for: "InitiateAuth")
        let user = pool.user(named: "carol")
        return try await user.authenticateUser(
            AuthenticationDetails(
                username: "carol", password: "Temporary-1", authenticationFlowType: .userPasswordAuth))
    }

    static func attributes(_ step: AuthenticationStep) -> [String: String]? {
        if case .newPasswordRequired(let attributes, _) = step { attributes } else { nil }
    }

    @Test("Escapes are decoded; unwritable and non-scalar attributes are left out")
    func decodes() async throws {
        let step = try await Self.step(
            userAttributes: #"""
                {"email":"c@example.com","name":"Ca\u0072ol \ud83d\ude00","email_verified":true,"x":[1]}
                """#)
        #expect(Self.attributes(step) == ["email": "c@example.com", "name": "Carol 😀"])
    }

    @Test("Hostile nesting or duplicate keys give no attributes, in milliseconds")
    func hostile() async throws {
        let deep =
            #"{"email":"c@example.com","x":"# + String(repeating: "[", count: 500)
            + String(repeating: "]", count: 500) + "}"
        let deepObjects =
            #"{"email":"c@example.com","x":"# + String(repeating: #"{"a":"#, count: 500) + "1"
            + String(repeating: "}", count: 500) + "}"
        let duplicate = #"{"email":"a@example.com","email":"b@example.com"}"#
        let start = ContinuousClock.now
        for text in [deep, deepObjects, duplicate] {
            #expect(Self.attributes(try await Self.step(userAttributes: text)) == [:])
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
