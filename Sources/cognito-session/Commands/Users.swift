import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session users`: who has a session in the session file for this client.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the users signed in with this client (from the session file; nothing is sent).",
        discussion: """
            The user marked * signed in last and is the default for token, whoami, devices and logout; pick \
            another with --username. With --output json: {"lastAuthUser", "users": [{"username", "current", \
            "expiresAt", "refreshable", "deviceRemembered"}]}.
            """)

    @OptionGroup var pool: PoolOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let stored = try await StoredUsers.read(try pool.makePool())
        if output.json {
            try JSONOutput.write([
                "lastAuthUser": stored.lastAuthUser ?? NSNull(),
                "users": stored.users.map { user -> [String: Any] in
                    [
                        "username": user.username, "current": user.username == stored.lastAuthUser,
                        "expiresAt": user.accessExpiration.map(TimeText.iso) ?? NSNull(),
                        "refreshable": user.hasRefreshToken, "deviceRemembered": user.hasDevice,
                    ]
                },
            ])
            return
        }
        guard !stored.users.isEmpty else {
            throw NotSignedIn(username: nil, file: try pool.storageURL())
        }
        for user in stored.users {
            let mark = user.username == stored.lastAuthUser ? "*" : " "
            var line = "\(mark) \(user.username)"
            if let expiration = user.accessExpiration { line += "  access token \(TimeText.expiry(expiration))" }
            line += user.hasRefreshToken ? ", refreshable" : ", not refreshable"
            if user.hasDevice { line += ", device remembered" }
            Terminal.output(line)
        }
    }
}
