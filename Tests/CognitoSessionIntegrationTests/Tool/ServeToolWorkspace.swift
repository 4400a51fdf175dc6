import CognitoSession
import Foundation
import Testing
import ToolTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `cognito-session serve` for one test and the tool pointed at it: COGNITO_* variables for the
/// public client, HOME and XDG_CONFIG_HOME in a fresh folder (so the session file and config.toml
/// are the defaults there), nothing else from the test's environment but PATH.
struct ServeToolWorkspace: Sendable {
    static let poolId = "us-east-1_ToolTest1"
    static let password = "Correct-h0rse-1"
    static let secret = "s3cretForTheToolTestsOnly0123456789abcdefghijklmnopq"

    /// Passwords of 10 or more characters with a number; email codes for sign-up; optional MFA;
    /// devices remembered without asking; a public and a secret client; alice and bob.
    static var configuration: [String: Any] {
        [
            "UserPools": [
                [
                    "Id": poolId, "PoolName": "tool-tests", "MfaConfiguration": "OPTIONAL",
                    "AutoVerifiedAttributes": ["email"],
                    "Policies": ["PasswordPolicy": ["MinimumLength": 10, "RequireNumbers": true]],
                    "DeviceConfiguration": [
                        "ChallengeRequiredOnNewDevice": false, "DeviceOnlyRememberedOnUserPrompt": false,
                    ],
                    "Clients": [
                        ["ClientName": "public", "ClientId": "publicclient"],
                        [
                            "ClientName": "secret", "ClientId": "secretclient", "GenerateSecret": true,
                            "ClientSecret": secret,
                        ],
                    ],
                    "Users": [
                        ["Username": "alice", "Password": password, "Attributes": ["email": "alice@example.com"]],
                        ["Username": "bob", "Password": password, "Attributes": ["email": "bob@example.com"]],
                    ],
                ]
            ]
        ]
    }

    let root: URL
    let server: ServeServer
    let tool: CommandLineTool

    /// `root/config/cognito-session/sessions.json`, the default session file here.
    var sessionFile: URL { root.appendingPathComponent("config/cognito-session/sessions.json") }
    /// `root/config/cognito-session/config.toml`, the default profiles file here.
    var configFile: URL { root.appendingPathComponent("config/cognito-session/config.toml") }

    /// The variables every run gets; COGNITO_* for the public client unless `pool` is false.
    func environment(pool: Bool = true) -> [String: String] {
        Self.environment(root: root, endpoint: server.endpoint, pool: pool)
    }

    private static func environment(root: URL, endpoint: URL, pool: Bool) -> [String: String] {
        var variables = ["HOME": root.path, "XDG_CONFIG_HOME": root.appendingPathComponent("config").path]
        if pool {
            variables["COGNITO_USER_POOL_ID"] = poolId
            variables["COGNITO_CLIENT_ID"] = "publicclient"
            variables["COGNITO_ENDPOINT"] = endpoint.absoluteString
        }
        return variables
    }

    /// `login --username NAME --password-stdin`, expected to succeed.
    @discardableResult
    func login(_ username: String, password: String = Self.password) async throws -> CommandLineTool.Output {
        let run = try await tool.run(["login", "--username", username, "--password-stdin"], stdin: password + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        return run
    }

    /// The stdout of a `--output json` run, as an object.
    static func json(_ run: CommandLineTool.Output) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return try #require(object, "not a JSON object: \(run.stdout)")
    }

    /// The newest code the pool sent to `username` for `purpose`.
    func code(for username: String, purpose: String) async throws -> String {
        let messages = try await server.messages(pool: Self.poolId, username: username)
        return try #require(messages.last { $0.purpose == purpose }?.code, "no \(purpose) code for \(username)")
    }

    /// `code` with its first digit changed, so it is certainly wrong.
    static func wrong(_ code: String) -> String {
        guard let first = code.first?.wholeNumberValue else { return "x" + code }
        return String((first + 1) % 10) + code.dropFirst()
    }

    func permissions(_ url: URL) throws -> Int? {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Runs `body` with a fresh server and folder, removed afterwards.
    static func with(_ body: (ServeToolWorkspace) async throws -> Void) async throws {
        try await ServeServer.with(configuration: configuration) { server in
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let tool = try CommandLineTool(environment: environment(root: root, endpoint: server.endpoint, pool: true))
            let workspace = ServeToolWorkspace(root: root, server: server, tool: tool)
            try await body(workspace)
        }
    }

    /// Starts the tool on a new pseudo-terminal (stdin, stdout and stderr), with this workspace's
    /// variables and `overrides`.
    func startOnTerminal(
        _ arguments: [String], environment overrides: [String: String] = [:]
    ) throws
        -> (PseudoTerminal, Process)
    {
        let terminal = try PseudoTerminal()
        let process = Process()
        process.executableURL = tool.executable
        process.arguments = arguments
        process.environment = tool.environment.merging(overrides) { $1 }
        let handle = FileHandle(fileDescriptor: terminal.terminal, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (terminal, process)
    }

    /// Waits, off the cooperative pool, for `process` to end, and returns its status.
    static func exit(of process: Process) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }
}
