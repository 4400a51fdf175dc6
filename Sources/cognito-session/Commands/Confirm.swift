import ArgumentParser
import CognitoSession

/// `cognito-session confirm`: confirm a sign-up with the code that was sent.
struct Confirm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Confirm a sign-up with the code that was sent (asked; never on the command line).")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var account: AccountOptions

    func run() async throws {
        let user = try pool.makePool().user(named: try account.name())
        try await Login.withCode("Code: ") { code in
            try await Terminal.step("Confirming…") { try await user.confirmRegistration(code: code) }
        }
        Terminal.progress("Confirmed \(user.username): run `\(ToolContext.shared.command("login"))`.")
    }
}

/// `cognito-session resend-code`: send the sign-up code again.
struct ResendCode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend-code", abstract: "Send the sign-up confirmation code again.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var account: AccountOptions

    func run() async throws {
        let user = try pool.makePool().user(named: try account.name())
        let details = try await user.resendConfirmationCode()
        Terminal.progress("\(Delivery.text(details)): run `\(ToolContext.shared.command("confirm"))`.")
    }
}
