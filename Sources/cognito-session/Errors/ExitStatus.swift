import ArgumentParser

/// The tool's exit statuses: stable, documented in `cognito-session --help` and in the
/// Integration article, so scripts can tell "sign in again" from "try again later".
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Anything not listed below.
    case failure = 1
    /// Bad options, a missing or broken configuration, input that is not an answer.
    case usage = 2
    /// No session is stored for the user, or the service no longer accepts it: sign in again.
    case notSignedIn = 3
    /// The service refused the request (wrong password or code, the client secret, a policy).
    case refused = 4
    /// The service could not be reached, or answered too slowly or in a way the tool cannot read.
    case network = 5
    /// The session file or the profiles file could not be read or written.
    case storage = 6

    /// One line for the help text: `3  not signed in (run login)`.
    var summary: String {
        switch self {
        case .failure: "1  any other failure"
        case .usage: "2  usage: bad options, a missing or broken configuration"
        case .notSignedIn: "3  not signed in, or the session has ended: run `cognito-session login`"
        case .refused: "4  refused by the service (password, code, client secret, policy)"
        case .network: "5  network: the service could not be reached or did not answer in time"
        case .storage: "6  storage: the session or profiles file could not be read or written"
        }
    }

    /// The table of every status, for help texts.
    static var table: String { "0  success\n" + allCases.map(\.summary).joined(separator: "\n") }

    /// The ArgumentParser exit code for this status.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
