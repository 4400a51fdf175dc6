import Foundation
import HTTPTypes
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

/// Every value that holds a secret shows none of it through `dump`, `String(reflecting:)` or
/// interpolation, and still shows its non-secret fields.
@Suite("dump() and Mirror show no secret")
struct RedactionTests {
    static let password = "hunter2-PASSWORD-secret"
    static let newPassword = "new-PASSWORD-secret-42"
    static let secretHash = "SECRET-HASH-c2VjcmV0"
    static let clientSecret = "CLIENT-SECRET-abcdef0123456789"
    static let session = "CHALLENGE-SESSION-AYABeBq"
    static let refresh = "REFRESH-TOKEN-eyJjdHkiOiJKV1Qi"
    static let srpA = "SRP-A-0f3c9e"
    static let claim = "CLAIM-SIGNATURE-qPz8"
    static let code = "CODE-918273"
    static let devicePassword = "DEVICE-PASSWORD-6f2a"
    static let groupKey = "DEVICE-GROUP-KEY-77"
    static let access = TestJWT.accessToken(exp: 1_700_003_600, iat: 1_700_000_000)
    static let id = TestJWT.idToken(exp: 1_700_003_600, iat: 1_700_000_000)

    /// The texts a value can be shown as.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [dumped, String(reflecting: value), "\(value)"]
    }

    /// Asserts no secret (nor any long piece of a token) is shown, and the dump still shows `shown`.
    static func expectRedacted(
        _ value: Any, secrets: [String], shown: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let texts = renderings(value)
        let pieces = secrets.flatMap { secret in
            [secret] + secret.split(separator: ".").filter { $0.count >= 8 }.map(String.init)
        }
        for text in texts {
            for piece in pieces {
                #expect(!text.contains(piece), "shows a secret: \(text.prefix(2000))", sourceLocation: sourceLocation)
            }
        }
        for name in shown {
            #expect(texts[0].contains(name), "dump lacks \(name): \(texts[0])", sourceLocation: sourceLocation)
        }
        #expect(texts[0].contains(Redaction.marker), "dump marks nothing redacted", sourceLocation: sourceLocation)
    }

    /// The child `label` of the value's mirror is shown as `<redacted>`.
    static func expectRedactedChild(
        _ value: Any, _ labels: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let children = Mirror(reflecting: value).children
        for label in labels {
            let child = children.first { $0.label == label }?.value
            #expect(child.map { "\($0)" } == Redaction.marker, "\(label)", sourceLocation: sourceLocation)
        }
    }

    static func makeSession() throws -> CognitoUserSession {
        CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: id), accessToken: try CognitoAccessToken(jwtToken: access),
            refreshToken: CognitoRefreshToken(token: refresh), clockDrift: 3)
    }

    // MARK: - Tokens and sessions

    @Test("Tokens and the session")
    func tokens() throws {
        Self.expectRedacted(
            try CognitoAccessToken(jwtToken: Self.access), secrets: [Self.access],
            shown: ["alice", "expiration"])
        Self.expectRedacted(try CognitoIdToken(jwtToken: Self.id), secrets: [Self.id], shown: ["expiration"])
        Self.expectRedacted(CognitoRefreshToken(token: Self.refresh), secrets: [Self.refresh], shown: ["token"])
        Self.expectRedacted(
            try Self.makeSession(), secrets: [Self.access, Self.id, Self.refresh],
            shown: ["clockDrift", "alice"])
        Self.expectRedacted(try JWT(Self.access), secrets: [Self.access], shown: ["expiration"])
        Self.expectRedacted(
            AuthenticationStep.signedIn(session: try Self.makeSession(), userConfirmationNecessary: false),
            secrets: [Self.access, Self.id, Self.refresh], shown: ["signedIn"])
    }

    // MARK: - Pool, user, details, storage

    @Test("Pool, user, sign-in details, stored device and memory storage")
    func poolAndUser() async throws {
        let storage = MemoryStorage()
        try await storage.setItem("k", value: Self.refresh)
        let pool = try CognitoUserPool(
            userPoolId: "us-east-1_AbC123", clientId: "client-id", clientSecret: Self.clientSecret, endpoint: nil,
            storage: storage, transport: MockTransport())
        Self.expectRedacted(pool, secrets: [Self.clientSecret], shown: ["us-east-1_AbC123", "client-id"])
        Self.expectRedacted(storage, secrets: [Self.refresh], shown: ["items"])

        let user = pool.user(named: "alice")
        let session = try Self.makeSession()
        user.state.withLock {
            $0.session = session
            $0.challenge = CognitoUser.Challenge(name: .smsMFA, session: Self.session, responder: "alice")
        }
        Self.expectRedacted(
            user, secrets: [Self.access, Self.id, Self.refresh, Self.session, Self.clientSecret],
            shown: ["alice", "SMS_MFA", "us-east-1_AbC123"])

        Self.expectRedacted(
            AuthenticationDetails(
                username: "alice", password: Self.password, validationData: ["v": Self.code],
                clientMetadata: ["m": Self.secretHash], authParameters: ["ANSWER": Self.claim]),
            secrets: [Self.password, Self.code, Self.secretHash, Self.claim], shown: ["alice", "ANSWER"])

        Self.expectRedacted(
            StoredDevice(
                deviceKey: "us-east-1_device-key", deviceGroupKey: Self.groupKey,
                randomPassword: Self.devicePassword),
            secrets: [Self.devicePassword, Self.groupKey], shown: ["us-east-1_device-key"])

        Self.expectRedacted(
            AppClientCredentials(clientId: "client-id", clientSecret: Self.clientSecret),
            secrets: [Self.clientSecret], shown: ["client-id"])
        Self.expectRedacted(
            PendingRevocation(token: Self.refresh, since: Date(timeIntervalSince1970: 1_767_225_600)),
            secrets: [Self.refresh], shown: ["1767225600"])
    }

    // MARK: - SRP and crypto

    @Test("SRP helper, big numbers and the device verifier")
    func srp() throws {
        let smallA = try BigNumber(hexadecimal: "a1b2c3d4e5f60718293a4b5c6d7e8f90")
        let helper = try AuthenticationHelper(poolName: "AbC123", smallA: smallA)
        Self.expectRedacted(
            helper, secrets: [smallA.hexString, helper.srpA, String(helper.srpA.prefix(16))],
            shown: ["AbC123"])
        Self.expectRedactedChild(helper, ["smallA", "largeA"])
        Self.expectRedacted(smallA, secrets: [smallA.hexString], shown: ["bitCount"])
        Self.expectRedactedChild(smallA, ["value"])

        let verifier = try DeviceVerifier(deviceGroupKey: Self.groupKey, deviceKey: "us-east-1_device-key")
        Self.expectRedacted(
            verifier, secrets: [verifier.randomPassword, verifier.salt, verifier.passwordVerifier],
            shown: ["randomPassword"])
        Self.expectRedacted(
            DeviceSecretVerifierConfig(passwordVerifier: verifier.passwordVerifier, salt: verifier.salt),
            secrets: [verifier.passwordVerifier, verifier.salt], shown: ["passwordVerifier"])
    }

    @Test("The in-process pool, its clients, messages, challenges and SRP server")
    func localUserPool() async throws {
        let local = try LocalUserPool(userPoolId: "us-east-1_Redact1")
        let client = try await local.addClient(id: "app-client", generateSecret: true)
        let secret = try #require(client.secret)
        try await local.createUser(username: "alice", password: Self.password)
        Self.expectRedacted(local, secrets: [secret, Self.password], shown: ["us-east-1_Redact1"])
        Self.expectRedacted(client, secrets: [secret], shown: ["app-client"])
        Self.expectRedacted(
            LocalUserPool.SentMessage(username: "alice", purpose: .signUp, medium: "EMAIL", code: Self.code),
            secrets: [Self.code], shown: ["alice", "EMAIL"])
        Self.expectRedacted(
            LocalUserPool.CustomChallenge(
                publicParameters: ["question": "2+2"],
                privateParameters: ["answer": Self.code]),
            secrets: [Self.code], shown: ["question", "answer"])

        let salt = try BigNumber(hexadecimal: "0badc0ffee")
        let stored = try SRPServer.Verifier(poolName: "Redact1", username: "alice", password: Self.password, salt: salt)
        let server = try SRPServer(verifier: stored)
        Self.expectRedacted(stored, secrets: [stored.verifier.hexString, Self.password], shown: ["salt"])
        Self.expectRedactedChild(stored, ["salt", "verifier"])
        Self.expectRedacted(server, secrets: [server.largeB.hexString, stored.verifier.hexString], shown: ["smallB"])
        Self.expectRedactedChild(server, ["verifier", "smallB", "largeB"])
    }
}

@Suite("The mock transport's records show no secret")
struct MockTransportRedactionTests {
    @Test("Recorded requests, scripted responses and the transport itself")
    func records() async throws {
        let transport = MockTransport()
        let token = RedactionTests.access
        await transport.enqueue(.json(#"{"AuthenticationResult":{"AccessToken":"\#(token)"}}"#), for: "InitiateAuth")
        var request = HTTPRequest(
            method: .post, scheme: "https", authority: "cognito-idp.us-east-1.amazonaws.com",
            path: "/")
        request.headerFields[HTTPField.Name("X-Amz-Target")!] = "AWSCognitoIdentityProviderService.InitiateAuth"
        let body = Data(#"{"AuthParameters":{"PASSWORD":"\#(RedactionTests.password)"}}"#.utf8)
        _ = try await transport.send(request, body: body)
        let recorded = try #require(await transport.requests.first)
        RedactionTests.expectRedacted(recorded, secrets: [RedactionTests.password], shown: ["InitiateAuth"])
        // Data dumps its bytes one by one ("bytes: 62 elements"); the body's bytes must not be listed.
        #expect(!RedactionTests.renderings(recorded)[0].contains("\(body.count) elements"))
        RedactionTests.expectRedacted(
            MockResponse.json(#"{"AccessToken":"\#(token)"}"#), secrets: [token],
            shown: ["bytes"])
        RedactionTests.expectRedacted(transport, secrets: [token, RedactionTests.password], shown: ["state"])
    }
}
