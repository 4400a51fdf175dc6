import ArgumentParser
import CognitoSession
import CognitoSessionTesting
import Foundation

/// `cognito-session demo`: the whole story against an in-process user pool, narrated.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole story against an in-process user pool (no network, no AWS account).",
        discussion: """
            Signs a user up, signs in with SRP, remembers the device, lets the tokens expire by moving the \
            pool's clock, refreshes transparently with the device key, serves 100 concurrent getSession() \
            calls with one refresh, signs in again through device SRP, and signs out with revocation. \
            Exits non-zero if any step does not behave as narrated.
            """
    )

    struct StepFailed: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        let started = ContinuousClock.now
        do {
            try await story()
            let elapsed = started.duration(to: .now).formatted(.units(allowed: [.seconds, .milliseconds]))
            print("\nAll steps behaved as narrated (\(elapsed)).")
        } catch {
            print("\nFAILED: \(error)")
            throw ExitCode.failure
        }
    }

    private func check(_ condition: Bool, _ what: String) throws {
        guard condition else { throw StepFailed(description: what) }
        print("   ✓ \(what)")
    }

    private func heading(_ number: Int, _ text: String) { print("\n\(number). \(text)") }

    private func story() async throws {
        let clock = ManualClock(now: Date())
        let local = try LocalUserPool(userPoolId: "us-east-1_DemoPool1", clock: clock)
        await local.setDeviceTracking(.always)
        let client = try await local.addClient(id: "demo-app-client", generateSecret: true)
        let transport = RecordingTransport(base: local)
        let storage = MemoryStorage()
        let pool = try CognitoUserPool(
            userPoolId: local.userPoolId, clientId: client.id, clientSecret: client.secret, endpoint: nil,
            storage: storage, transport: transport, clock: clock)
        print("An in-process user pool \(local.userPoolId) with an app client that has a secret")
        print("(so every call carries SECRET_HASH) and device tracking on. Its clock is ours to move.")

        heading(1, "Sign-up and confirmation")
        let password = "Correct-Horse-Battery-9"
        let signUp = try await pool.signUp(
            username: "alice", password: password,
            userAttributes: [CognitoUserAttribute(name: "email", value: "alice@example.com")])
        print(
            "   SignUp: alice, code sent by \(signUp.codeDeliveryDetails?.deliveryMedium ?? "?") to "
                + "\(signUp.codeDeliveryDetails?.destination ?? "?")")
        try check(!signUp.userConfirmed, "the new user waits for confirmation")
        guard let code = await local.lastCode(for: "alice", purpose: .signUp) else {
            throw StepFailed(description: "the pool sent no confirmation code")
        }
        try await signUp.user.confirmRegistration(code: code)
        try check(true, "ConfirmSignUp accepted the code from the pool's outbox")

        heading(2, "SRP sign-in: the password never leaves this process")
        let user = pool.user(named: "alice")
        let step = try await user.authenticateUser(AuthenticationDetails(username: "alice", password: password))
        guard case .signedIn(let session, _) = step else { throw StepFailed(description: "sign-in stopped at \(step)") }
        let steps = await local.requests.map { $0.challengeName ?? $0.operation }
        print("   requests: \(steps.joined(separator: " → "))")
        try check(
            steps.contains("PASSWORD_VERIFIER"), "the pool checked the PASSWORD_CLAIM_SIGNATURE against its verifier")
        try check(session.isValid(), "the session is valid until \(session.accessToken.expiration)")

        heading(3, "The device is confirmed and remembered")
        let keys = StorageKeys(clientId: client.id)
        let deviceKey = await storage.allItems()[keys.deviceKey(username: "alice")] ?? ""
        print("   device key \(deviceKey) stored under \(keys.deviceKey(username: "alice"))")
        let status = await local.deviceStatus(forUser: "alice", deviceKey: deviceKey)
        try check(
            status?.confirmed == true && status?.remembered == true,
            "ConfirmDevice gave the pool this device's SRP verifier; the pool remembers it")
        try check(session.accessToken.deviceKey == deviceKey, "the access token carries the device_key claim")

        heading(4, "An hour passes (the pool's clock moves; nobody waits)")
        clock.advance(by: 3601)
        try check(!session.isValid(), "the old session has expired")

        heading(5, "getSession() refreshes transparently, with DEVICE_KEY")
        await local.clearRequestLog()
        let refreshed = try await user.getSession()
        print("   the request it sent (values redacted):")
        let body = await transport.lastRedactedBody(of: "InitiateAuth") ?? "?"
        print(body.split(separator: "\n").map { "     \($0)" }.joined(separator: "\n"))
        let refreshes = await local.requests(for: "InitiateAuth")
        try check(
            refreshes.count == 1 && refreshes[0].parameterNames.contains("DEVICE_KEY"),
            "one REFRESH_TOKEN_AUTH, carrying DEVICE_KEY (without it: \"Invalid Refresh Token\")")
        try check(refreshed.isValid(), "a fresh session, valid until \(refreshed.accessToken.expiration)")

        heading(6, "100 concurrent getSession() calls on an expired session")
        clock.advance(by: 3601)
        await local.clearRequestLog()
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await user.getSession().accessToken.jwtToken } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let count = await local.requests(for: "InitiateAuth").count
        try check(count == 1 && tokens.count == 1, "answered by \(count) refresh; all 100 callers got the same tokens")

        heading(7, "A second sign-in (a new process, say) goes through device SRP")
        await local.clearRequestLog()
        let again = pool.user(named: "alice")
        guard
            case .signedIn = try await again.authenticateUser(
                AuthenticationDetails(username: "alice", password: password))
        else { throw StepFailed(description: "the second sign-in did not finish") }
        let second = await local.requests.map { $0.challengeName ?? $0.operation }
        print("   requests: \(second.joined(separator: " → "))")
        try check(
            second.suffix(2) == ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"],
            "the device proved its own secret (a fresh SRP exchange with the device key)")

        heading(8, "Sign-out revokes the refresh token")
        let oldRefresh = try await again.getSession().refreshToken
        try await again.signOut()
        try check(await local.requests(for: "RevokeToken").count == 1, "RevokeToken sent (the token has origin_jti)")
        try check(
            await storage.allItems()[keys.refreshToken(username: "alice")] == nil, "the tokens are gone from storage")
        do {
            _ = try await pool.user(named: "alice").refreshSession(oldRefresh)
            throw StepFailed(description: "the revoked refresh token still worked")
        } catch let error as CognitoServiceError where error == .notAuthorized {
            try check(true, "the old refresh token is refused: \(error.name): \(error.message ?? "")")
        }
        try check(await storage.allItems()[keys.deviceKey(username: "alice")] != nil, "the device stays remembered")
    }
}
