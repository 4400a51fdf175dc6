import ArgumentParser
import CognitoSession
import Foundation

/// Options every command for a real pool takes; each falls back to an environment variable.
struct PoolOptions: ParsableArguments {
    @Option(help: "The user pool id, <region>_<id> (or COGNITO_USER_POOL_ID).")
    var userPoolId: String?

    @Option(help: "The app client id (or COGNITO_CLIENT_ID).")
    var clientId: String?

    @Option(
        help: ArgumentHelp(
            "Deprecated: the app client secret on the command line, where ps shows it. "
                + "Use COGNITO_CLIENT_SECRET, --client-secret-file or --client-secret-prompt.",
            valueName: "secret"))
    var clientSecret: String?

    @Option(
        help: ArgumentHelp(
            "A file holding the app client secret, readable only by you (chmod 600); "
                + "one trailing newline is ignored. Default: COGNITO_CLIENT_SECRET, if set.",
            valueName: "path"))
    var clientSecretFile: String?

    @Flag(help: "Ask for the app client secret, without echo (standard input must be a terminal).")
    var clientSecretPrompt = false

    @Option(help: "The service endpoint, e.g. http://127.0.0.1:5000/ for a local emulator (or COGNITO_ENDPOINT).")
    var endpoint: String?

    @Option(
        help: """
            The session file (or COGNITO_SESSION_FILE; default: $XDG_CONFIG_HOME/cognito-session/sessions.json, \
            else $HOME/.config/cognito-session/sessions.json).
            """)
    var storage: String?

    struct Missing: Error, CustomStringConvertible {
        let option: String
        let variable: String
        var description: String { "missing --\(option) (or the \(variable) environment variable)" }
    }

    /// No session in the session file, naming the file.
    struct NotSignedIn: Error, CustomStringConvertible {
        let file: URL
        var description: String {
            "CognitoUserError.notSignedIn: no session is stored in \(file.path); sign in with `cognito-session login`"
        }
    }

    static let deprecatedSecretWarning =
        "--client-secret puts the secret on the command line, where ps shows "
        + "it; use COGNITO_CLIENT_SECRET or --client-secret-file"

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    func value(_ option: String?, _ variable: String) -> String? {
        if let option, !option.isEmpty { return option }
        if let value = environment[variable], !value.isEmpty { return value }
        return nil
    }

    /// The session file: the option, the environment, or the user's configuration folder.
    func storageURL() throws -> URL {
        if let path = value(storage, "COGNITO_SESSION_FILE") { return URL(fileURLWithPath: path) }
        return try SessionFileLocation.defaultURL(environment: environment)
    }

    /// The app client secret from at most one of `--client-secret-file`, `--client-secret-prompt`
    /// and the deprecated `--client-secret`, else from `COGNITO_CLIENT_SECRET`; `nil` if none.
    func resolveClientSecret() throws -> String? {
        let given = [clientSecret != nil, clientSecretFile != nil, clientSecretPrompt].filter { $0 }.count
        guard given <= 1 else {
            throw ToolError(
                "give the client secret one way: --client-secret-file, --client-secret-prompt "
                    + "or COGNITO_CLIENT_SECRET")
        }
        if let clientSecret {
            Terminal.warning(Self.deprecatedSecretWarning)
            guard !clientSecret.isEmpty else { throw ToolError("--client-secret is empty") }
            return clientSecret
        }
        if let clientSecretFile { return try ClientSecretFile.read(clientSecretFile) }
        if clientSecretPrompt {
            guard Terminal.inputIsTerminal else {
                throw ToolError(
                    "--client-secret-prompt needs a terminal on standard input; "
                        + "use COGNITO_CLIENT_SECRET or --client-secret-file")
            }
            let answer = try Terminal.askSecret("App client secret: ")
            guard !answer.isEmpty else { throw ToolError("no client secret given") }
            return answer
        }
        return value(nil, "COGNITO_CLIENT_SECRET")
    }

    /// The endpoint override, if any, as a URL the library then checks.
    private func endpointURL() throws -> URL? {
        guard let text = value(endpoint, "COGNITO_ENDPOINT") else { return nil }
        guard let url = URL(string: text) else { throw CognitoConfigurationError.invalidEndpoint }
        #if os(Linux) || os(Windows)
            // FoundationNetworking's URLSession fails every request to an IPv6 literal with
            // NSURLErrorBadURL (swift-corelibs-foundation#5496); say so before trying.
            if let host = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedHost,
                host.hasPrefix("[") || host.contains(":")
            {
                throw ToolError(
                    "URLSession on this platform cannot reach an IPv6 address such as \(host) "
                        + "(swift-corelibs-foundation#5496); use a name, e.g. http://localhost:PORT/, or 127.0.0.1")
            }
        #endif
        return url
    }

    /// The pool; with `oauth2Domain`, refreshes go through that domain's token endpoint.
    func makePool(oauth2Domain: URL? = nil) throws -> CognitoUserPool {
        guard let poolID = value(userPoolId, "COGNITO_USER_POOL_ID") else {
            throw Missing(option: "user-pool-id", variable: "COGNITO_USER_POOL_ID")
        }
        guard let client = value(clientId, "COGNITO_CLIENT_ID") else {
            throw Missing(option: "client-id", variable: "COGNITO_CLIENT_ID")
        }
        let url = try endpointURL()
        let file = try storageURL()
        return try CognitoUserPool(
            userPoolId: poolID, clientId: client, clientSecret: try resolveClientSecret(),
            storage: FileStorage(fileURL: file), transport: URLSessionTransport(),
            configuration: .init(endpoint: url, oauth2Domain: oauth2Domain))
    }

    /// The user who signed in last, or an error naming the session file.
    func currentUser() async throws -> CognitoUser {
        guard let user = try await makePoolForSession().currentUser() else {
            throw NotSignedIn(file: try storageURL())
        }
        return user
    }

    /// The user who signed in last and a valid session (refreshed if needed), or an error
    /// naming the session file.
    func currentSession() async throws -> (CognitoUser, CognitoUserSession) {
        let user = try await currentUser()
        do {
            return (user, try await user.getSession())
        } catch let error as CognitoUserError where error == .notSignedIn {
            throw NotSignedIn(file: try storageURL())
        }
    }
}

/// Runs a command body and turns any error into one line on stderr and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Terminal.error("cognito-session: error: \(error)")
        throw ExitCode.failure
    }
}
