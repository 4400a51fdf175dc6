import ArgumentParser
import CognitoSession
import Foundation

/// Every error the tool can meet, in one place, as one line for people and an ``ExitStatus``:
/// what happened, naming the host, file or user, and what to do next. Swift type names, errno
/// values and URLError codes appear only with `--verbose`, on a second line.
struct ErrorReport: Sendable {
    /// The line, without the `cognito-session: error: ` prefix.
    let line: String
    let status: ExitStatus

    init(_ line: String, _ status: ExitStatus) {
        self.line = line
        self.status = status
    }

    /// The report for `error` in the run's ``ToolContext``.
    init(_ error: any Error, context: ToolContext.State = ToolContext.shared.current) {
        self = Self.describe(error, context)
    }

    private static func describe(_ error: any Error, _ context: ToolContext.State) -> ErrorReport {
        switch error {
        case let error as ToolError: ErrorReport(error.description, error.status)
        case let error as NotSignedIn: ErrorReport(error.description, .notSignedIn)
        case let error as PoolOptions.Missing: ErrorReport(error.description, .usage)
        case let error as CognitoServiceError: service(error, context)
        case let error as CognitoConfigurationError: configuration(error, context)
        case let error as CognitoUserError: user(error, context)
        case let error as HTTPTransportError: transport(error, context)
        case let error as StorageError: storage(error, context)
        case let error as CognitoOAuth2Error: oauth2(error, context)
        case is CognitoResponseError:
            ErrorReport(
                "\(context.host ?? "the service") sent an answer this tool cannot read: try again later "
                    + "(--verbose shows what was wrong)", .network)
        case let error as TokenError:
            ErrorReport(
                "a token is not readable (\(Self.words(error))): sign in again with "
                    + "`\(ToolContext.shared.command("login"))`", .notSignedIn)
        case let error as CognitoJWTVerifierError:
            ErrorReport("the token did not pass verification: \(Self.words(error))", .refused)
        case is Terminal.EndOfInput:
            ErrorReport("standard input ended before the answer was given", .usage)
        case let error as any CognitoSessionError:
            ErrorReport(Self.words(error), error.isRetryable ? .network : .failure)
        default:
            ErrorReport("\(error)", .failure)
        }
    }

    /// A library description without its leading `TypeName.case: `.
    static func words(_ error: any CustomStringConvertible) -> String {
        let text = error.description
        guard let colon = text.range(of: ": "), !text[..<colon.lowerBound].contains(" ") else { return text }
        return String(text[colon.upperBound...])
    }

    /// `1a2b…`: enough of a client id to recognise it.
    static func short(_ clientId: String?) -> String {
        guard let clientId else { return "?" }
        return clientId.count > 8 ? String(clientId.prefix(4)) + "…" : clientId
    }
}

/// No session is stored (for the user, or at all), naming the user or the session file.
struct NotSignedIn: Error, CustomStringConvertible {
    let username: String?
    let file: URL

    var description: String {
        if let username {
            return "not signed in as \(username): run `\(ToolContext.shared.command("login", username: username))`"
        }
        return "not signed in: no session is stored in \(file.path); run `\(ToolContext.shared.command("login"))`"
    }
}
