import CognitoSession
import Foundation
import Testing

/// Profiles in config.toml: written by `configure`, chosen with --profile or COGNITO_PROFILE, and
/// overridden by variables and options (options > environment > profile).
@Suite(
    "cognito-session profiles against serve",
    .enabled(if: ServeServer.isAvailable, "the cognito-session tool is not built (or set COGNITO_SESSION_BIN)"))
struct ToolProfileTests {
    /// `configure` answers: pool, client, endpoint, domain, redirect URI, storage, secret source.
    private static func answers(client: String, endpoint: URL, secret: String = "none") -> String {
        [ServeToolWorkspace.poolId, client, endpoint.absoluteString, "", "", "", secret].joined(separator: "\n") + "\n"
    }

    @Test("configure writes the default profile (0600, atomically); login and token need no COGNITO_* variables")
    func defaultProfile() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = try CommandLineTool(environment: workspace.environment(pool: false))
            let configure = try await tool.run(
                ["configure"], stdin: Self.answers(client: "publicclient", endpoint: workspace.server.endpoint))
            #expect(configure.status == 0, "\(configure.stderr)")
            #expect(configure.stderr.hasSuffix("Wrote profile default to \(workspace.configFile.path).\n"))
            #expect(try workspace.permissions(workspace.configFile) == 0o600)
            let text = try String(contentsOf: workspace.configFile, encoding: .utf8)
            #expect(text.contains("[default]"))
            #expect(
                text.contains("user_pool_id = '\(ServeToolWorkspace.poolId)'")
                    || text.contains(#"user_pool_id = "\#(ServeToolWorkspace.poolId)""#), "\(text)")

            let login = try await tool.run(
                ["login", "--username", "alice", "--password-stdin"], stdin: ServeToolWorkspace.password + "\n")
            #expect(login.status == 0, "\(login.stderr)")
            let token = try await tool.run(["token"])
            #expect(token.status == 0, "\(token.stderr)")
            #expect(try CognitoAccessToken(jwtToken: String(token.stdout.dropLast())).clientId == "publicclient")

            // Environment over profile, option over environment.
            let other = try await tool.run(["token"], environment: ["COGNITO_CLIENT_ID": "unknownclient"])
            #expect(other.status == 3, "the environment's client has no session: \(other.stderr)")
            let flag = try await tool.run(
                ["token", "--client-id", "publicclient"], environment: ["COGNITO_CLIENT_ID": "unknownclient"])
            #expect(flag.status == 0, "\(flag.stderr)")

            // configure again keeps what Enter keeps.
            let again = try await tool.run(["configure"], stdin: "\n\n\n\n\n\n\n")
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try String(contentsOf: workspace.configFile, encoding: .utf8) == text)
        }
    }

    @Test("a named profile with client_secret_env, by --profile and by COGNITO_PROFILE; an unset variable is named")
    func secretFromEnvironment() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = try CommandLineTool(environment: workspace.environment(pool: false))
            let configure = try await tool.run(
                ["configure", "--profile", "work"],
                stdin: Self.answers(
                    client: "secretclient", endpoint: workspace.server.endpoint, secret: "env WORK_SECRET"))
            #expect(configure.status == 0, "\(configure.stderr)")
            let arguments = ["login", "--profile", "work", "--username", "alice", "--password-stdin"]
            let unset = try await tool.run(arguments, stdin: ServeToolWorkspace.password + "\n")
            #expect(unset.status == 2)
            #expect(
                unset.stderr
                    == "cognito-session: error: profile work takes the client secret from WORK_SECRET, which is not set: "
                    + "export it, or change client_secret_env in \(workspace.configFile.path)\n")
            let login = try await tool.run(
                arguments, stdin: ServeToolWorkspace.password + "\n",
                environment: ["WORK_SECRET": ServeToolWorkspace.secret])
            #expect(login.status == 0, "\(login.stderr)")
            let token = try await tool.run(
                ["token"], environment: ["COGNITO_PROFILE": "work", "WORK_SECRET": ServeToolWorkspace.secret])
            #expect(token.status == 0, "\(token.stderr)")
            let wrong = try await tool.run(
                ["token", "--min-validity", "2h"], environment: ["COGNITO_PROFILE": "work", "WORK_SECRET": "wrong"])
            #expect(
                wrong.stderr
                    == "cognito-session: error: the service refused the client secret for client secr…: check "
                    + "WORK_SECRET (profile work)\n")
            #expect(wrong.status == 4)
        }
    }

    @Test("a secret written in config.toml is used only while the file is 0600")
    func inlineSecret() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = try CommandLineTool(environment: workspace.environment(pool: false))
            try FileManager.default.createDirectory(
                at: workspace.configFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let text = """
                [default]
                user_pool_id = "\(ServeToolWorkspace.poolId)"
                client_id = "secretclient"
                endpoint = "\(workspace.server.endpoint.absoluteString)"
                client_secret = "\(ServeToolWorkspace.secret)"
                """
            try Data(text.utf8).write(to: workspace.configFile)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: workspace.configFile.path)
            let arguments = ["login", "--username", "alice", "--password-stdin"]
            let open = try await tool.run(arguments, stdin: ServeToolWorkspace.password + "\n")
            #expect(
                open.stderr
                    == "cognito-session: error: \(workspace.configFile.path) holds a client secret but others can read "
                    + "it: run chmod 600 \(workspace.configFile.path)\n")
            #expect(open.status == 6)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.configFile.path)
            let login = try await tool.run(arguments, stdin: ServeToolWorkspace.password + "\n")
            #expect(login.status == 0, "\(login.stderr)")
        }
    }

    @Test("a broken config.toml: exit 2 naming the file; an unknown key is named with the known ones")
    func brokenFile() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = try CommandLineTool(environment: workspace.environment(pool: false))
            try FileManager.default.createDirectory(
                at: workspace.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("[default\nuser_pool_id = 1".utf8).write(to: workspace.configFile)
            let broken = try await tool.run(["token"])
            #expect(broken.status == 2)
            #expect(
                broken.stderr.hasPrefix(
                    "cognito-session: error: the profiles file \(workspace.configFile.path) is not valid TOML (line 1)"),
                "\(broken.stderr)")
            try Data("[default]\nclientid = \"x\"\n".utf8).write(to: workspace.configFile)
            let unknown = try await tool.run(["token"])
            #expect(unknown.status == 2)
            #expect(
                unknown.stderr.hasPrefix(
                    "cognito-session: error: unknown key `clientid` in profile default of \(workspace.configFile.path); "
                        + "the keys are user_pool_id, client_id,"), "\(unknown.stderr)")
        }
    }
}
