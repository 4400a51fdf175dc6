import ArgumentParser
import CognitoSession

/// `--username` and `--password-stdin` for the account commands that act before a sign-in.
struct AccountOptions: ParsableArguments {
    @Option(help: "The user name (asked when omitted).")
    var username: String?

    @Flag(help: "Read the (new) password from the first line of standard input instead of prompts.")
    var passwordStdin = false

    /// The user name, asked for when not given; recorded for error lines.
    func name() throws -> String {
        let name = try username ?? Terminal.ask("Username: ")
        guard !name.isEmpty else { throw ToolError("no user name given") }
        ToolContext.shared.update { $0.username = name }
        return name
    }

    /// Sends a new password: from standard input once, or asked twice and asked again while the
    /// service refuses it (the refusal shows the pool's policy).
    func withNewPassword<T: Sendable>(_ send: (String) async throws -> T) async throws -> T {
        if passwordStdin { return try await send(try Login.passwordFromStandardInput()) }
        return try await Login.withNewPassword(send)
    }
}

/// What the service said about where a code went.
enum Delivery {
    /// `a code was sent to a***@e*** by EMAIL`.
    static func text(_ details: CodeDeliveryDetails?) -> String {
        guard let details, let destination = details.destination else { return "a code was sent" }
        return "a code was sent to \(destination)" + (details.deliveryMedium.map { " by \($0)" } ?? "")
    }
}
