import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

/// Domains, resource servers and the OAuth fields of app clients through the wire API of LocalCognito, the
/// domain routed by host, and what a snapshot keeps of them.
@Suite("LocalCognito: domains, resource servers and OAuth clients")
struct LocalCognitoOAuth2Tests {
    static func call(
        _ cognito: LocalCognito, _ operation: String, _ body: [String: Any]
    ) async throws -> (status: Int, json: [String: Any]) {
        try await LocalCognitoTests.call(cognito, operation, body)
    }

    @Test("CreateUserPoolDomain and CreateResourceServer; clients checked as the service does; the domain by host")
    func administration() async throws {
        let clock = ManualClock(secondsSince1970: 1_767_225_600)
        let cognito = LocalCognito(clock: clock)
        let first = try await cognito.addPool(id: "us-east-1_OAuthOne1")
        let second = try await cognito.addPool(id: "us-east-1_OAuthTwo1")
        let created = try await Self.call(
            cognito, "CreateUserPoolDomain", ["Domain": "shop", "UserPoolId": first.userPoolId])
        #expect(created.status == 200)
        let taken = try await Self.call(
            cognito, "CreateUserPoolDomain", ["Domain": "shop", "UserPoolId": second.userPoolId])
        #expect(taken.json["__type"] as? String == "InvalidParameterException")
        let invalid = try await Self.call(
            cognito, "CreateUserPoolDomain", ["Domain": "Bad_Prefix", "UserPoolId": second.userPoolId])
        #expect(invalid.json["__type"] as? String == "InvalidParameterException")
        let described = try await Self.call(cognito, "DescribeUserPoolDomain", ["Domain": "shop"])
        let description = try #require(described.json["DomainDescription"] as? [String: Any])
        #expect(
            description["UserPoolId"] as? String == first.userPoolId && description["Status"] as? String == "ACTIVE")
        let unknown = try await Self.call(cognito, "DescribeUserPoolDomain", ["Domain": "nowhere"])
        #expect((unknown.json["DomainDescription"] as? [String: Any])?.isEmpty == true)

        let server = try await Self.call(
            cognito, "CreateResourceServer",
            [
                "UserPoolId": first.userPoolId, "Identifier": "orders", "Name": "Orders",
                "Scopes": [["ScopeName": "read", "ScopeDescription": "Read"]],
            ])
        #expect((server.json["ResourceServer"] as? [String: Any])?["Identifier"] as? String == "orders")
        let listed = try await Self.call(
            cognito, "ListResourceServers", ["UserPoolId": first.userPoolId, "MaxResults": 10])
        #expect((listed.json["ResourceServers"] as? [[String: Any]])?.count == 1)

        let base: [String: Any] = [
            "UserPoolId": first.userPoolId, "ClientName": "m2m", "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["orders/read"],
        ]
        let refusals: [([String: Any], String)] = [
            ([:], "InvalidOAuthFlowException"),  // no secret
            (["GenerateSecret": true, "AllowedOAuthScopes": ["orders/write"]], "ScopeDoesNotExistException"),
            (
                ["GenerateSecret": true, "AllowedOAuthFlows": ["client_credentials", "code"]],
                "InvalidOAuthFlowException"
            ),
            (
                [
                    "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
                    "CallbackURLs": ["http://app.example.com/callback"],
                ], "InvalidParameterException"
            ),
            (["AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"]], "InvalidParameterException"),
        ]
        for (changes, expected) in refusals {
            let answer = try await Self.call(
                cognito, "CreateUserPoolClient", base.merging(changes) { $1 })
            #expect(answer.json["__type"] as? String == expected, "\(changes)")
        }
        let made = try await Self.call(cognito, "CreateUserPoolClient", base.merging(["GenerateSecret": true]) { $1 })
        let client = try #require(made.json["UserPoolClient"] as? [String: Any])
        #expect(client["AllowedOAuthFlows"] as? [String] == ["client_credentials"])
        let oauth = try CognitoOAuth2Client(
            domain: URL(string: "https://shop.auth.us-east-1.amazoncognito.com")!,
            clientId: try #require(client["ClientId"] as? String), clientSecret: client["ClientSecret"] as? String,
            transport: cognito, configuration: .init(clock: clock, retryPolicy: .none))
        let token = try await oauth.clientCredentials(scopes: ["orders/read"])
        #expect(token.payload["iss"]?.stringValue == first.issuer)
        let elsewhere = try CognitoOAuth2Client(
            domain: URL(string: "https://other.auth.us-east-1.amazoncognito.com")!, clientId: "x", clientSecret: nil,
            transport: cognito, configuration: .init(clock: clock, retryPolicy: .none))
        await #expect(throws: CognitoOAuth2Error.self) { _ = try await elsewhere.clientCredentials(scopes: []) }
    }

    @Test("A snapshot keeps the domain, the resource servers and the scopes of a hosted-UI refresh token")
    func snapshot() async throws {
        let clock = ManualClock(secondsSince1970: 1_767_225_600)
        let cognito = LocalCognito(clock: clock)
        let pool = try await cognito.addPool(id: "us-east-1_OAuthSnap1")
        try await pool.setDomain("snap")
        await pool.addResourceServer(.init(identifier: "orders", name: "Orders", scopes: ["read": "Read"]))
        let callback = URL(string: "http://localhost:8765/callback")!
        try await pool.addClient(
            id: "web", allowedOAuthFlows: ["code"], allowedOAuthScopes: ["openid", "orders/read"],
            callbackURLs: [callback.absoluteString])
        try await pool.createUser(username: "alice", password: "Correct-h0rse")
        let domain = URL(string: "https://snap.auth.us-east-1.amazoncognito.com")!
        let oauth = try CognitoOAuth2Client(
            domain: domain, clientId: "web", clientSecret: nil, transport: cognito,
            configuration: .init(clock: clock, retryPolicy: .none))
        let authorization = try oauth.authorization(redirectURI: callback, scopes: ["openid", "orders/read"])
        let answer = try await HostedUIBrowser(transport: cognito).signIn(
            at: authorization.url, username: "alice", password: "Correct-h0rse")
        let (code, state, _) = HostedUIBrowser.codeAndState(answer.location)
        let session = try await oauth.exchange(code: try #require(code), state: try #require(state), for: authorization)

        let restored = LocalCognito(clock: clock)
        try await restored.restore(state: try await cognito.state())
        let again = try #require(await restored.pool(id: pool.userPoolId))
        #expect(await again.domain == "snap")
        let servers = try await Self.call(
            restored, "DescribeResourceServer", ["UserPoolId": pool.userPoolId, "Identifier": "orders"])
        #expect((servers.json["ResourceServer"] as? [String: Any])?["Name"] as? String == "Orders")
        let client = try CognitoOAuth2Client(
            domain: domain, clientId: "web", clientSecret: nil, transport: restored,
            configuration: .init(clock: clock, retryPolicy: .none))
        let refreshed = try await client.refresh(session.refreshToken)
        #expect(refreshed.accessToken.payload["scope"]?.stringValue == "openid orders/read")
    }
}
