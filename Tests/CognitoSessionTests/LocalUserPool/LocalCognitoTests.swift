import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

/// LocalCognito in-process: many pools behind one transport, routed by pool id, client id and token issuer.
@Suite("LocalCognito: the registry cognito-session serve puts on HTTP")
struct LocalCognitoTests {
    static func call(
        _ cognito: LocalCognito, _ operation: String, _ body: [String: Any],
        authorization: String? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        var request = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/")
        request.headerFields[HTTPField.Name("X-Amz-Target")!] = "AWSCognitoIdentityProviderService.\(operation)"
        if let authorization { request.headerFields[.authorization] = authorization }
        let (response, data) = try await cognito.send(request, body: try JSONSerialization.data(withJSONObject: body))
        return (response.status.code, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    @Test("The library signs in with SRP in the second of two pools; each operation reaches its own pool")
    func routing() async throws {
        let clock = ManualClock(secondsSince1970: 1_767_225_600)
        let cognito = LocalCognito(clock: clock, issuerBase: "http://127.0.0.1:9229")
        _ = try await cognito.addPool(id: "us-east-1_First0001")
        let second = try await cognito.addPool(id: "us-east-1_Second001")
        let client = try await second.addClient(id: "second-client")
        try await second.createUser(username: "bob", password: "Correct-h0rse")
        #expect(second.issuer == "http://127.0.0.1:9229/us-east-1_Second001")
        let library = try CognitoUserPool(
            userPoolId: second.userPoolId, clientId: client.id, transport: cognito,
            clock: clock)
        let step = try await library.user(named: "bob").authenticateUser(
            AuthenticationDetails(username: "bob", password: "Correct-h0rse"))
        guard case .signedIn(let session, _) = step else { Issue.record("no tokens: \(step)"); return }
        let me = try await Self.call(cognito, "GetUser", ["AccessToken": session.accessToken.jwtToken])
        #expect(me.json["Username"] as? String == "bob")
        let routed = await cognito.requests.map(\.userPoolId)
        #expect(routed.allSatisfy { $0 == "us-east-1_Second001" })
    }

    @Test("CreateUserPool takes the region of the Signature V4 credential scope; bad input gets typed errors")
    func wire() async throws {
        let cognito = LocalCognito(defaultRegion: "us-east-1")
        let signed = "AWS4-HMAC-SHA256 Credential=AKID/20261201/ap-south-1/cognito-idp/aws4_request, Signature=ab"
        let created = try await Self.call(cognito, "CreateUserPool", ["PoolName": "p"], authorization: signed)
        let id = try #require((created.json["UserPool"] as? [String: Any])?["Id"] as? String)
        #expect(id.hasPrefix("ap-south-1_") && id.count == "ap-south-1_".count + 9)
        let cases: [(String, [String: Any], String)] = [
            ("Nope", [:], "UnknownOperationException"),
            ("AdminGetUser", ["Username": "x"], "InvalidParameterException"),
            ("AdminGetUser", ["UserPoolId": "us-east-1_Missing01", "Username": "x"], "ResourceNotFoundException"),
            ("AdminGetUser", ["UserPoolId": 5, "Username": "x"], "SerializationException"),
            ("GetUser", ["AccessToken": "a.b.c"], "NotAuthorizedException"),
            ("InitiateAuth", ["ClientId": "none", "AuthFlow": "USER_SRP_AUTH"], "ResourceNotFoundException"),
        ]
        for (operation, body, expected) in cases {
            let answer = try await Self.call(cognito, operation, body)
            #expect(answer.status == 400 && answer.json["__type"] as? String == expected, "\(operation) \(body)")
        }
    }

    @Test("PreventUserExistenceErrors: an unknown user gets an SRP challenge, then a wrong password's refusal")
    func maskedUnknownUser() async throws {
        let cognito = LocalCognito()
        let created = try await Self.call(cognito, "CreateUserPool", ["PoolName": "p"])
        let poolId = try #require((created.json["UserPool"] as? [String: Any])?["Id"] as? String)
        let client = try await Self.call(
            cognito, "CreateUserPoolClient",
            [
                "UserPoolId": poolId, "ClientName": "c", "PreventUserExistenceErrors": "ENABLED",
            ])
        let clientId = try #require((client.json["UserPoolClient"] as? [String: Any])?["ClientId"] as? String)
        let helper = try AuthenticationHelper(poolName: String(poolId.split(separator: "_")[1]))
        let first = try await Self.call(
            cognito, "InitiateAuth",
            [
                "ClientId": clientId, "AuthFlow": "USER_SRP_AUTH",
                "AuthParameters": ["USERNAME": "nobody", "SRP_A": helper.srpA],
            ])
        #expect(first.json["ChallengeName"] as? String == "PASSWORD_VERIFIER")
        let parameters = try #require(first.json["ChallengeParameters"] as? [String: String])
        let answer = try await Self.call(
            cognito, "RespondToAuthChallenge",
            [
                "ClientId": clientId, "ChallengeName": "PASSWORD_VERIFIER", "Session": first.json["Session"] ?? "",
                "ChallengeResponses": [
                    "USERNAME": "nobody",
                    "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"] ?? "",
                    "TIMESTAMP": "Mon Jan 5 10:00:00 UTC 2026", "PASSWORD_CLAIM_SIGNATURE": "AAAA",
                ],
            ])
        #expect(answer.json["__type"] as? String == "NotAuthorizedException")
        #expect(answer.json["message"] as? String == "Incorrect username or password.")
    }

    @Test("state() and restore(state:) keep users, clients and keys: a token from before still works")
    func stateRoundTrip() async throws {
        let clock = ManualClock(secondsSince1970: 1_767_225_600)
        let cognito = LocalCognito(clock: clock)
        let pool = try await cognito.addPool(id: "us-east-1_Kept00001")
        let client = try await pool.addClient(id: "kept-client", generateSecret: true)
        try await pool.createUser(username: "carol", password: "Correct-h0rse", attributes: ["email": "c@example.com"])
        let library = try CognitoUserPool(
            userPoolId: pool.userPoolId, clientId: client.id, clientSecret: client.secret,
            transport: cognito, clock: clock)
        let step = try await library.user(named: "carol").authenticateUser(
            AuthenticationDetails(username: "carol", password: "Correct-h0rse"))
        guard case .signedIn(let session, _) = step else { Issue.record("no tokens: \(step)"); return }
        let saved = try await cognito.state()
        #expect(!String(decoding: saved, as: UTF8.self).contains("Correct-h0rse"))

        let restored = LocalCognito(clock: clock)
        try await restored.restore(state: saved)
        let me = try await Self.call(restored, "GetUser", ["AccessToken": session.accessToken.jwtToken])
        #expect(me.json["Username"] as? String == "carol")
        let again = try CognitoUserPool(
            userPoolId: pool.userPoolId, clientId: client.id, clientSecret: client.secret,
            transport: restored, clock: clock)
        #expect(try await again.user(named: "carol").refreshSession(session.refreshToken).isValid())
    }
}
