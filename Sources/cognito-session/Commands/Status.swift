import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session status`: what is stored, and whether the service still accepts it.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what is stored for a user and whether the service still accepts it (GetUser).",
        discussion: """
            Exits 0 when the service accepts the session, else with the status of the failure (3: not signed \
            in). With --output json: {"pool", "client", "host", "storage", "username", "signedIn", "expiresAt", \
            "refreshable", "deviceRemembered", "accepted", "error"}.
            """)

    @OptionGroup var pool: PoolOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let library = try pool.makePool()
        let stored = try await StoredUsers.read(library)
        let context = ToolContext.shared.current
        let name = user.username ?? stored.lastAuthUser
        ToolContext.shared.update { $0.username = name }
        let entry = name.flatMap(stored.entry)
        var failure: ErrorReport?
        if let name, entry != nil {
            do {
                _ = try await Terminal.step("Asking \(context.host ?? "the service")…") {
                    try await library.user(named: name).getUserData(bypassCache: true)
                }
            } catch let error where CognitoSessionCommand.isToolError(error) {
                failure = ErrorReport(error)
            }
        } else {
            failure = ErrorReport(NotSignedIn(username: name, file: try pool.storageURL()))
        }
        let refreshed = try await StoredUsers.read(library).entry(name ?? "") ?? entry
        if output.json {
            try JSONOutput.write([
                "pool": library.userPoolId, "client": library.clientId, "host": context.host ?? NSNull(),
                "storage": context.storagePath ?? NSNull(), "username": name ?? NSNull(),
                "signedIn": entry != nil, "accepted": entry != nil && failure == nil,
                "expiresAt": refreshed?.accessExpiration.map(TimeText.iso) ?? NSNull(),
                "refreshable": refreshed?.hasRefreshToken ?? false,
                "deviceRemembered": refreshed?.hasDevice ?? false, "error": failure?.line ?? NSNull(),
            ])
        } else {
            show(library, context: context, name: name, entry: refreshed, failure: failure)
        }
        if let failure { throw failure.status.exitCode }
    }

    private func show(
        _ library: CognitoUserPool, context: ToolContext.State, name: String?, entry: StoredUsers.Entry?,
        failure: ErrorReport?
    ) {
        Terminal.output("pool \(library.userPoolId), client \(library.clientId), at \(context.host ?? "-")")
        Terminal.output("  session file: \(context.storagePath ?? "-")")
        guard let name, let entry else {
            Terminal.output("  not signed in" + (name.map { " as \($0)" } ?? ""))
            if let failure { Terminal.output("  - \(failure.line)") }
            return
        }
        Terminal.output("  user: \(name)")
        if let expiration = entry.accessExpiration {
            Terminal.output("  access token: \(TimeText.expiry(expiration)) (\(TimeText.local(expiration)))")
        }
        Terminal.output("  refresh token: " + (entry.hasRefreshToken ? "stored" : "none"))
        Terminal.output("  device: " + (entry.hasDevice ? "remembered" : "not remembered"))
        if let failure {
            Terminal.output("  service: does not accept the session: \(failure.line)")
        } else {
            Terminal.output("  service: accepts the session")
        }
    }
}
