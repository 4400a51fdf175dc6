import ArgumentParser
import CognitoSession
import CognitoSessionTesting
import Foundation
import Hummingbird
import Logging

/// `cognito-session serve`: the in-process user pools (``LocalCognito``) over HTTP, for test suites in any language.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve local Cognito user pools over HTTP (AWS JSON 1.1) for tests in any language.",
        discussion: """
            The first line printed is exactly `listening on http://HOST:PORT`. Ctrl-C or SIGTERM stops the \
            server. Test controls are under /_local/ (CognitoSession.docc/Testing.md). Requests signed with \
            Signature V4 are accepted whatever the credentials.
            """)

    @Option(help: "The port to listen on (0: any free port; the first line printed names it).")
    var port = 9229

    @Option(help: "The address to bind (loopback unless told otherwise).")
    var host = "127.0.0.1"

    @Option(
        help: "A JSON file of pools, clients and users to create at start (schema in CognitoSession.docc/Testing.md).")
    var config: String?

    @Option(help: "A JSON file keeping the pools, clients, users and tokens across restarts (written atomically).")
    var state: String?

    @Option(help: "The region of pools made by unsigned CreateUserPool requests.")
    var region = "us-east-1"

    @Flag(help: "Give tokens the service's issuer (https://cognito-idp.REGION.amazonaws.com/POOL), not this server.")
    var awsIssuer = false

    @Flag(help: "Do not log each request (operation and status) on standard error.")
    var quiet = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() async throws {
        let clock = OffsetClock()
        let cognito = LocalCognito(defaultRegion: region, clock: clock)
        let configData = try config.map { path in
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ValidationError("cannot read --config \(path): \(error.localizedDescription)")
            }
        }
        let responder = ServeResponder(cognito: cognito, clock: clock, logsRequests: !quiet)
        var logger = Logger(label: "cognito-session-serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        let host = host, port = port, awsIssuer = awsIssuer
        let saver = state.map { ServeState(path: $0, cognito: cognito) }
        // Saves only after a change, so it never writes before the state is restored.
        let saving = saver.map { saver in Task { await saver.keepSaving() } }
        let app = Application(
            responder: CallbackResponder<ServeContext> { request, context in
                await responder.respond(to: request, context: context)
            },
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let base = "http://\(host):\(bound)"
                if !awsIssuer { await cognito.setIssuerBase(base) }
                await cognito.setServerBase(base)
                do {
                    if let saver { try await saver.restore() }
                    if let configData { try await cognito.load(configuration: configData) }
                } catch {
                    FileHandle.standardError.write(Data("cognito-session serve: \(error)\n".utf8))
                    Foundation.exit(1)
                }
                FileHandle.standardOutput.write(Data("listening on \(base)\n".utf8))
            },
            logger: logger)
        try await app.runService()
        // The last periodic save must finish before the final one, or an older snapshot could land last.
        saving?.cancel()
        await saving?.value
        if let saver { try await saver.save() }
    }
}
