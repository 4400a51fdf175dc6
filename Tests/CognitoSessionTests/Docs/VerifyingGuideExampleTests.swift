// Drives the Hummingbird middleware of CognitoSession.docc/Verifying.md through its router, without a socket.
import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Testing

@Suite("CognitoSession.docc/Verifying.md Hummingbird middleware")
struct VerifyingGuideExampleTests {
    /// A LocalUserPool user's access token, and a verifier of the pool's access tokens for `clientId`.
    static func setUp(clientId: String = "my-app") async throws -> (token: String, verifier: CognitoJWTVerifier) {
        let local = try LocalUserPool()
        let client = try await local.addClient(id: "my-app")
        try await local.createUser(username: "alice", password: "Correct-Horse-1")
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil, endpoint: nil,
            storage: MemoryStorage(), transport: local)
        let step = try await pool.user(named: "alice").authenticateUser(
            AuthenticationDetails(username: "alice", password: "Correct-Horse-1"))
        guard case .signedIn(let session, _) = step else { throw CancellationError() }
        let keys = MockTransport()
        await keys.setHandler(for: "") { _ in .http(status: .ok, body: String(decoding: local.jwks, as: UTF8.self)) }
        let verifier = CognitoJWTVerifier(
            userPoolId: local.userPoolId, clientId: clientId, tokenUse: .access, issuer: local.issuer,
            jwksURL: URL(string: local.issuer + "/.well-known/jwks.json")!, transport: keys)
        return (session.accessToken.jwtToken, verifier)
    }

    /// `GET /me` through the article's router, with `authorization` as the header when given.
    static func get(
        _ verifier: CognitoJWTVerifier, authorization: String?
    ) async throws -> (status: HTTPResponse.Status, challenge: String?, body: String) {
        let responder = makeRouter(verifier: verifier).buildResponder()
        var fields = HTTPFields()
        if let authorization { fields[.authorization] = authorization }
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/me", headerFields: fields),
            body: RequestBody(buffer: ByteBuffer()))
        let context = AuthenticatedContext(
            source: ApplicationRequestContextSource(
                channel: EmbeddedChannel(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        let response = try await responder.respond(to: request, context: context)
        let collector = Collector()
        try await response.body.write(collector)
        return (response.status, response.headers[.wwwAuthenticate], String(buffer: collector.buffer))
    }

    @Test("A valid access token reaches the route, whose context holds the verified claims")
    func validToken() async throws {
        let (token, verifier) = try await Self.setUp()
        let answer = try await Self.get(verifier, authorization: "Bearer \(token)")
        #expect(answer.status == .ok)
        #expect(answer.body == "alice")
        #expect(answer.challenge == nil)
    }

    @Test("A tampered token, or one for another client, is answered 401 with error=\"invalid_token\"")
    func invalidTokens() async throws {
        let (token, verifier) = try await Self.setUp()
        let tampered = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
        let refused = try await Self.get(verifier, authorization: "Bearer \(tampered)")
        #expect(refused.status == .unauthorized)
        #expect(refused.challenge == #"Bearer error="invalid_token""#)
        #expect(refused.body.isEmpty)

        let (otherToken, otherVerifier) = try await Self.setUp(clientId: "another-app")
        let wrongClient = try await Self.get(otherVerifier, authorization: "Bearer \(otherToken)")
        #expect(wrongClient.status == .unauthorized)
        #expect(wrongClient.challenge == #"Bearer error="invalid_token""#)
    }

    @Test("No Authorization header, or another scheme, is answered 401 with a bare Bearer challenge")
    func missingCredentials() async throws {
        let (token, verifier) = try await Self.setUp()
        for authorization in [nil, "Basic YWxpY2U6cHc=", token] {
            let answer = try await Self.get(verifier, authorization: authorization)
            #expect(answer.status == .unauthorized)
            #expect(answer.challenge == "Bearer")
        }
    }

    @Test("The article's middleware example is VerifyingGuideMiddleware.swift, character for character")
    func articleMatchesTheCompiledCode() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let source = try String(
            contentsOf: tests.appendingPathComponent("VerifyingGuideMiddleware.swift"), encoding: .utf8)
        let article = try String(
            contentsOf: tests.appendingPathComponent(
                "../../../Sources/CognitoSession/CognitoSession.docc/Verifying.md"),
            encoding: .utf8)
        let code = try #require(source.range(of: "import CognitoSession\n")).lowerBound
        let example = "```swift\n" + source[code...] + "```\n"
        #expect(article.contains(example))
    }
}

/// Collects a response body (a class: the body consumes the writer it is given).
final class Collector: ResponseBodyWriter {
    var buffer = ByteBuffer()
    func write(_ buffer: ByteBuffer) async throws { self.buffer.writeImmutableBuffer(buffer) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
