import ArgumentParser

/// The `cognito-session` command-line tool.
@main
struct CognitoSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cognito-session",
        abstract: "Sign in to an Amazon Cognito user pool and keep the session fresh.",
        discussion: """
            An app client secret comes from COGNITO_CLIENT_SECRET, --client-secret-file PATH (a file only you \
            can read) or --client-secret-prompt, never from the command line, where ps shows it. Text from the \
            service is printed with control characters escaped, ESC as \\u{1B}, so it cannot rewrite the terminal.
            """,
        subcommands: [
            Demo.self, Login.self, Token.self, ClientToken.self, WhoAmI.self, Devices.self, Logout.self, Serve.self,
        ]
    )
}
