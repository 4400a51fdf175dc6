import CognitoSessionTesting
import Foundation
import HTTPTypes

@testable import CognitoSession

/// A transport for the OAuth2 endpoints: records every request and answers through a handler routed by path.
actor OAuth2Transport: HTTPTransport {
    typealias Handler = @Sendable (HTTPRequest, Data) async throws -> (HTTPResponse, Data)

    private(set) var requests: [(request: HTTPRequest, body: Data)] = []
    private var handler: Handler

    init(_ handler: @escaping Handler) { self.handler = handler }

    func setHandler(_ handler: @escaping Handler) { self.handler = handler }

    func requests(forPath path: String) -> [(request: HTTPRequest, body: Data)] {
        requests.filter { $0.request.path?.split(separator: "?").first.map(String.init) == path }
    }

    nonisolated func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        let handler = await record(request, body)
        return try await handler(request, body)
    }

    private func record(_ request: HTTPRequest, _ body: Data) -> Handler {
        requests.append((request, body))
        return handler
    }
}

enum OAuth2Fixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let domain = URL(string: "https://example.auth.us-east-1.amazoncognito.com")!
    static let clientId = "client id/1"
    static let secret = "s3cr:et+&=/é"

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> (HTTPResponse, Data) {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return (HTTPResponse(status: status, headerFields: fields), Data(text.utf8))
    }

    static func jwt(_ claims: [String: JSONValue]) -> String {
        func segment(_ value: JSONValue) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return FormEncoding.base64URL(Array(try! encoder.encode(value)))
        }
        return "\(segment(.object(["alg": "none"]))).\(segment(.object(claims))).c2ln"
    }

    static func accessToken(exp: Int, scope: String = "orders/read", jti: String = "a") -> String {
        jwt([
            "sub": "user", "client_id": .string(clientId), "token_use": "access", "scope": .string(scope),
            "exp": .number(Double(exp)), "iat": .number(Double(exp - 3600)), "jti": .string(jti),
        ])
    }

    static func idToken(exp: Int, nonce: String?, aud: String = clientId) -> String {
        var claims: [String: JSONValue] = [
            "sub": "user", "aud": .string(aud), "token_use": "id", "exp": .number(Double(exp)),
            "iat": .number(Double(exp - 3600)),
        ]
        if let nonce { claims["nonce"] = .string(nonce) }
        return jwt(claims)
    }

    static func tokenAnswer(nonce: String?, refresh: String?, aud: String = clientId, exp: Int? = nil) -> String {
        let exp = exp ?? Int(now.timeIntervalSince1970) + 3600
        var object: [String: JSONValue] = [
            "access_token": .string(accessToken(exp: exp)),
            "id_token": .string(idToken(exp: exp, nonce: nonce, aud: aud)),
            "token_type": "Bearer", "expires_in": 3600,
        ]
        if let refresh { object["refresh_token"] = .string(refresh) }
        return String(decoding: try! JSONEncoder().encode(JSONValue.object(object)), as: UTF8.self)
    }

    static func client(
        secret: String? = OAuth2Fixture.secret, transport: OAuth2Transport, clock: ManualClock = ManualClock(now: now),
        retryPolicy: RetryPolicy = .none, verifier: String? = nil, unitRandom: Double = 0
    ) throws -> CognitoOAuth2Client {
        try CognitoOAuth2Client(
            domain: domain, clientId: clientId, clientSecret: secret, transport: transport,
            configuration: .init(clock: clock, retryPolicy: retryPolicy, renewalMargin: 300, renewalJitter: 60),
            sleep: { _ in }, unitRandom: { unitRandom },
            makeVerifier: { try verifier ?? CognitoOAuth2Client.randomVerifier() })
    }

    /// The form body as name → value (decoded).
    static func form(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    static func query(_ url: URL) -> [String: String] {
        var fields: [String: String] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems ?? [] {
            fields[item.name] = item.value?.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return fields
    }
}

/// Opens once, for every waiter.
actor OAuth2Gate {
    private var open = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if open { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        open = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
