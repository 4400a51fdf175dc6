import ArgumentParser

/// `cognito-session completion bash|zsh|fish`: the shell completion script.
struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            bash: cognito-session completion bash > ~/.local/share/bash-completion/completions/cognito-session
            zsh:  cognito-session completion zsh > "${fpath[1]}/_cognito-session"
            fish: cognito-session completion fish > ~/.config/fish/completions/cognito-session.fish
            """)

    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: Shell

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell.rawValue) else { throw ExitCode(ExitStatus.usage.rawValue) }
        print(CognitoSessionCommand.completionScript(for: kind))
    }
}
