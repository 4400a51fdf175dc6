import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session token`: print a valid token, refreshing it when needed.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a valid access token (refreshed when needed).",
        discussion: """
            curl -H "Authorization: Bearer $(cognito-session token)" https://api.example.com/
            With --output json: {"token", "tokenUse", "username", "expiresAt" (ISO 8601), "expiresIn" (seconds)}.
            """)

    @OptionGroup var pool: PoolOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print the ID token instead.")
    var id = false

    @Option(help: "Refresh first when the token would expire sooner than this: 30s, 5m, 1h.")
    var minValidity: DurationArgument?

    func run() async throws {
        var (user, session) = try await pool.currentSession(self.user.username)
        if let minValidity, session.accessToken.expiration.timeIntervalSinceNow < Double(minValidity.seconds) {
            session = try await Terminal.step("Refreshing the session…") { try await user.refreshSession() }
        }
        let (token, expiration) =
            id
            ? (session.idToken.jwtToken, session.idToken.expiration)
            : (session.accessToken.jwtToken, session.accessToken.expiration)
        if output.json {
            try JSONOutput.write([
                "token": token, "tokenUse": id ? "id" : "access", "username": user.username,
                "expiresAt": TimeText.iso(expiration),
                "expiresIn": max(0, Int(expiration.timeIntervalSinceNow.rounded(.down))),
            ])
        } else {
            Terminal.output(token)
        }
    }
}
