import ArgumentParser
import CognitoSession

/// `cognito-session logout`: sign out here (and with `--global`, everywhere).
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign out: revoke the refresh token and forget the session.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var user: UserOptions

    @Flag(help: "Sign out of every device (GlobalSignOut).")
    var global = false

    func run() async throws {
        let user = try await pool.currentUser(self.user.username)
        if global {
            _ = try await pool.currentSession(user.username)
            try await user.globalSignOut()
            Terminal.progress("Signed out.")
            return
        }
        switch try await user.signOut() {
        case .revoked, .notRevoked(.notRequested), .notRevoked(.noRefreshToken), .notRevoked(.refreshTokenInvalid):
            Terminal.progress("Signed out.")
        case .revocationPending(let reason):
            Terminal.progress(
                "signed out here; the refresh token could not be revoked yet: \(ErrorReport(reason).line) "
                    + "(it is kept and revoked at the next sign-in or refresh)")
        case .notRevoked(let reason):
            Terminal.progress("signed out here; nothing was revoked: \(reason)")
        }
    }
}
