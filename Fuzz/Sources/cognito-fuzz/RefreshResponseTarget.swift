import CognitoSession
import CognitoSessionTesting
import Foundation
import HTTPTypes

/// Target `refresh-response`: `getSession()` on a user whose stored session has expired, with
/// every refresh request answered by a response made from the input.
///
/// Input layout: byte 0 is flags (bit 0: the pool rotates refresh tokens, so the refresh is
/// GetTokensFromRefreshToken, else InitiateAuth REFRESH_TOKEN_AUTH; bit 1: alice has a
/// remembered device; bit 2: the client has a secret; bit 3: alice's stored tokens are garbage
/// rather than expired); byte 1 picks the status (low 4 bits, from ``statuses``) and the
/// content type (bits 4-5); the rest is the body, in which `$A`, `$I` and `$E` become a fresh
/// access token, a fresh ID token and an expired access token. Every attempt (the pool retries
/// twice at most, without waiting) gets the same answer.
///
/// Oracles: no crash; the time bound; bob's keys and an unrelated key are never touched;
/// `LastAuthUser` is alice's or unchanged; after a terminal service error (NotAuthorized,
/// UserNotFound, PasswordResetRequired, UserNotConfirmed, RefreshTokenReuse) alice's tokens are
/// gone and her device keys are byte-identical; after any other error every key of alice's is
/// byte-identical (so is her refresh token, in particular); after a success the stored ID, access
/// and refresh tokens are non-empty and are the session's, and the refresh token is the old one
/// unless the body mentions a `RefreshToken` (or holds an escape).
enum RefreshResponseTarget {
    static let statuses: [Int] = [200, 400, 500, 503, 429, 403, 404, 502, 504, 302, 204, 413, 200, 200, 400, 401]
    static let now = 1_700_000_000
    static let clientId = "fuzzclient"
    static let prefix = "CognitoIdentityServiceProvider.\(clientId)"
    static let terminal: Set<String> = [
        "NotAuthorizedException", "UserNotFoundException", "PasswordResetRequiredException",
        "UserNotConfirmedException", "RefreshTokenReuseException",
    ]
    static let oldRefreshToken = "alice-refresh-token-1"

    static func run(_ bytes: [UInt8]) {
        let flags = bytes.first ?? 0
        let statusByte = bytes.count > 1 ? bytes[1] : 0
        let body = Data(substitute(Array(bytes.dropFirst(2))))
        let status = statuses[Int(statusByte & 0x0f)]
        var headers = HTTPFields()
        switch (statusByte >> 4) & 3 {
        case 0: headers[.contentType] = "application/x-amz-json-1.1"
        case 1: headers[.contentType] = "application/json"
        case 2: headers[.contentType] = "text/html"
        default: break
        }
        if let name = HTTPField.Name("x-amzn-RequestId") { headers[name] = "fuzz-request" }
        let response = MockResponse.http(status: HTTPResponse.Status(code: status), headerFields: headers, body: body)
        let rotation = flags & 1 != 0, device = flags & 2 != 0, secret = flags & 4 != 0, garbage = flags & 8 != 0

        Fuzz.blocking {
            await refresh(
                response: response, body: body, rotation: rotation, device: device, secret: secret,
                garbage: garbage)
        }
    }

    static func substitute(_ body: [UInt8]) -> [UInt8] {
        guard body.contains(UInt8(ascii: "$")) else { return body }
        let replacements: [UInt8: String] = [
            UInt8(ascii: "A"): TestTokens.access(username: "alice", exp: now + 3600, iat: now, jti: "new"),
            UInt8(ascii: "I"): TestTokens.id(username: "alice", exp: now + 3600, iat: now, jti: "new"),
            UInt8(ascii: "E"): TestTokens.access(username: "alice", exp: now - 60, iat: now - 3660, jti: "old"),
        ]
        var out: [UInt8] = []
        var index = 0
        while index < body.count {
            if body[index] == UInt8(ascii: "$"), index + 1 < body.count, let text = replacements[body[index + 1]] {
                out.append(contentsOf: text.utf8)
                index += 2
            } else {
                out.append(body[index])
                index += 1
            }
        }
        return out
    }

    static func userKeys(_ user: String, garbage: Bool = false, device: Bool) -> [String: String] {
        let expired = now - 600
        var keys = [
            "\(prefix).\(user).idToken": garbage
                ? "not.a-token" : TestTokens.id(username: user, exp: expired, iat: expired - 3600),
            "\(prefix).\(user).accessToken": garbage
                ? "x.y.z" : TestTokens.access(username: user, exp: expired, iat: expired - 3600),
            "\(prefix).\(user).refreshToken": user == "alice" ? oldRefreshToken : "\(user)-refresh-token",
            "\(prefix).\(user).clockDrift": "0",
            "\(prefix).\(user).userData": #"{"Username":"\#(user)","UserAttributes":[]}"#,
        ]
        if device {
            keys["\(prefix).\(user).deviceKey"] = "us-east-1_\(user)-device"
            keys["\(prefix).\(user).deviceGroupKey"] = "group-\(user)"
            keys["\(prefix).\(user).randomPasswordKey"] = "random-\(user)"
        }
        return keys
    }

    static func bytes(_ items: [String: String]) -> [[UInt8]: [UInt8]] {
        var out: [[UInt8]: [UInt8]] = [:]
        for (key, value) in items { out[Array(key.utf8)] = Array(value.utf8) }
        return out
    }

    static func subset(_ items: [[UInt8]: [UInt8]], _ keep: ([UInt8]) -> Bool) -> [[UInt8]: [UInt8]] {
        items.filter { keep($0.key) }
    }

    static func hasPrefix(_ key: [UInt8], _ prefix: String) -> Bool { key.starts(with: Array(prefix.utf8)) }

    static func refresh(
        response: MockResponse, body: Data, rotation: Bool, device: Bool, secret: Bool,
        garbage: Bool
    ) async {
        var initial = userKeys("alice", garbage: garbage, device: device).merging(userKeys("bob", device: true)) {
            a, _ in a
        }
        initial["\(prefix).LastAuthUser"] = "bob"
        initial["unrelated.key"] = "unrelated value"
        let storage = MemoryStorage(initial)
        let transport = MockTransport(sleep: { _ in })
        for operation in ["InitiateAuth", "GetTokensFromRefreshToken"] {
            await transport.setHandler(for: operation) { _ in response }
        }
        let pool: CognitoUserPool
        do {
            pool = try CognitoUserPool(
                userPoolId: "us-east-1_Fuzz123", clientId: clientId, clientSecret: secret ? "fuzz-secret" : nil,
                endpoint: nil, storage: storage, transport: transport,
                clock: ManualClock(secondsSince1970: TimeInterval(now)),
                retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .zero, maxDelay: .zero, maxTotalDelay: .zero),
                refreshTokenRotation: rotation)
        } catch {
            Fuzz.fail("pool set-up failed: \(error)")
        }
        let before = bytes(await storage.allItems())
        let outcome: Result<CognitoUserSession, any Error>
        do { outcome = .success(try await pool.user(named: "alice").getSession()) } catch { outcome = .failure(error) }
        let after = bytes(await storage.allItems())

        let isAlice = { (key: [UInt8]) in hasPrefix(key, "\(prefix).alice.") }
        let lastAuthUser = Array("\(prefix).LastAuthUser".utf8)
        let others = { (key: [UInt8]) in !isAlice(key) && key != lastAuthUser }
        guard subset(before, others) == subset(after, others) else {
            Fuzz.fail("another user's (bob's) or an unrelated key changed; outcome: \(describe(outcome))")
        }
        if let last = after[lastAuthUser], last != before[lastAuthUser], last != Array("alice".utf8) {
            Fuzz.fail("LastAuthUser became \(String(decoding: last, as: UTF8.self))")
        }

        let key = { (name: String) in Array("\(prefix).alice.\(name)".utf8) }
        switch outcome {
        case .failure(let error as CognitoServiceError) where terminal.contains(error.name):
            for name in ["idToken", "accessToken", "refreshToken"] where after[key(name)] != nil {
                Fuzz.fail("terminal \(error.name) left alice's \(name) stored")
            }
            let deviceKeys = { (k: [UInt8]) in
                ["deviceKey", "deviceGroupKey", "randomPasswordKey"].map(key).contains(k)
            }
            guard subset(before, deviceKeys) == subset(after, deviceKeys) else {
                Fuzz.fail("terminal \(error.name) changed alice's device keys")
            }
        case .failure(let error):
            guard after[key("refreshToken")] == before[key("refreshToken")] else {
                Fuzz.fail(
                    "non-terminal failure (\(describe(error))) changed alice's stored refresh token "
                        + "from \(show(before[key("refreshToken")])) to \(show(after[key("refreshToken")]))")
            }
            guard subset(before, isAlice) == subset(after, isAlice) else {
                Fuzz.fail("non-terminal failure (\(describe(error))) changed alice's stored keys")
            }
        case .success(let session):
            for name in ["idToken", "accessToken", "refreshToken"] {
                guard let value = after[key(name)], !value.isEmpty else {
                    Fuzz.fail(
                        "successful refresh stored an empty or no \(name) "
                            + "(\(show(after[key(name)]))); response body \(show(Array(body)))")
                }
            }
            guard after[key("idToken")] == Array(session.idToken.jwtToken.utf8),
                after[key("accessToken")] == Array(session.accessToken.jwtToken.utf8),
                after[key("refreshToken")] == Array(session.refreshToken.token.utf8)
            else {
                Fuzz.fail("the stored tokens are not the session getSession() returned")
            }
            // (Only when the body has no escapes, which could spell the name otherwise.)
            if !body.contains(Data("RefreshToken".utf8)), !body.contains(UInt8(ascii: "\\")),
                after[key("refreshToken")] != Array(oldRefreshToken.utf8)
            {
                Fuzz.fail("the refresh token changed though the answer carries none")
            }
        }
    }

    static func describe(_ outcome: Result<CognitoUserSession, any Error>) -> String {
        switch outcome {
        case .success: "success"
        case .failure(let error): describe(error)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let service = error as? CognitoServiceError { return "CognitoServiceError \(service.name)" }
        return "\(type(of: error)): \(error)"
    }

    static func show(_ value: [UInt8]?) -> String {
        guard let value else { return "nil" }
        let text = String(decoding: value.prefix(200), as: UTF8.self)
        return "\"\(text)\"" + (value.count > 200 ? "... (\(value.count) bytes)" : "")
    }
}
