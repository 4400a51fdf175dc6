import ArgumentParser
import CognitoSession

/// `cognito-session forgot-password`: reset a password with a code.
struct ForgotPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forgot-password",
        abstract: "Reset a forgotten password: a code is sent, then asked with the new password.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var account: AccountOptions

    func run() async throws {
        let user = try pool.makePool().user(named: try account.name())
        let details = try await Terminal.step("Asking for a code…") { try await user.forgotPassword() }
        let sent = Delivery.text(details)
        Terminal.progress(sent.prefix(1).uppercased() + sent.dropFirst() + ".")
        try await account.withNewPassword { password in
            try await Login.withCode("Code: ") { code in
                try await user.confirmPassword(code: code, newPassword: password)
            }
        }
        Terminal.progress("The password of \(user.username) is reset: run `\(ToolContext.shared.command("login"))`.")
    }
}

/// `cognito-session change-password`: change the signed-in user's password.
struct ChangePassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-password", abstract: "Change the signed-in user's password.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var user: UserOptions

    func run() async throws {
        let (user, _) = try await pool.currentSession(self.user.username)
        let old = try Terminal.askSecret("Current password: ")
        guard !old.isEmpty else { throw ToolError("no current password given") }
        try await Login.withNewPassword { password in
            try await user.changePassword(oldPassword: old, newPassword: password)
        }
        Terminal.progress("Password changed for \(user.username).")
    }
}
