import ArgumentParser
import CognitoSession

/// `cognito-session signup`: register a user.
struct SignUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signup", abstract: "Register a new user (SignUp); then confirm with the code sent.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var account: AccountOptions

    @Option(
        name: .customLong("attribute"),
        help: ArgumentHelp("A user attribute, e.g. email=alice@example.com (repeatable).", valueName: "name=value"))
    var attributes: [String] = []

    func validate() throws {
        for attribute in attributes where !attribute.contains("=") || attribute.hasPrefix("=") {
            throw ValidationError("--attribute takes name=value, e.g. email=alice@example.com; got \(attribute)")
        }
    }

    func run() async throws {
        let library = try pool.makePool()
        let name = try account.name()
        let userAttributes = attributes.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return CognitoUserAttribute(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
        let result = try await account.withNewPassword { password in
            try await Terminal.step("Signing up…") {
                try await library.signUp(username: name, password: password, userAttributes: userAttributes)
            }
        }
        if result.userConfirmed {
            Terminal.progress(
                "Signed up \(name); the account is confirmed: run `\(ToolContext.shared.command("login"))`.")
        } else {
            Terminal.progress(
                "Signed up \(name); \(Delivery.text(result.codeDeliveryDetails)): run "
                    + "`\(ToolContext.shared.command("confirm"))`.")
        }
    }
}
