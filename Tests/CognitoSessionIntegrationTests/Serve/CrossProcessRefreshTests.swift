import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// Several processes sharing one FileStorage refresh one expired session of a rotating client (grace period
/// 0) against `cognito-session serve`: they make one refresh between them, and a holder killed mid-refresh
/// hands over. The children are `session-refresher` (Sources/session-refresher).
@Suite(
    "One refresh across processes sharing a FileStorage, against cognito-session serve",
    .enabled(
        if: ServeServer.isAvailable,
        "the cognito-session tool is not built: swift build --product cognito-session, or set COGNITO_SESSION_BIN"))
struct CrossProcessRefreshTests {
    static let poolId = "us-east-1_CrossProc1"
    static let client = "rotatingclient"
    static let password = "Correct-h0rse"
    /// How far serve's clock (and the children's) is moved so that the signed-in session has expired.
    static let expiry = 3601

    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "swift-cross-process",
                    "Clients": [
                        [
                            "ClientName": "rotating", "ClientId": client,
                            "RefreshTokenRotation": ["Feature": "ENABLED", "RetryGracePeriodSeconds": 0],
                        ]
                    ],
                    "Users": [["Username": "alice", "Password": password]],
                ]
            ]
        ]
    }

    /// Signs alice in through `storage`, then moves serve's clock past the tokens' expiry and empties its log.
    static func signInAndExpire(_ server: ServeServer, storage: any SessionStorage) async throws -> CognitoUserSession {
        let pool = try CognitoUserPool(
            userPoolId: Self.poolId, clientId: Self.client, endpoint: server.endpoint, storage: storage,
            transport: URLSessionTransport(requestTimeout: .seconds(10)), retryPolicy: .none,
            refreshTokenRotation: true)
        let step = try await pool.user(named: "alice").authenticateUser(
            AuthenticationDetails(username: "alice", password: Self.password))
        guard case .signedIn(let session, _) = step else { throw MotoSetupError("expected tokens, got \(step)") }
        try await server.advanceClock(by: TimeInterval(Self.expiry))
        try await server.clearRequestLog()
        return session
    }

    func refresher(
        _ server: ServeServer, file: URL, tasks: Int = 50, leaseTimeout: Int = 30
    ) throws
        -> SessionRefresherProcess
    {
        try SessionRefresherProcess([
            "--endpoint", server.endpoint.absoluteString, "--pool", Self.poolId, "--client", Self.client,
            "--user", "alice", "--file", file.path, "--tasks", String(tasks), "--clock-offset", String(Self.expiry),
            "--lease-timeout", String(leaseTimeout),
        ])
    }

    /// The stored session, read with the children's clock.
    static func storedSession(
        _ storage: any SessionStorage
    ) async throws -> (session: CognitoUserSession, fingerprint: String) {
        let clock = OffsetClock()
        clock.advance(by: TimeInterval(Self.expiry))
        let session = try #require(
            try await SessionStore(storage: storage, clientId: Self.client, clock: clock).loadSession(username: "alice")
        )
        return (session, Self.fingerprint(session.accessToken.jwtToken))
    }

    /// Waits for `children` (4 × 50 callers) and checks the promise: one token request in serve's log, no
    /// RefreshTokenReuseException, every caller the same session, and that session the stored one, rotated.
    static func expectOneSharedRefresh(
        _ children: [SessionRefresherProcess], server: ServeServer, storage: any SessionStorage,
        signedIn: CognitoUserSession
    ) async throws {
        var lines: [String] = []
        for child in children {
            let (status, output) = await child.finish()
            #expect(status == 0, "a child failed: \(output.filter { !$0.hasPrefix("ok ") }.prefix(3))")
            lines += output.filter { $0 != "done" }
        }

        let log = try await server.requestLog()
        let refreshes = log.filter { $0.operation == "GetTokensFromRefreshToken" }
        #expect(refreshes.count == 1, "token requests: \(log.map(\.operation))")
        #expect(!log.contains { $0.errorType == "RefreshTokenReuseException" })
        #expect(lines.count == 200)
        let fingerprints = Set(lines.map { $0.hasPrefix("ok ") ? String($0.dropFirst(3)) : $0 })
        #expect(fingerprints.count == 1, "the children ended with \(fingerprints.count) different answers")

        let (stored, fingerprint) = try await storedSession(storage)
        #expect(fingerprints == [fingerprint], "the store holds another session than the children got")
        #expect(stored.isValid())
        #expect(stored.refreshToken != signedIn.refreshToken, "the refresh token was rotated and stored")
    }

    static func fingerprint(_ token: String) -> String {
        ((try? SHA256.hash(Array(token.utf8))) ?? []).map { String(format: "%02x", $0) }.joined()
    }

    @Test("4 processes × 50 getSession() on one expired session: one token request, no reuse, one session for all")
    func fourProcesses() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xproc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("sessions.json")
            let storage = FileStorage(fileURL: file)
            let signedIn = try await Self.signInAndExpire(server, storage: storage)

            let children = try (0..<4).map { _ in try refresher(server, file: file) }
            try await Self.expectOneSharedRefresh(children, server: server, storage: storage, signedIn: signedIn)
        }
    }

    @Test("The process holding the lock is SIGKILLed mid-refresh: another takes over within the lease timeout")
    func killedHolder() async throws {
        try await ServeServer.with(configuration: Self.configuration) { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xproc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("sessions.json")
            let storage = FileStorage(fileURL: file)
            _ = try await Self.signInAndExpire(server, storage: storage)
            // The first refresh hangs at the server for longer than the test waits.
            try await server.injectLatency(into: "GetTokensFromRefreshToken", milliseconds: 8_000)

            let holder = try refresher(server, file: file, tasks: 5)
            let lease = StorageKeys(clientId: Self.client).refreshLease(username: "alice")
            try await waitUntilHeld(lease, in: storage)
            let successor = try refresher(server, file: file, tasks: 5, leaseTimeout: 20)
            let clock = ContinuousClock()
            let killedAt = clock.now
            holder.killHard()
            let (killedStatus, _) = await holder.finish()
            #expect(killedStatus == SIGKILL)

            let (status, output) = await successor.finish()
            let tookOver = killedAt.duration(to: clock.now)
            #expect(status == 0, "the successor failed: \(output.prefix(3))")
            #expect(tookOver < .seconds(20), "the successor needed \(tookOver), more than its lease timeout")
            let fingerprints = Set(output.filter { $0 != "done" })
            let (stored, fingerprint) = try await Self.storedSession(storage)
            #expect(fingerprints == ["ok " + fingerprint], "the successor's session is the stored one")
            #expect(stored.isValid())

            // Nothing lost: the stored refresh token is the live one and refreshes again.
            let pool = try CognitoUserPool(
                userPoolId: Self.poolId, clientId: Self.client, endpoint: server.endpoint, storage: storage,
                transport: URLSessionTransport(requestTimeout: .seconds(10)),
                clock: OffsetClock(advancedBy: Self.expiry),
                retryPolicy: .none, refreshTokenRotation: true)
            let again = try await pool.user(named: "alice").refreshSession()
            #expect(again.isValid())
        }
    }

    /// Waits (up to 20 s) until another process holds the lease `name` of `storage`.
    func waitUntilHeld(_ name: String, in storage: FileStorage) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(20))
        while clock.now < deadline {
            do {
                try await storage.withRefreshLease(named: name, timeout: .zero) {}
            } catch let error as RefreshLeaseError where error == .timedOut {
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw MotoSetupError("no process took the refresh lease within 20 s")
    }
}

extension OffsetClock {
    convenience init(advancedBy seconds: Int) {
        self.init()
        advance(by: TimeInterval(seconds))
    }
}
