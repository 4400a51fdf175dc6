import Foundation
import Testing

@testable import CognitoSession

/// The `cognito-session` executable, run as a child process against moto with its options in
/// COGNITO_* environment variables and its session in a temporary FileStorage file.
@Suite("The cognito-session tool against moto", .againstMoto)
struct CommandLineIntegrationTests {
    /// A temporary folder; the session file goes in a subfolder the tool has to create.
    private struct Workspace {
        let root: URL
        let sessionFile: URL
        let tool: CommandLineTool
        let poolId: String

        init(_ moto: MotoPool) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            sessionFile = root.appendingPathComponent("config/sessions.json")
            tool = try CommandLineTool(pool: moto, sessionFile: sessionFile, home: root)
            poolId = moto.userPoolId
        }

        /// The session file's keys and values.
        func items() throws -> [String: String] {
            try JSONDecoder().decode([String: String].self, from: Data(contentsOf: sessionFile))
        }

        func permissions(_ url: URL) throws -> Int? {
            try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    private static let tokenKinds = [".idToken", ".accessToken", ".refreshToken"]

    @Test("login --password-stdin, token, whoami, logout --global: one JWT line, the user and expiry, no tokens left")
    func loginTokenWhoamiLogout() async throws {
        let moto = try await MotoPool.load()
        let email = try await moto.pool().newUser().username
        let workspace = try Workspace(moto)
        defer { workspace.remove() }
        let tool = workspace.tool

        let login = try await tool.run(
            ["login", "--username", email, "--password-stdin"], stdin: MotoPool.password + "\n")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.isEmpty)
        #expect(login.stderr.contains("Signed in as "))
        #expect(!login.stderr.contains(MotoPool.password))
        #expect(try workspace.permissions(workspace.sessionFile) == 0o600)
        #expect(try workspace.permissions(workspace.sessionFile.deletingLastPathComponent()) == 0o700)
        let items = try workspace.items()
        let user = try #require(items["CognitoIdentityServiceProvider.\(moto.clientId).LastAuthUser"])
        let stored = try #require(items["CognitoIdentityServiceProvider.\(moto.clientId).\(user).accessToken"])
        #expect(!items.values.contains(MotoPool.password))

        let token = try await tool.run(["token"])
        #expect(token.status == 0, "\(token.stderr)")
        #expect(token.stderr.isEmpty)
        let lines = token.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "stdout is one line ending in a newline")
        let jwt = String(lines.first ?? "")
        #expect(jwt.split(separator: ".", omittingEmptySubsequences: false).count == 3)
        #expect(jwt == stored)
        let access = try CognitoAccessToken(jwtToken: jwt)
        #expect(access.tokenUse == "access")
        #expect(access.username == user)

        let whoami = try await tool.run(["whoami"])
        #expect(whoami.status == 0, "\(whoami.stderr)")
        let shown = whoami.stdout.split(separator: "\n")
        #expect(shown.contains("user:        \(user)"))
        let expires = try #require(shown.first { $0.hasPrefix("expires:     ") })
        #expect(expires.hasSuffix(" min)") && expires.contains(" (expires in "), "\(expires)")
        #expect(shown.contains("client:      \(moto.clientId)"))
        #expect(!whoami.stdout.contains(jwt))

        let logout = try await tool.run(["logout", "--global"])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stderr == "Signed out.\n")
        let left = try workspace.items()
        #expect(!left.keys.contains { key in Self.tokenKinds.contains { key.hasSuffix($0) } }, "\(left.keys.sorted())")

        // The access token the tool printed is dead at the service too.
        let pool = try moto.pool()
        await #expect(throws: CognitoServiceError.notAuthorized) {
            try await pool.service.send(GetUserRequest(accessToken: jwt))
        }
    }

    /// moto puts `origin_jti` in its tokens, which tells the library that the app client revokes
    /// refresh tokens, but does not implement RevokeToken (HTTP 500). Real Cognito does; here the
    /// run shows what a revocation failing for a passing reason does: local tokens cleared, the
    /// refresh token kept as a pending revocation, one line saying so, status 0.
    @Test("logout when RevokeToken fails (moto lacks it): signed out here, the revocation pending, one line")
    func logoutWithAFailedRevocation() async throws {
        let moto = try await MotoPool.load()
        let email = try await moto.pool().newUser().username
        let workspace = try Workspace(moto)
        defer { workspace.remove() }
        let login = try await workspace.tool.run(
            ["login", "--username", email, "--password-stdin"], stdin: MotoPool.password)
        #expect(login.status == 0, "\(login.stderr)")

        let logout = try await workspace.tool.run(["logout"])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stdout.isEmpty)
        #expect(logout.stderrLines.count == 1)
        #expect(logout.stderr.hasPrefix("signed out here; the refresh token could not be revoked yet: "))
        let left = try workspace.items()
        #expect(!left.keys.contains { key in Self.tokenKinds.contains { key.hasSuffix($0) } }, "\(left.keys.sorted())")
        #expect(left.keys.contains { $0.hasSuffix(".pendingRevocations") }, "\(left.keys.sorted())")
    }

    @Test(
        "Errors: token with no session (3), login of an unknown user (4), a missing pool id (2): one line saying what to do"
    )
    func errorsAreOneLineOnStderr() async throws {
        let workspace = try Workspace(try await MotoPool.load())
        defer { workspace.remove() }
        let tool = workspace.tool

        let token = try await tool.run(["token"])
        #expect(token.status == 3)
        #expect(token.stdout.isEmpty)
        #expect(
            token.stderr
                == "cognito-session: error: not signed in: no session is stored in \(workspace.sessionFile.path); "
                + "run `cognito-session login`\n")

        // moto does not check the SRP proof (a wrong password signs in), so the refused login is
        // of a user the pool does not have.
        let password = "Correct-h0rse-\(UUID().uuidString.prefix(8))"
        let unknown = MotoPool.uniqueUsername()
        let login = try await tool.run(["login", "--username", unknown, "--password-stdin"], stdin: password + "\n")
        #expect(login.status == 4)
        #expect(login.stdout.isEmpty)
        let loginErrors = login.stderrLines.filter { $0.hasPrefix("cognito-session: error: ") }
        #expect(
            loginErrors == [
                "cognito-session: error: the pool \(workspace.poolId) has no user \(unknown): check the name, or sign "
                    + "up with `cognito-session signup --username \(unknown)`"
            ], "\(login.stderr)")
        #expect(!login.stderr.contains(password))
        let items = (try? workspace.items()) ?? [:]
        #expect(!items.keys.contains { key in Self.tokenKinds.contains { key.hasSuffix($0) } })

        let unconfigured = try await tool.run(["token"], environment: ["COGNITO_USER_POOL_ID": nil])
        #expect(unconfigured.status == 2)
        #expect(
            unconfigured.stderr
                == "cognito-session: error: missing --user-pool-id (or the COGNITO_USER_POOL_ID environment variable, "
                + "or user_pool_id in a profile: run `cognito-session configure`)\n")
    }
}
