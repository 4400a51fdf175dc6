import Foundation

/// What the current run is about, for error lines that name the host, client, user, file and
/// secret source: filled in by ``PoolOptions`` as it builds the pool, read by ``ErrorReport``.
final class ToolContext: @unchecked Sendable {
    // @unchecked: every property is read and written under `lock`.
    private let lock = NSLock()
    private var state = State()

    /// The values an error line may name; never a secret.
    struct State: Sendable {
        var verbose = false
        var host: String?
        var poolId: String?
        var clientId: String?
        var username: String?
        var profile: String?
        var storagePath: String?
        /// Where the client secret came from, in words: `COGNITO_CLIENT_SECRET`, `the file /x`.
        var secretSource: String?
    }

    /// The one context of this process.
    static let shared = ToolContext()

    var current: State {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func update(_ change: (inout State) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&state)
    }

    /// `cognito-session login` with `--profile` and `--username` when they were given.
    func command(_ name: String, username: String? = nil) -> String {
        let state = current
        var text = "cognito-session \(name)"
        if let profile = state.profile { text += " --profile \(profile)" }
        if let username = username ?? state.username { text += " --username \(username)" }
        return text
    }
}
