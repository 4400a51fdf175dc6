import Foundation
import HTTPTypes

@testable import CognitoSession
@testable import CognitoSessionTesting

/// Talks to a LocalUserPool over its wire interface (JSON in, JSON out), doing the client's SRP
/// math with the library's helpers, so tests can check each rule of the pool directly.
struct WireClient {
    let pool: LocalUserPool
    let clientId: String
    var secret: String? = nil
    let clock: ManualClock

    struct Reply {
        let status: Int
        let json: [String: Any]
        var errorType: String? { json["__type"] as? String }
        var message: String? { json["message"] as? String }
        var challenge: String? { json["ChallengeName"] as? String }
        var parameters: [String: String] { json["ChallengeParameters"] as? [String: String] ?? [:] }
        var session: String? { json["Session"] as? String }
        var result: [String: Any]? { json["AuthenticationResult"] as? [String: Any] }
        var accessToken: String? { result?["AccessToken"] as? String }
        var refreshToken: String? { result?["RefreshToken"] as? String }
        var newDevice: [String: String]? { result?["NewDeviceMetadata"] as? [String: String] }
    }

    func call(_ operation: String, _ body: [String: Any]) async throws -> Reply {
        var request = HTTPRequest(
            method: .post, scheme: "https", authority: "cognito-idp.us-east-1.amazonaws.com", path: "/")
        request.setCognitoOperation(operation)
        request.headerFields[.contentType] = "application/x-amz-json-1.1"
        let (response, data) = try await pool.send(request, body: try JSONSerialization.data(withJSONObject: body))
        let json = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return Reply(status: response.status.code, json: json)
    }

    func secretHash(_ username: String) throws -> String? {
        guard let secret else { return nil }
        return Data(
            try HMACSHA256.authenticationCode(key: Array(secret.utf8), message: Array((username + clientId).utf8))
        )
        .base64EncodedString()
    }

    /// USER_SRP_AUTH up to the answer to PASSWORD_VERIFIER.
    func srpSignIn(
        _ username: String, _ password: String, deviceKey: String? = nil,
        hashName: String? = nil, flow: String = "USER_SRP_AUTH", extra: [String: String] = [:]
    ) async throws -> Reply {
        let helper = try AuthenticationHelper(poolName: String(pool.userPoolId.split(separator: "_")[1]))
        var parameters = ["USERNAME": username, "SRP_A": helper.srpA].merging(extra) { $1 }
        if let deviceKey { parameters["DEVICE_KEY"] = deviceKey }
        if let hash = try secretHash(username) { parameters["SECRET_HASH"] = hash }
        let first = try await call(
            "InitiateAuth", ["AuthFlow": flow, "ClientId": clientId, "AuthParameters": parameters])
        guard first.challenge == "PASSWORD_VERIFIER" else { return first }
        let userId = try unwrap(first.parameters["USER_ID_FOR_SRP"])
        return try await answerVerifier(
            first, helper: helper, poolName: helper.poolName, userId: userId,
            password: password, name: "PASSWORD_VERIFIER", deviceKey: deviceKey,
            hashName: hashName ?? userId)
    }

    /// DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER.
    func deviceSRP(
        after reply: Reply, username: String, deviceKey: String, groupKey: String, devicePassword: String
    ) async throws -> Reply {
        let helper = try AuthenticationHelper(poolName: groupKey)
        var responses = ["USERNAME": username, "DEVICE_KEY": deviceKey, "SRP_A": helper.srpA]
        if let hash = try secretHash(username) { responses["SECRET_HASH"] = hash }
        let challenge = try await call(
            "RespondToAuthChallenge",
            [
                "ChallengeName": "DEVICE_SRP_AUTH", "ClientId": clientId, "ChallengeResponses": responses,
                "Session": reply.session ?? "",
            ])
        guard challenge.challenge == "DEVICE_PASSWORD_VERIFIER" else { return challenge }
        return try await answerVerifier(
            challenge, helper: helper, poolName: groupKey, userId: deviceKey,
            password: devicePassword, name: "DEVICE_PASSWORD_VERIFIER",
            deviceKey: deviceKey, hashName: username, usernameField: username)
    }

    private func answerVerifier(
        _ reply: Reply, helper: AuthenticationHelper, poolName: String, userId: String,
        password: String, name: String, deviceKey: String?, hashName: String,
        usernameField: String? = nil
    ) async throws -> Reply {
        let key = try helper.passwordAuthenticationKey(
            username: userId, password: password, serverB: try unwrap(reply.parameters["SRP_B"]),
            salt: try unwrap(reply.parameters["SALT"]))
        let timestamp = PasswordClaim.timestamp(for: clock.now())
        let block = try unwrap(reply.parameters["SECRET_BLOCK"])
        var responses = [
            "USERNAME": usernameField ?? userId, "PASSWORD_CLAIM_SECRET_BLOCK": block, "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SIGNATURE": try PasswordClaim.signature(
                key: key, poolName: poolName, userId: userId, secretBlock: block, timestamp: timestamp),
        ]
        if let deviceKey { responses["DEVICE_KEY"] = deviceKey }
        if let hash = try secretHash(hashName) { responses["SECRET_HASH"] = hash }
        return try await call(
            "RespondToAuthChallenge",
            [
                "ChallengeName": name, "ClientId": clientId, "ChallengeResponses": responses,
                "Session": reply.session ?? "",
            ])
    }

    func respond(_ reply: Reply, _ name: String, _ responses: [String: String]) async throws -> Reply {
        var responses = responses
        if let user = responses["USERNAME"], let hash = try secretHash(user) { responses["SECRET_HASH"] = hash }
        return try await call(
            "RespondToAuthChallenge",
            [
                "ChallengeName": name, "ClientId": clientId, "ChallengeResponses": responses,
                "Session": reply.session ?? "",
            ])
    }

    func refresh(_ token: String, deviceKey: String? = nil, hashName: String? = nil) async throws -> Reply {
        var parameters = ["REFRESH_TOKEN": token]
        if let deviceKey { parameters["DEVICE_KEY"] = deviceKey }
        if let hashName, let hash = try secretHash(hashName) { parameters["SECRET_HASH"] = hash }
        return try await call(
            "InitiateAuth", ["AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": clientId, "AuthParameters": parameters])
    }
}

struct MissingValue: Error {}

func unwrap<T>(_ value: T?) throws -> T { guard let value else { throw MissingValue() }; return value }
