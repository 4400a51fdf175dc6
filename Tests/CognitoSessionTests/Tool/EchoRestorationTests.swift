import Foundation
import Testing
import ToolTestSupport

/// The no-echo prompts under a pseudo-terminal: echo is off while the secret is typed and on
/// again however the prompt ends, a signal included.
@Suite("cognito-session: no-echo prompts give the terminal back")
struct EchoRestorationTests {
    /// Starts `cognito-session arguments...` on `terminal`, with no network.
    private static func start(_ arguments: [String], on terminal: PseudoTerminal) throws -> Process {
        let process = Process()
        process.executableURL = try ToolProcess.executable()
        process.arguments = arguments
        let variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        process.environment = ToolProcess.environment(variables)
        let handle = FileHandle(fileDescriptor: terminal.terminal, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Waits, off the cooperative pool, for `process` to end.
    private static func exit(of process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    @Test(
        "a signal at the password prompt turns echo back on, then ends the tool by that signal",
        arguments: [SIGINT, SIGTERM, SIGHUP])
    func signalAtPasswordPrompt(signal: Int32) async throws {
        let terminal = try PseudoTerminal()
        let process = try Self.start(["login", "--username", "x"], on: terminal)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(await terminal.waitFor("Password: "), "\(terminal.output)")
        #expect(try terminal.echoes == false, "echo is off while the password is typed")

        kill(process.processIdentifier, signal)
        await Self.exit(of: process)
        #expect(try terminal.echoes, "echo is back on after \(signal)")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
    }

    @Test("--client-secret-prompt asks without echo, and echo is on again after the answer")
    func clientSecretPrompt() async throws {
        let terminal = try PseudoTerminal()
        let process = try Self.start(["token", "--client-secret-prompt"], on: terminal)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(await terminal.waitFor("App client secret: "), "\(terminal.output)")
        #expect(try terminal.echoes == false)
        terminal.type("typed-secret\n")
        #expect(await terminal.waitFor("not signed in"), "\(terminal.output)")
        await Self.exit(of: process)
        #expect(process.terminationStatus == 3)
        #expect(try terminal.echoes)
        #expect(!terminal.output.contains("typed-secret"))
    }
}
