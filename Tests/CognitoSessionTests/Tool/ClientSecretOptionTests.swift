import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// Where the tool takes the app client secret from: COGNITO_CLIENT_SECRET, a private file, a
/// prompt, or (deprecated, with a warning) the command line.
@Suite("cognito-session: the client secret never needs the command line")
struct ClientSecretOptionTests {
    private static let secret = "s3cret-\(UUID().uuidString.prefix(8))"
    private static let warning =
        "warning: --client-secret puts the secret on the command line, where ps shows "
        + "it; use COGNITO_CLIENT_SECRET or --client-secret-file"

    /// The SHA-256 (hex) of the SECRET_HASH the pool computes for user `x` with `secret`, as the
    /// server's /reflect/ route reports it.
    private static func expectedHash(_ secret: String) throws -> String {
        let pool = try CognitoUserPool(
            userPoolId: ToolProcess.offlinePool["COGNITO_USER_POOL_ID"]!,
            clientId: ToolProcess.offlinePool["COGNITO_CLIENT_ID"]!, clientSecret: secret, endpoint: nil,
            storage: MemoryStorage(), transport: MockTransport())
        let hash = try #require(try pool.secretHash(for: "x"))
        return try SHA256.hash(Array(hash.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A file holding `content` with permissions `mode`, in a folder the caller removes.
    private static func secretFile(_ content: String, mode: Int16, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("client-secret")
        try Data(content.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: file.path)
        return file
    }

    /// `login` of user `x` against the server's /reflect/ route, which answers with the
    /// SECRET_HASH it received.
    private static func login(
        _ extra: [String], environment: [String: String?] = [:]
    ) async throws
        -> ToolProcess.Output
    {
        try await HostileCognito.run { server in
            var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
            variables["COGNITO_ENDPOINT"] = server.endpoint("reflect")
            variables["COGNITO_SESSION_FILE"] = ToolProcess.freshSessionFile()
            variables.merge(environment) { $1 }
            return try await ToolProcess.run(
                ["login", "--username", "x", "--password-stdin"] + extra, stdin: "pw\n", environment: variables)
        }
    }

    @Test("--client-secret-file: the file's content without its trailing newline makes the SECRET_HASH")
    func fromFile() async throws {
        let directory = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.secretFile(Self.secret + "\n", mode: 0o600, in: directory)
        let run = try await Self.login(["--client-secret-file", file.path])
        #expect(run.status == 4)
        #expect(run.stderr.contains("SECRET_HASH sha256=\(try Self.expectedHash(Self.secret))"), "\(run.stderr)")
        #expect(!run.stderr.contains("warning"))
        #expect(!run.stderr.contains(Self.secret) && !run.stdout.contains(Self.secret))
    }

    @Test("COGNITO_CLIENT_SECRET makes the SECRET_HASH, with no warning")
    func fromEnvironment() async throws {
        let run = try await Self.login([], environment: ["COGNITO_CLIENT_SECRET": Self.secret])
        #expect(run.stderr.contains("SECRET_HASH sha256=\(try Self.expectedHash(Self.secret))"), "\(run.stderr)")
        #expect(!run.stderr.contains("warning"))
    }

    @Test("--client-secret VALUE still works, with one warning line that ps shows it")
    func deprecatedOption() async throws {
        let run = try await Self.login(["--client-secret", Self.secret])
        #expect(run.stderrLines.first.map(String.init) == Self.warning, "\(run.stderr)")
        #expect(run.stderrLines.filter { $0.hasPrefix("warning:") }.count == 1)
        #expect(run.stderr.contains("SECRET_HASH sha256=\(try Self.expectedHash(Self.secret))"), "\(run.stderr)")
        #expect(!run.stderr.contains(Self.secret))
    }

    @Test(
        "a secret file readable by group or others is refused, naming the file and chmod 600",
        arguments: [Int16(0o644), 0o640, 0o604])
    func openFileRefused(mode: Int16) async throws {
        let directory = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.secretFile(Self.secret, mode: mode, in: directory)
        let run = try await ToolProcess.run(
            ["token", "--client-secret-file", file.path], environment: ToolProcess.offlinePool)
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("cognito-session: error: the client secret file \(file.path) is readable"))
        #expect(run.stderr.contains("chmod 600 \(file.path)"))
        #expect(!run.stderr.contains(Self.secret))
    }

    @Test("an empty, missing or directory secret file is a one-line error naming it")
    func unusableFiles() async throws {
        let directory = try ToolProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = try Self.secretFile("\n", mode: 0o600, in: directory)
        let missing = directory.appendingPathComponent("missing")
        let cases = [(empty.path, "is empty"), (missing.path, "No such file"), (directory.path, "is a directory")]
        for (path, reason) in cases {
            let run = try await ToolProcess.run(
                ["token", "--client-secret-file", path], environment: ToolProcess.offlinePool)
            #expect(run.status == 2)
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains("client secret file \(path)") && run.stderr.contains(reason), "\(run.stderr)")
        }
    }

    @Test("two sources at once, or --client-secret-prompt without a terminal, are refused")
    func conflictsAndNoTerminal() async throws {
        let both = try await ToolProcess.run(
            ["token", "--client-secret-file", "/nonexistent", "--client-secret-prompt"],
            environment: ToolProcess.offlinePool)
        #expect(both.status == 2)
        #expect(both.stderr.contains("give the client secret one way"), "\(both.stderr)")
        let prompt = try await ToolProcess.run(
            ["token", "--client-secret-prompt"], stdin: Self.secret + "\n", environment: ToolProcess.offlinePool)
        #expect(prompt.status == 2)
        #expect(prompt.stderr.contains("--client-secret-prompt needs a terminal"), "\(prompt.stderr)")
    }
}
