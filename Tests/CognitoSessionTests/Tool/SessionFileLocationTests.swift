import Foundation
import Testing

/// The default session file follows XDG_CONFIG_HOME and $HOME (from the environment), and
/// "not signed in" names the file the tool looked in.
@Suite("cognito-session: the default session file")
struct SessionFileLocationTests {
    /// A folder that does not exist (Foundation creates caches under HOME, so not under /).
    private static let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("cognito-home-\(UUID().uuidString)").path

    private static func whoami(_ variables: [String: String?]) async throws -> ToolProcess.Output {
        var environment = ToolProcess.offlinePool.mapValues { Optional($0) }
        environment["COGNITO_SESSION_FILE"] = nil as String?
        environment.merge(variables) { $1 }
        return try await ToolProcess.run(["whoami"], environment: environment)
    }

    @Test("XDG_CONFIG_HOME, when absolute, holds cognito-session/sessions.json")
    func xdgConfigHome() async throws {
        let run = try await Self.whoami(["HOME": "\(Self.base)/home", "XDG_CONFIG_HOME": "\(Self.base)/xdg"])
        #expect(run.status == 3)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("cognito-session: error: not signed in: no session is stored in "))
        #expect(run.stderr.contains(" \(Self.base)/xdg/cognito-session/sessions.json;"), "\(run.stderr)")
    }

    @Test(
        "without XDG_CONFIG_HOME, or with a relative one, $HOME/.config/cognito-session/sessions.json",
        arguments: [nil, "", "relative/config"] as [String?])
    func home(xdg: String?) async throws {
        let run = try await Self.whoami(["HOME": "\(Self.base)/home", "XDG_CONFIG_HOME": xdg])
        #expect(run.status == 3)
        #expect(run.stderr.contains(" \(Self.base)/home/.config/cognito-session/sessions.json;"), "\(run.stderr)")
    }

    @Test("COGNITO_SESSION_FILE wins over both, and the error names it")
    func explicitFile() async throws {
        let run = try await Self.whoami([
            "HOME": "\(Self.base)/home", "XDG_CONFIG_HOME": "\(Self.base)/xdg",
            "COGNITO_SESSION_FILE": "\(Self.base)/explicit.json",
        ])
        #expect(run.stderr.contains(" \(Self.base)/explicit.json;"), "\(run.stderr)")
    }

    @Test("with neither HOME nor XDG_CONFIG_HOME, a clear error says what to set")
    func noHome() async throws {
        let run = try await Self.whoami(["HOME": nil, "XDG_CONFIG_HOME": nil])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("HOME") && run.stderr.contains("COGNITO_SESSION_FILE"), "\(run.stderr)")
    }
}
