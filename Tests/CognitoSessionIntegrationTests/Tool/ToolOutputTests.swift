import CognitoSession
import Foundation
import Testing

/// What the tool prints, for people and (with `--output json`) for programs, run against `cognito-session serve`.
@Suite(
    "cognito-session output against serve",
    .enabled(if: ServeServer.isAvailable, "the cognito-session tool is not built (or set COGNITO_SESSION_BIN)"))
struct ToolOutputTests {
    @Test("token --output json: the stored token, its use, user and expiry; --min-validity refreshes only when needed")
    func tokenJSON() async throws {
        try await ServeToolWorkspace.with { workspace in
            let login = try await workspace.login("alice")
            #expect(login.stderr.contains("Signed in as alice; the session expires in 59 min ("), "\(login.stderr)")
            let run = try await workspace.tool.run(["token", "--output", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try ServeToolWorkspace.json(run)
            let token = try #require(object["token"] as? String)
            #expect(try CognitoAccessToken(jwtToken: token).username == "alice")
            #expect(object["tokenUse"] as? String == "access")
            #expect(object["username"] as? String == "alice")
            let expiresIn = try #require(object["expiresIn"] as? Int)
            #expect((3000...3600).contains(expiresIn))
            let expiresAt = try #require(ISO8601DateFormatter().date(from: object["expiresAt"] as? String ?? ""))
            #expect(abs(expiresAt.timeIntervalSince(try CognitoAccessToken(jwtToken: token).expiration)) < 1)

            let id = try ServeToolWorkspace.json(try await workspace.tool.run(["token", "--id", "--output", "json"]))
            #expect(id["tokenUse"] as? String == "id")
            #expect(try CognitoIdToken(jwtToken: id["token"] as? String ?? "").email == "alice@example.com")

            let fresh = try await workspace.tool.run(["token", "--min-validity", "5m"])
            #expect(fresh.stdout == token + "\n", "a token valid for an hour is not refreshed for 5 minutes")
            let refreshed = try await workspace.tool.run(["token", "--min-validity", "2h"])
            #expect(refreshed.status == 0, "\(refreshed.stderr)")
            #expect(refreshed.stdout != token + "\n", "a token valid for less than 2 h is refreshed first")
            let again = try await workspace.tool.run(["token"])
            #expect(again.stdout == refreshed.stdout, "the refreshed token is the stored one")
            let bad = try await workspace.tool.run(["token", "--min-validity", "5 minutes"])
            #expect(bad.status == 2)
        }
    }

    @Test("whoami: local expiry in words; --output json with the claims")
    func whoami() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let human = try await workspace.tool.run(["whoami"])
            #expect(human.status == 0, "\(human.stderr)")
            let lines = human.stdout.split(separator: "\n")
            #expect(lines.contains("user:        alice"))
            #expect(lines.contains("email:       alice@example.com"))
            let expires = try #require(lines.first { $0.hasPrefix("expires:     ") })
            #expect(expires.hasSuffix(" (expires in 59 min)"), "\(expires)")
            #expect(!human.stdout.contains("clock drift"), "no drift against a local server")

            let object = try ServeToolWorkspace.json(try await workspace.tool.run(["whoami", "--output", "json"]))
            #expect(object["username"] as? String == "alice")
            #expect(object["email"] as? String == "alice@example.com")
            #expect(object["client"] as? String == "publicclient")
            let claims = try #require(object["claims"] as? [String: Any])
            #expect(claims["cognito:username"] as? String == "alice")
            #expect(claims["exp"] is Int)
        }
    }

    @Test("users: everyone signed in with the client, the last one marked; --username picks another")
    func users() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            try await workspace.login("bob")
            let human = try await workspace.tool.run(["users"])
            #expect(human.status == 0, "\(human.stderr)")
            let lines = human.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("  alice  access token expires in 59 min, refreshable") == true, "\(lines)")
            #expect(lines.last?.hasPrefix("* bob  access token expires in 59 min, refreshable") == true, "\(lines)")

            let object = try ServeToolWorkspace.json(try await workspace.tool.run(["users", "--output", "json"]))
            #expect(object["lastAuthUser"] as? String == "bob")
            let users = try #require(object["users"] as? [[String: Any]])
            #expect(users.map { $0["username"] as? String } == ["alice", "bob"])
            #expect(users.map { $0["current"] as? Bool } == [false, true])
            #expect(users.allSatisfy { $0["refreshable"] as? Bool == true })

            let token = try await workspace.tool.run(["token", "--username", "alice"])
            #expect(try CognitoAccessToken(jwtToken: String(token.stdout.dropLast())).username == "alice")
            let who = try ServeToolWorkspace.json(
                try await workspace.tool.run(["whoami", "--username", "alice", "--output", "json"]))
            #expect(who["username"] as? String == "alice")
            let logout = try await workspace.tool.run(["logout", "--username", "alice", "--global"])
            #expect(logout.status == 0, "\(logout.stderr)")
            let left = try ServeToolWorkspace.json(try await workspace.tool.run(["users", "--output", "json"]))
            #expect((left["users"] as? [[String: Any]])?.map { $0["username"] as? String } == ["bob"])
        }
    }

    @Test("status: what is stored and that the service accepts it; exit 3 and the reason once it is revoked")
    func status() async throws {
        try await ServeToolWorkspace.with { workspace in
            let none = try await workspace.tool.run(["status"])
            #expect(none.status == 3)
            #expect(none.stdout.contains("  not signed in\n"), "\(none.stdout)")

            try await workspace.login("alice")
            let human = try await workspace.tool.run(["status"])
            #expect(human.status == 0, "\(human.stderr)")
            let lines = human.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "pool \(ServeToolWorkspace.poolId), client publicclient, at \(workspace.serverHost)")
            #expect(lines.contains("  session file: \(workspace.sessionFile.path)"))
            #expect(lines.contains("  user: alice"))
            #expect(lines.contains { $0.hasPrefix("  access token: expires in 59 min (") })
            #expect(lines.contains("  refresh token: stored"))
            #expect(lines.contains("  device: remembered"))
            #expect(lines.last == "  service: accepts the session")

            let object = try ServeToolWorkspace.json(try await workspace.tool.run(["status", "--output", "json"]))
            #expect(object["username"] as? String == "alice")
            #expect(object["accepted"] as? Bool == true)
            #expect(object["signedIn"] as? Bool == true)
            #expect(object["error"] is NSNull)

            // Signed out everywhere from a copy: the stored tokens are dead at the service.
            let saved = try Data(contentsOf: workspace.sessionFile)
            #expect(try await workspace.tool.run(["logout", "--global"]).status == 0)
            try saved.write(to: workspace.sessionFile)
            let revoked = try await workspace.tool.run(["status", "--output", "json"])
            #expect(revoked.status == 3, "\(revoked.stdout)")
            let answer = try ServeToolWorkspace.json(revoked)
            #expect(answer["accepted"] as? Bool == false)
            #expect(answer["signedIn"] as? Bool == true)
            #expect((answer["error"] as? String)?.hasPrefix("the session of alice has ended (") == true, "\(answer)")
        }
    }

    @Test("devices --output json lists the device this sign-in remembered")
    func devices() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let object = try ServeToolWorkspace.json(try await workspace.tool.run(["devices", "--output", "json"]))
            let devices = try #require(object["devices"] as? [[String: Any]])
            #expect(devices.count == 1)
            let key = try #require(devices.first?["key"] as? String)
            #expect(key.hasPrefix("us-east-1_"))
            let human = try await workspace.tool.run(["devices"])
            #expect(human.stdout.hasPrefix(key + "  "), "\(human.stdout)")
            let forget = try await workspace.tool.run(["devices", "forget"])
            #expect(forget.status == 0, "\(forget.stderr)")
            let after = try ServeToolWorkspace.json(try await workspace.tool.run(["devices", "--output", "json"]))
            #expect((after["devices"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("--version, --help with the exit statuses, completion scripts for bash, zsh and fish")
    func versionHelpCompletion() async throws {
        let tool = try CommandLineTool(environment: [:])
        let version = try await tool.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == CognitoSessionVersion.current + "\n")
        let help = try await tool.run(["--help"])
        #expect(help.status == 0)
        for line in ["3  not signed in", "4  refused by the service", "5  network", "6  storage", "2  usage"] {
            #expect(help.stdout.contains(line), "\(line)")
        }
        for (shell, marker) in [
            ("bash", "_cognito-session()"), ("zsh", "#compdef cognito-session"),
            ("fish", "complete -c 'cognito-session'"),
        ] {
            let script = try await tool.run(["completion", shell])
            #expect(script.status == 0, "\(script.stderr)")
            #expect(script.stdout.contains(marker), "\(shell)")
            #expect(script.stdout.contains("whoami") && script.stdout.contains("forgot-password"), "\(shell)")
        }
        #expect(try await tool.run(["completion", "tcsh"]).status == 2)
    }
}

extension ServeToolWorkspace {
    /// `127.0.0.1:PORT`, as the tool names the server.
    var serverHost: String { "\(server.endpoint.host ?? ""):\(server.endpoint.port ?? 0)" }
}
