import ArgumentParser

/// The `cognito-session` command-line tool.
@main
struct CognitoSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cognito-session",
        abstract: "Sign in to an Amazon Cognito user pool and keep the session fresh.",
        subcommands: [Demo.self, Login.self, Token.self, WhoAmI.self, Devices.self, Logout.self, Serve.self]
    )
}
