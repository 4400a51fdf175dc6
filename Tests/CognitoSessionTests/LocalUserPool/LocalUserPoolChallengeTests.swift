import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("LocalUserPool: challenges, account operations and faults over the wire")
struct LocalUserPoolChallengeTests {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_767_225_600))

    func makePool() async throws -> (LocalUserPool, WireClient) {
        let pool = try LocalUserPool(userPoolId: "eu-west-1_LocalTest", clock: clock)
        let client = try await pool.addClient(id: "client-1")
        try await pool.createUser(
            username: "alice", password: "Correct-Horse-1",
            attributes: ["email": "alice@example.com", "phone_number": "+15555550123"])
        return (pool, WireClient(pool: pool, clientId: client.id, clock: clock))
    }

    @Test("NEW_PASSWORD_REQUIRED: attributes shown, required ones asked for, unwritable ones refused")
    func newPassword() async throws {
        let (pool, wire) = try await makePool()
        await pool.setRequiredAttributes(["name"])
        try await pool.createUser(
            username: "carol", password: "Temporary-1", attributes: ["email": "c@example.com"],
            status: .forceChangePassword)
        let first = try await wire.srpSignIn("carol", "Temporary-1")
        #expect(first.challenge == "NEW_PASSWORD_REQUIRED")
        #expect(first.parameters["requiredAttributes"] == #"["userAttributes.name"]"#)
        #expect(first.parameters["userAttributes"]?.contains("c@example.com") == true)
        let missing = try await wire.respond(
            first, "NEW_PASSWORD_REQUIRED", ["USERNAME": "carol", "NEW_PASSWORD": "New-Pass-123"])
        #expect(missing.message == "Invalid attributes given, name is missing")
        let again = try await wire.srpSignIn("carol", "Temporary-1")
        let unwritable = try await wire.respond(
            again, "NEW_PASSWORD_REQUIRED",
            [
                "USERNAME": "carol", "NEW_PASSWORD": "New-Pass-123", "userAttributes.name": "Carol",
                "userAttributes.email_verified": "true",
            ])
        #expect(unwritable.message == "A client attempted to write unauthorized attribute")
        let third = try await wire.srpSignIn("carol", "Temporary-1")
        let done = try await wire.respond(
            third, "NEW_PASSWORD_REQUIRED",
            [
                "USERNAME": "carol", "NEW_PASSWORD": "New-Pass-123", "userAttributes.name": "Carol",
            ])
        #expect(done.accessToken != nil)
        #expect(try await wire.srpSignIn("carol", "New-Pass-123").accessToken != nil)
        #expect(try await wire.srpSignIn("carol", "Temporary-1").message == "Incorrect username or password.")
    }

    @Test("SMS_MFA: the code the test reads from the pool answers it; a wrong one is CodeMismatchException")
    func smsMFA() async throws {
        let (pool, wire) = try await makePool()
        try await pool.enableSMSMFA(forUser: "alice")
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(first.challenge == "SMS_MFA")
        #expect(first.parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS")
        #expect(first.parameters["CODE_DELIVERY_DESTINATION"] == "+*******0123")
        let wrong = try await wire.respond(first, "SMS_MFA", ["USERNAME": "alice", "SMS_MFA_CODE": "000000x"])
        #expect(wrong.errorType == "CodeMismatchException")
        let second = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let code = try unwrap(await pool.lastCode(for: "alice", purpose: .smsMFA))
        #expect(
            try await wire.respond(second, "SMS_MFA", ["USERNAME": "alice", "SMS_MFA_CODE": code]).accessToken != nil)
    }

    @Test("SOFTWARE_TOKEN_MFA checks RFC 6238 codes at the pool's time; SELECT_MFA_TYPE chooses between factors")
    func totpAndSelection() async throws {
        let (pool, wire) = try await makePool()
        let secret = try await pool.enableTOTPMFA(forUser: "alice")
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(first.challenge == "SOFTWARE_TOKEN_MFA")
        let stale = try TOTP.code(secret: secret, at: clock.now().addingTimeInterval(-120))
        #expect(
            try await wire.respond(
                first, "SOFTWARE_TOKEN_MFA",
                ["USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": stale]
            ).errorType == "CodeMismatchException")
        let second = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let code = try TOTP.code(secret: secret, at: clock.now())
        #expect(
            try await wire.respond(
                second, "SOFTWARE_TOKEN_MFA",
                ["USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": code]
            ).accessToken != nil)

        try await pool.enableSMSMFA(forUser: "alice")
        let third = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(third.challenge == "SELECT_MFA_TYPE")
        #expect(third.parameters["MFAS_CAN_CHOOSE"] == #"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)
        let chosen = try await wire.respond(
            third, "SELECT_MFA_TYPE", ["USERNAME": "alice", "ANSWER": "SOFTWARE_TOKEN_MFA"])
        #expect(chosen.challenge == "SOFTWARE_TOKEN_MFA")
    }

    @Test("a wrong MFA code keeps the session for another answer; the third wrong one ends it")
    func wrongCodeRetry() async throws {
        let (pool, wire) = try await makePool()
        let secret = try await pool.enableTOTPMFA(forUser: "alice")
        let stale = try TOTP.code(secret: secret, at: clock.now().addingTimeInterval(-120))
        let wrong = ["USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": stale]
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(try await wire.respond(first, "SOFTWARE_TOKEN_MFA", wrong).errorType == "CodeMismatchException")
        let right = ["USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": try TOTP.code(secret: secret, at: clock.now())]
        #expect(try await wire.respond(first, "SOFTWARE_TOKEN_MFA", right).accessToken != nil)

        let second = try await wire.srpSignIn("alice", "Correct-Horse-1")
        for _ in 0..<LocalUserPool.mfaCodeAttempts {
            #expect(try await wire.respond(second, "SOFTWARE_TOKEN_MFA", wrong).errorType == "CodeMismatchException")
        }
        let ended = try await wire.respond(second, "SOFTWARE_TOKEN_MFA", right)
        #expect(ended.errorType == "NotAuthorizedException")
        #expect(ended.message == "Invalid session for the user.")
    }

    @Test("MFA_SETUP: AssociateSoftwareToken and VerifySoftwareToken with the Session, then tokens")
    func mfaSetup() async throws {
        let (pool, wire) = try await makePool()
        await pool.setMFAConfiguration(.required)
        let first = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(first.challenge == "MFA_SETUP")
        let associated = try await wire.call("AssociateSoftwareToken", ["Session": try unwrap(first.session)])
        let secret = try unwrap(associated.json["SecretCode"] as? String)
        let wrong = try await wire.call(
            "VerifySoftwareToken",
            [
                "Session": try unwrap(associated.json["Session"] as? String),
                "UserCode": "123",
            ])
        #expect(wrong.errorType == "EnableSoftwareTokenMFAException")
        let second = try await wire.srpSignIn("alice", "Correct-Horse-1")
        let associated2 = try await wire.call("AssociateSoftwareToken", ["Session": try unwrap(second.session)])
        let secret2 = try unwrap(associated2.json["SecretCode"] as? String)
        #expect(secret2 != secret)
        let verified = try await wire.call(
            "VerifySoftwareToken",
            [
                "Session": try unwrap(associated2.json["Session"] as? String),
                "UserCode": try TOTP.code(secret: secret2, at: clock.now()), "FriendlyDeviceName": "phone",
            ])
        #expect(verified.json["Status"] as? String == "SUCCESS")
        let done = try await wire.call(
            "RespondToAuthChallenge",
            [
                "ChallengeName": "MFA_SETUP", "ClientId": "client-1", "ChallengeResponses": ["USERNAME": "alice"],
                "Session": try unwrap(verified.json["Session"] as? String),
            ])
        #expect(done.accessToken != nil)
        #expect(await pool.totpSecret(forUser: "alice") == secret2)
    }

    @Test("CUSTOM_CHALLENGE with and without SRP, through define/create/verify closures")
    func customAuth() async throws {
        let (pool, wire) = try await makePool()
        await pool.setCustomAuth(
            .init(
                define: { session in
                    if session.last?.challengeName == "SRP_A" { return .challenge("PASSWORD_VERIFIER") }
                    if session.last?.challengeName == "CUSTOM_CHALLENGE" {
                        return session.last!.challengeResult ? .issueTokens : .fail
                    }
                    return .challenge("CUSTOM_CHALLENGE")
                },
                create: { _ in .init(publicParameters: ["question": "2+2"], privateParameters: ["answer": "4"]) },
                verify: { expected, answer in expected["answer"] == answer }))
        let plain = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "CUSTOM_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice"],
            ])
        #expect(plain.challenge == "CUSTOM_CHALLENGE")
        #expect(plain.parameters["question"] == "2+2")
        let wrong = try await wire.respond(plain, "CUSTOM_CHALLENGE", ["USERNAME": "alice", "ANSWER": "5"])
        #expect(wrong.message == "Incorrect username or password.")
        let again = try await wire.call(
            "InitiateAuth",
            [
                "AuthFlow": "CUSTOM_AUTH", "ClientId": "client-1",
                "AuthParameters": ["USERNAME": "alice"],
            ])
        #expect(
            try await wire.respond(again, "CUSTOM_CHALLENGE", ["USERNAME": "alice", "ANSWER": "4"]).accessToken != nil)
        let withSRP = try await wire.srpSignIn(
            "alice", "Correct-Horse-1", flow: "CUSTOM_AUTH", extra: ["CHALLENGE_NAME": "SRP_A"])
        #expect(withSRP.challenge == "CUSTOM_CHALLENGE")
        #expect(
            try await wire.respond(withSRP, "CUSTOM_CHALLENGE", ["USERNAME": "alice", "ANSWER": "4"]).accessToken != nil
        )
    }

    @Test("Sign-up, confirmation codes (wrong, expired, right), and an unconfirmed user refused at sign-in")
    func signUp() async throws {
        let (pool, wire) = try await makePool()
        let weak = try await wire.call("SignUp", ["ClientId": "client-1", "Username": "dave", "Password": "short"])
        #expect(weak.errorType == "InvalidPasswordException")
        let reply = try await wire.call(
            "SignUp",
            [
                "ClientId": "client-1", "Username": "dave", "Password": "Long-Enough-1",
                "UserAttributes": [["Name": "email", "Value": "dave@example.com"]],
            ])
        #expect(reply.json["UserConfirmed"] as? Bool == false)
        #expect((reply.json["CodeDeliveryDetails"] as? [String: String])?["Destination"] == "d***@example.com")
        #expect(
            try await wire.call("SignUp", ["ClientId": "client-1", "Username": "dave", "Password": "Long-Enough-1"])
                .errorType == "UsernameExistsException")
        #expect(try await wire.srpSignIn("dave", "Long-Enough-1").errorType == "UserNotConfirmedException")
        let code = try unwrap(await pool.lastCode(for: "dave", purpose: .signUp))
        let wrong = try await wire.call(
            "ConfirmSignUp", ["ClientId": "client-1", "Username": "dave", "ConfirmationCode": "x"])
        #expect(wrong.errorType == "CodeMismatchException")
        clock.advance(by: 86_401)
        let expired = try await wire.call(
            "ConfirmSignUp", ["ClientId": "client-1", "Username": "dave", "ConfirmationCode": code])
        #expect(expired.errorType == "ExpiredCodeException")
        _ = try await wire.call("ResendConfirmationCode", ["ClientId": "client-1", "Username": "dave"])
        let fresh = try unwrap(await pool.lastCode(for: "dave", purpose: .signUp))
        #expect(
            try await wire.call(
                "ConfirmSignUp", ["ClientId": "client-1", "Username": "dave", "ConfirmationCode": fresh]
            ).status == 200)
        #expect(try await wire.srpSignIn("dave", "Long-Enough-1").accessToken != nil)
    }

    @Test("Forgotten and changed passwords, attributes and their verification")
    func account() async throws {
        let (pool, wire) = try await makePool()
        _ = try await wire.call("ForgotPassword", ["ClientId": "client-1", "Username": "alice"])
        let code = try unwrap(await pool.lastCode(for: "alice", purpose: .forgotPassword))
        _ = try await wire.call(
            "ConfirmForgotPassword",
            [
                "ClientId": "client-1", "Username": "alice",
                "ConfirmationCode": code, "Password": "Reset-Pass-2",
            ])
        let signedIn = try await wire.srpSignIn("alice", "Reset-Pass-2")
        let access = try unwrap(signedIn.accessToken)
        let badChange = try await wire.call(
            "ChangePassword",
            [
                "AccessToken": access, "PreviousPassword": "nope",
                "ProposedPassword": "Changed-Pass-3",
            ])
        #expect(badChange.message == "Incorrect username or password.")
        _ = try await wire.call(
            "ChangePassword",
            [
                "AccessToken": access, "PreviousPassword": "Reset-Pass-2",
                "ProposedPassword": "Changed-Pass-3",
            ])
        #expect(try await wire.srpSignIn("alice", "Changed-Pass-3").accessToken != nil)

        let update = try await wire.call(
            "UpdateUserAttributes",
            [
                "AccessToken": access,
                "UserAttributes": [
                    ["Name": "email", "Value": "new@example.com"], ["Name": "custom:team", "Value": "blue"],
                ],
            ])
        #expect((update.json["CodeDeliveryDetailsList"] as? [Any])?.count == 1)
        let user = try await wire.call("GetUser", ["AccessToken": access])
        let attributes = user.json["UserAttributes"] as? [[String: String]] ?? []
        #expect(attributes.contains(["Name": "email_verified", "Value": "false"]))
        #expect(attributes.contains(["Name": "custom:team", "Value": "blue"]))
        let verifyCode = try unwrap(await pool.lastCode(for: "alice", purpose: .attributeVerification("email")))
        _ = try await wire.call(
            "VerifyUserAttribute", ["AccessToken": access, "AttributeName": "email", "Code": verifyCode])
        #expect(try await pool.attributes(ofUser: "alice")["email_verified"] == "true")
        _ = try await wire.call("DeleteUserAttributes", ["AccessToken": access, "UserAttributeNames": ["custom:team"]])
        #expect(try await pool.attributes(ofUser: "alice")["custom:team"] == nil)
        _ = try await wire.call("DeleteUser", ["AccessToken": access])
        #expect(try await wire.srpSignIn("alice", "Changed-Pass-3").errorType == "UserNotFoundException")
    }

    @Test("MFA preferences and settings through the wire decide the next sign-in's challenge")
    func mfaPreferences() async throws {
        let (pool, wire) = try await makePool()
        let access = try unwrap(try await wire.srpSignIn("alice", "Correct-Horse-1").accessToken)
        let refused = try await wire.call(
            "SetUserMFAPreference",
            [
                "AccessToken": access,
                "SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true],
            ])
        #expect(refused.message == "User has not verified software token mfa")
        _ = try await wire.call(
            "SetUserSettings",
            [
                "AccessToken": access,
                "MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]],
            ])
        #expect(try await wire.srpSignIn("alice", "Correct-Horse-1").challenge == "SMS_MFA")
        let associated = try await wire.call("AssociateSoftwareToken", ["AccessToken": access])
        let secret = try unwrap(associated.json["SecretCode"] as? String)
        let verified = try await wire.call(
            "VerifySoftwareToken",
            [
                "AccessToken": access,
                "UserCode": try TOTP.code(secret: secret, at: clock.now()),
            ])
        #expect(verified.json["Status"] as? String == "SUCCESS")
        _ = try await wire.call(
            "SetUserMFAPreference",
            [
                "AccessToken": access,
                "SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true],
            ])
        #expect(try await wire.srpSignIn("alice", "Correct-Horse-1").challenge == "SOFTWARE_TOKEN_MFA")
        _ = try await wire.call(
            "SetUserMFAPreference",
            [
                "AccessToken": access,
                "SMSMfaSettings": ["Enabled": false], "SoftwareTokenMfaSettings": ["Enabled": false],
            ])
        #expect(try await wire.srpSignIn("alice", "Correct-Horse-1").accessToken != nil)
        #expect(await pool.totpSecret(forUser: "alice") == secret)
    }

    @Test("ListDevices pages with Limit and PaginationToken; GetDevice of another key is refused")
    func devicePages() async throws {
        let (pool, wire) = try await makePool()
        await pool.setDeviceTracking(.always)
        var access = ""
        for _ in 0..<3 {
            let reply = try await wire.srpSignIn("alice", "Correct-Horse-1")
            access = try unwrap(reply.accessToken)
            let metadata = try unwrap(reply.newDevice)
            let verifier = try DeviceVerifier(
                deviceGroupKey: try unwrap(metadata["DeviceGroupKey"]),
                deviceKey: try unwrap(metadata["DeviceKey"]))
            _ = try await wire.call(
                "ConfirmDevice",
                [
                    "AccessToken": access, "DeviceKey": try unwrap(metadata["DeviceKey"]),
                    "DeviceSecretVerifierConfig": [
                        "Salt": verifier.salt, "PasswordVerifier": verifier.passwordVerifier,
                    ],
                ])
        }
        let first = try await wire.call("ListDevices", ["AccessToken": access, "Limit": 2])
        #expect((first.json["Devices"] as? [Any])?.count == 2)
        let token = try unwrap(first.json["PaginationToken"] as? String)
        let second = try await wire.call("ListDevices", ["AccessToken": access, "Limit": 2, "PaginationToken": token])
        #expect((second.json["Devices"] as? [Any])?.count == 1)
        #expect(second.json["PaginationToken"] == nil)
        let missing = try await wire.call("GetDevice", ["AccessToken": access, "DeviceKey": "us-east-1_nope"])
        #expect(missing.errorType == "ResourceNotFoundException" && missing.message == "Device does not exist.")
    }

    @Test("Faults: throttling, 5xx, a dropped connection, a malformed body, latency; the log keeps names only")
    func faults() async throws {
        let slept = SleepLog()
        let pool = try LocalUserPool(userPoolId: "us-east-1_Faults", clock: clock, sleep: { await slept.add($0) })
        let client = try await pool.addClient(id: "client-1")
        try await pool.createUser(username: "alice", password: "Correct-Horse-1")
        let wire = WireClient(pool: pool, clientId: client.id, clock: clock)
        await pool.inject(.throttle, into: "InitiateAuth")
        await pool.inject(.serverError(status: 503), into: "InitiateAuth")
        await pool.inject(.malformedBody, into: "InitiateAuth")
        await pool.inject(.dropConnection, into: "InitiateAuth")
        await pool.inject(.latency(.milliseconds(250)), into: "*")
        let throttled = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(throttled.status == 400 && throttled.errorType == "TooManyRequestsException")
        let unavailable = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(unavailable.status == 503 && unavailable.errorType == "InternalErrorException")
        let malformed = try await wire.srpSignIn("alice", "Correct-Horse-1")
        #expect(malformed.status == 200 && malformed.json.isEmpty)
        await #expect(throws: HTTPTransportError.connectionFailed) {
            try await wire.srpSignIn("alice", "Correct-Horse-1")
        }
        #expect(try await wire.srpSignIn("alice", "Correct-Horse-1").accessToken != nil)
        #expect(await slept.durations == [.milliseconds(250)])

        let log = await pool.requests
        let last = try unwrap(log.last)
        #expect(last.operation == "RespondToAuthChallenge" && last.challengeName == "PASSWORD_VERIFIER")
        #expect(
            last.parameterNames == ["PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP", "USERNAME"])
        #expect(log.first?.authFlow == "USER_SRP_AUTH")
        #expect(log.first?.parameterNames == ["SRP_A", "USERNAME"])
        #expect(!String(describing: log).contains("Correct-Horse-1"))
    }
}

actor SleepLog {
    var durations: [Duration] = []
    func add(_ duration: Duration) { durations.append(duration) }
}
