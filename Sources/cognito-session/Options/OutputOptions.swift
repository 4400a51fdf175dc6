import ArgumentParser

/// `--output human|json` for commands that print a result.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case human, json
    }

    @Option(help: "How to print the result: human (default) or json (one object on stdout).")
    var output: Format = .human

    var json: Bool { output == .json }
}

/// `--username NAME` for commands that act on a signed-in user.
struct UserOptions: ParsableArguments {
    @Option(help: "The signed-in user to act as (default: the one who signed in last; see `cognito-session users`).")
    var username: String?
}
