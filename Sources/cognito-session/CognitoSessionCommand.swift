import ArgumentParser
import CognitoSession
import Foundation

/// The `cognito-session` command-line tool.
@main
struct CognitoSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cognito-session",
        abstract: "Sign in to an Amazon Cognito user pool and keep the session fresh.",
        discussion: """
            The pool, client, endpoint and storage come from options, else COGNITO_* environment variables, else \
            the profile (--profile or COGNITO_PROFILE, else `default`) in $XDG_CONFIG_HOME/cognito-session/\
            config.toml (else ~/.config/cognito-session/config.toml): options win over variables, variables over \
            the profile. `cognito-session configure` writes a profile.

            An app client secret comes from COGNITO_CLIENT_SECRET, --client-secret-file PATH (a file only you \
            can read), --client-secret-prompt, or the profile, never from the command line, where ps shows it. \
            Text from the service is printed with control characters escaped, ESC as \\u{1B}, so it cannot \
            rewrite the terminal.

            Exit status:
            \(ExitStatus.table)
            """,
        version: CognitoSessionVersion.current,
        subcommands: [
            Demo.self, Configure.self, Login.self, Token.self, ClientToken.self, WhoAmI.self, Status.self, Users.self,
            Devices.self,
            Logout.self, SignUp.self, Confirm.self, ResendCode.self, ForgotPassword.self, ChangePassword.self,
            MFA.self, Completion.self, Serve.self,
        ]
    )

    /// Parses, runs, and ends the process with the status of ``ExitStatus`` for any error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(status(for: error))
        }
    }

    /// Prints what `error` means and returns the exit status: the tool's own line for errors of the
    /// tool and the library, ArgumentParser's text (usage errors exit with 2) for the rest.
    static func status(for error: any Error) -> Int32 {
        if let code = error as? ExitCode { return code.rawValue }
        if isToolError(error) {
            report(error)
            return ErrorReport(error).status.rawValue
        }
        let code = exitCode(for: error)
        if code == .success {
            FileHandle.standardOutput.write(Data((fullMessage(for: error) + "\n").utf8))
            return 0
        }
        let message = fullMessage(for: error)
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
    }

    /// Whether `error` is the tool's or the library's (as opposed to ArgumentParser's).
    static func isToolError(_ error: any Error) -> Bool {
        error is ToolError || error is NotSignedIn || error is PoolOptions.Missing || error is any CognitoSessionError
            || error is Terminal.EndOfInput
    }

    /// Prints the one-line report of `error` on stderr, and with `--verbose` the library's own description.
    static func report(_ error: any Error) {
        let context = ToolContext.shared.current
        Terminal.error("cognito-session: error: " + ErrorReport(error, context: context).line)
        if context.verbose { Terminal.error("cognito-session: detail: \(error)") }
    }
}

/// Runs a command body; an error of the tool or the library is printed as one line and ends the
/// run with its ``ExitStatus``.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error where CognitoSessionCommand.isToolError(error) {
        CognitoSessionCommand.report(error)
        throw ErrorReport(error).status.exitCode
    }
}
