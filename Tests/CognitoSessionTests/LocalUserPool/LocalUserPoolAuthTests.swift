import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("LocalUserPool: SRP sign-in, tokens, refresh and revocation over the wire")
struct LocalUserPoolAuthTests {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01

    func makePool(
        secret: Bool = false, tracking: LocalUserPool.DeviceTracking = .off,
        rotation: TimeInterval? = nil
    ) async throws -> (LocalUserPool, WireClient) {
        let pool = try LocalUserPool(userPoolId: "us-east-1_LocalTest", clock: clock)
        let client = try await pool.addClient(
            id: "client-1", generateSecret: secret, refreshTokenRotationGracePeriod: rotation)
        await pool.setDeviceTracking(tracking)
        try await pool.createUser(
            username: "alice", password: "Correct-Horse-1",
            attributes: ["email": "alice@example.com", "email_verified": "true"])
        return (pool, WireClient(pool: pool, clientId: client.id, secret: client.secret, clock: clock))
    }

    func claims(_ jwt: String) throws -> [String: Any] {
        let payload = try unwrap(Base64URL.decode(String(jwt.split(separator: ".")[1])))
        return try unwrap(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    }

    @Test("A correct SRP proof gets RS256 tokens with Cognito's claims; the JWKS verifies them")
    func srpSignIn() async throws {
        let (pool, wire) = try await makePool()
        let reply = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(reply.status == 200)
        let access = try unwrap(reply.accessToken)
        let id = try unwrap(reply.result?["IdToken"] as? String)
        #expect(pool.signer.verify(access) && pool.signer.verify(id))
        let accessClaims = try claims(access), idClaims = try claims(id)
        #expect(accessClaims["token_use"] as? String == "access")
        #expect(accessClaims["client_id"] as? String == "client-1")
        #expect(accessClaims["username"] as? String == "alice")
        #expect(accessClaims["origin_jti"] as? String == idClaims["origin_jti"] as? String)
        #expect(accessClaims["event_id"] != nil && accessClaims["jti"] != nil && accessClaims["device_key"] == nil)
        #expect(accessClaims["iss"] as? String == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalTest")
        #expect(idClaims["aud"] as? String == "client-1")
        #expect(idClaims["cognito:username"] as? String == "alice")
        #expect(idClaims["email"] as? String == "alice@example.com")
        #expect(idClaims["email_verified"] as? Bool == true)
        #expect(idClaims["exp"] as? Int == Int(clock.now().timeIntervalSince1970) + 3600)
        #expect(reply.refreshToken?.isEmpty == false)
        let jwks = try JSONSerialization.jsonObject(with: pool.jwks) as? [String: [[String: String]]]
        #expect(jwks?["keys"]?.first?["kid"] == pool.signer.keyID)
    }

    @Test("A wrong password fails the signature check: NotAuthorizedException, Incorrect username or password.")
    func wrongPassword() async throws {
        let (_, wire) = try await makePool()
        let reply = try await wire.srpSignIn("alice", "wrong-password")
        #expect(reply.status == 400)
        #expect(reply.errorType == "NotAuthorizedException")
        #expect(reply.message == "Incorrect username or password.")
    }

    @Test("Unknown user, replayed session, bad timestamp and bad secret block are refused")
    func refusals() async throws {
        let (_, wire) = try await makePool()
        let unknown = try await wire.srpSignIn("bob", "x")
        #expect(unknown.errorType == "UserNotFoundException" && unknown.message == "User does not exist.")

        let helper = try AuthenticationHelper(poolName: "LocalTest")
        let first = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_SRP_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice", "SRP_A": helper.srpA],
            ])
        let badTime = try await wire.respond(
            first, "PASSWORD_VERIFIER",
            [
                "USERNAME": "alice", "PASSWORD_CLAIM_SECRET_BLOCK": first.parameters["SECRET_BLOCK"] ?? "",
                "TIMESTAMP": "2026-01-01T00:00:00Z", "PASSWORD_CLAIM_SIGNATURE": "AAAA",
            ])
        #expect(badTime.errorType == "InvalidParameterException")
        let replay = try await wire.respond(first, "PASSWORD_VERIFIER", ["USERNAME": "alice"])
        #expect(replay.errorType == "NotAuthorizedException" && replay.message == "Invalid session for the user.")
        let noClient = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_SRP_AUTH", "ClientId": "nope",
                "AuthParameters": ["USERNAME": "alice", "SRP_A": "02"],
            ])
        #expect(noClient.errorType == "ResourceNotFoundException")
    }

    @Test("An expired challenge session is refused")
    func expiredSession() async throws {
        let (_, wire) = try await makePool()
        let helper = try AuthenticationHelper(poolName: "LocalTest")
        let first = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_SRP_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice", "SRP_A": helper.srpA],
            ])
        clock.advance(by: 181)
        let late = try await wire.respond(first, "PASSWORD_VERIFIER", ["USERNAME": "alice"])
        #expect(late.message == "Invalid session for the user, session is expired.")
    }

    @Test("USER_PASSWORD_AUTH checks the password against the stored verifier")
    func passwordAuth() async throws {
        let (_, wire) = try await makePool()
        let good = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice", "PASSWORD": "Correct-Horse-1"],
            ])
        #expect(good.accessToken != nil)
        let bad = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice", "PASSWORD": "nope"],
            ])
        #expect(bad.message == "Incorrect username or password.")
    }

    @Test("SECRET_HASH: missing, wrong, and right (over the name as given, then the challenge's USERNAME)")
    func secretHash() async throws {
        let (pool, wire) = try await makePool(secret: true)
        await pool.setAllowsEmailAlias(true)
        var unsigned = wire
        unsigned.secret = nil
        let missing = try await unsigned.srpSignIn("alice", "Correct-Horse-1")
        #expect(missing.message == "Client client-1 is configured for secret but secret was not received")
        var wrong = wire
        wrong.secret = "not-the-secret"
        let bad = try await wrong.srpSignIn("alice", "Correct-Horse-1")
        #expect(
            bad.errorType == "NotAuthorizedException"
                && bad.message == "Unable to verify secret hash for client client-1")
        // Alias sign-in: InitiateAuth hashes the email, the challenge answer hashes USER_ID_FOR_SRP.
        let alias = try await wire.srpSignIn("alice@example.com", "Correct-Horse-1")
        #expect(alias.accessToken != nil)
        let wrongStep = try await wire.srpSignIn("alice@example.com", "Correct-Horse-1", hashName: "alice@example.com")
        #expect(wrongStep.message == "Unable to verify secret hash for client client-1")
        // Refresh hashes cognito:username.
        let token = try unwrap(alias.refreshToken)
        #expect(try await wire.refresh(token, hashName: "alice").accessToken != nil)
        #expect(
            try await wire.refresh(token, hashName: "alice@example.com").message
                == "Unable to verify secret hash for client client-1")
    }

    @Test("Devices: NewDeviceMetadata, ConfirmDevice, device SRP, device-bound refresh tokens")
    func devices() async throws {
        let (pool, wire) = try await makePool(tracking: .always)
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let metadata = try unwrap(first.newDevice)
        let deviceKey = try unwrap(metadata["DeviceKey"]), groupKey = try unwrap(metadata["DeviceGroupKey"])
        #expect(deviceKey.hasPrefix("us-east-1_"))
        #expect(try claims(try unwrap(first.accessToken))["device_key"] as? String == deviceKey)
        // The refresh token from this sign-in is bound to the new device.
        let refresh = try unwrap(first.refreshToken)
        let withoutDevice = try await wire.refresh(refresh)
        #expect(withoutDevice.errorType == "NotAuthorizedException" && withoutDevice.message == "Invalid Refresh Token")
        #expect(try await wire.refresh(refresh, deviceKey: deviceKey).accessToken != nil)

        let verifier = try DeviceVerifier(deviceGroupKey: groupKey, deviceKey: deviceKey)
        let confirmed = try await wire.call(
            "ConfirmDevice",
            [
                "AccessToken": try unwrap(first.accessToken), "DeviceKey": deviceKey, "DeviceName": "test",
                "DeviceSecretVerifierConfig": ["Salt": verifier.salt, "PasswordVerifier": verifier.passwordVerifier],
            ])
        #expect(confirmed.json["UserConfirmationNecessary"] as? Bool == false)
        #expect(await pool.deviceStatus(forUser: "alice", deviceKey: deviceKey)! == (true, true))

        let second = try await wire.srpSignIn("alice", "Correct-Horse-1", deviceKey: deviceKey)
        #expect(second.challenge == "DEVICE_SRP_AUTH")
        let wrongDevice = try await wire.deviceSRP(
            after: second, username: "alice", deviceKey: deviceKey,
            groupKey: groupKey, devicePassword: "wrong")
        #expect(wrongDevice.message == "Incorrect username or password.")
        let third = try await wire.srpSignIn("alice", "Correct-Horse-1", deviceKey: deviceKey)
        let done = try await wire.deviceSRP(
            after: third, username: "alice", deviceKey: deviceKey,
            groupKey: groupKey, devicePassword: verifier.randomPassword)
        #expect(done.newDevice == nil)
        #expect(try claims(try unwrap(done.accessToken))["device_key"] as? String == deviceKey)
        let log = await pool.requests(for: "RespondToAuthChallenge").map { $0.challengeName }
        #expect(log.suffix(3) == ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])

        // A device the pool no longer knows.
        try await pool.removeDevice(forUser: "alice", deviceKey: deviceKey)
        let stale = try await wire.srpSignIn("alice", "Correct-Horse-1", deviceKey: deviceKey)
        #expect(stale.errorType == "ResourceNotFoundException" && stale.message == "Device does not exist.")
    }

    @Test("Opt-in tracking asks for confirmation; the device is remembered only after UpdateDeviceStatus")
    func optIn() async throws {
        let (pool, wire) = try await makePool(tracking: .userOptIn)
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let metadata = try unwrap(first.newDevice)
        let key = try unwrap(metadata["DeviceKey"])
        let verifier = try DeviceVerifier(deviceGroupKey: try unwrap(metadata["DeviceGroupKey"]), deviceKey: key)
        let access = try unwrap(first.accessToken)
        let confirmed = try await wire.call(
            "ConfirmDevice",
            [
                "AccessToken": access, "DeviceKey": key,
                "DeviceSecretVerifierConfig": ["Salt": verifier.salt, "PasswordVerifier": verifier.passwordVerifier],
            ])
        #expect(confirmed.json["UserConfirmationNecessary"] as? Bool == true)
        #expect(await pool.deviceStatus(forUser: "alice", deviceKey: key)! == (true, false))
        _ = try await wire.call(
            "UpdateDeviceStatus",
            [
                "AccessToken": access, "DeviceKey": key,
                "DeviceRememberedStatus": "remembered",
            ])
        #expect(await pool.deviceStatus(forUser: "alice", deviceKey: key)! == (true, true))
        let list = try await wire.call("ListDevices", ["AccessToken": access, "Limit": 10])
        #expect((list.json["Devices"] as? [[String: Any]])?.first?["DeviceKey"] as? String == key)
        let get = try await wire.call("GetDevice", ["AccessToken": access, "DeviceKey": key])
        #expect((get.json["Device"] as? [String: Any])?["DeviceKey"] as? String == key)
        _ = try await wire.call("ForgetDevice", ["AccessToken": access, "DeviceKey": key])
        #expect(await pool.deviceStatus(forUser: "alice", deviceKey: key) == nil)
    }

    @Test("Access tokens expire with the clock; refresh tokens too; REFRESH_TOKEN_AUTH issues no new refresh token")
    func expiry() async throws {
        let (_, wire) = try await makePool()
        let reply = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let access = try unwrap(reply.accessToken), refresh = try unwrap(reply.refreshToken)
        #expect(try await wire.call("GetUser", ["AccessToken": access]).json["Username"] as? String == "alice")
        clock.advance(by: 3600)
        let expired = try await wire.call("GetUser", ["AccessToken": access])
        #expect(expired.message == "Access Token has expired")
        let refreshed = try await wire.refresh(refresh)
        #expect(refreshed.accessToken != nil && refreshed.refreshToken == nil)
        clock.advance(by: 30 * 86_400)
        #expect(try await wire.refresh(refresh).message == "Refresh Token has expired")
        let forged = try await wire.call("GetUser", ["AccessToken": access + "x"])
        #expect(forged.message == "Invalid Access Token")
    }

    @Test("RevokeToken and GlobalSignOut revoke refresh and access tokens")
    func revocation() async throws {
        let (_, wire) = try await makePool()
        let one = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let two = try await wire.srpSignIn("alice", "Correct-Horse-1")
        _ = try await wire.call("RevokeToken", ["ClientId": "client-1", "Token": try unwrap(one.refreshToken)])
        #expect(try await wire.refresh(try unwrap(one.refreshToken)).message == "Refresh Token has been revoked")
        #expect(
            try await wire.call("GetUser", ["AccessToken": try unwrap(one.accessToken)]).message
                == "Access Token has been revoked")
        #expect(try await wire.call("GetUser", ["AccessToken": try unwrap(two.accessToken)]).status == 200)
        _ = try await wire.call("GlobalSignOut", ["AccessToken": try unwrap(two.accessToken)])
        #expect(try await wire.refresh(try unwrap(two.refreshToken)).message == "Refresh Token has been revoked")
        #expect(
            try await wire.call("GetUser", ["AccessToken": try unwrap(two.accessToken)]).message
                == "Access Token has been revoked")
        let three = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(try await wire.call("GetUser", ["AccessToken": try unwrap(three.accessToken)]).status == 200)
    }

    @Test("Rotation: GetTokensFromRefreshToken returns a new refresh token; the old one works for the grace period")
    func rotation() async throws {
        let (_, wire) = try await makePool(rotation: 60)
        let reply = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let old = try unwrap(reply.refreshToken)
        #expect(try await wire.refresh(old).errorType == "NotAuthorizedException")
        let rotated = try await wire.call("GetTokensFromRefreshToken", ["ClientId": "client-1", "RefreshToken": old])
        let new = try unwrap(rotated.refreshToken)
        #expect(new != old)
        clock.advance(by: 30)
        #expect(
            try await wire.call("GetTokensFromRefreshToken", ["ClientId": "client-1", "RefreshToken": old]).status
                == 200)
        clock.advance(by: 31)
        let reused = try await wire.call("GetTokensFromRefreshToken", ["ClientId": "client-1", "RefreshToken": old])
        #expect(reused.errorType == "RefreshTokenReuseException")
        #expect(
            try await wire.call("GetTokensFromRefreshToken", ["ClientId": "client-1", "RefreshToken": new]).status
                == 200)
    }

    @Test("Many concurrent sign-ins and refreshes are all answered correctly")
    func concurrency() async throws {
        let (_, wire) = try await makePool()
        let refresh = try unwrap(try await wire.srpSignIn("alice", "Correct-Horse-1").refreshToken)
        let successes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    index % 2 == 0
                        ? try await wire.srpSignIn("alice", "Correct-Horse-1").accessToken != nil
                        : try await wire.refresh(refresh).accessToken != nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 40)
    }
}
