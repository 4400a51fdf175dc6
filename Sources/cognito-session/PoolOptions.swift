import ArgumentParser
import CognitoSession
import Foundation
import Logging

/// Options every command for a real pool takes. Each value comes from its option, else its
/// environment variable, else the profile (`--profile`, `COGNITO_PROFILE`, else `default`).
struct PoolOptions: ParsableArguments {
    @Option(help: "The profile in config.toml to use (or COGNITO_PROFILE; default: `default` when it exists).")
    var profile: String?

    @Option(help: "The user pool id, <region>_<id> (or COGNITO_USER_POOL_ID, or the profile).")
    var userPoolId: String?

    @Option(help: "The app client id (or COGNITO_CLIENT_ID, or the profile).")
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
            The session file (or COGNITO_SESSION_FILE, or the profile; default: $XDG_CONFIG_HOME/cognito-session/\
            sessions.json, else $HOME/.config/cognito-session/sessions.json).
            """)
    var storage: String?

    @Option(help: "The longest one request may take: 30s, 2m, … (default 30s).")
    var timeout: DurationArgument?

    @Flag(help: "Log each request on stderr (no values), and show the library's detail under an error.")
    var verbose = false

    /// A setting that has no value anywhere.
    struct Missing: Error, CustomStringConvertible {
        let option: String
        let variable: String
        var description: String {
            "missing --\(option) (or the \(variable) environment variable, or "
                + "\(option.replacingOccurrences(of: "-", with: "_")) in a profile: run `cognito-session configure`)"
        }
    }

    static let deprecatedSecretWarning =
        "--client-secret puts the secret on the command line, where ps shows "
        + "it; use COGNITO_CLIENT_SECRET or --client-secret-file"

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func validate() throws {
        let verbose = verbose
        ToolContext.shared.update { $0.verbose = verbose }
    }

    private func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The profile named by `--profile` or `COGNITO_PROFILE`, else `default` if the file has it.
    ///
    /// - Throws: ``ToolError`` when a named profile is not in the file.
    func selectedProfile() throws -> (Profile, ProfileFile)? {
        let named = profile.flatMap { $0.isEmpty ? nil : $0 } ?? variable("COGNITO_PROFILE")
        // Without HOME there is no profiles file; that matters only when a profile is named.
        let url: URL
        do {
            url = try ProfileFile.location(environment: environment)
        } catch  where named == nil {
            return nil
        }
        let file = try ProfileFile.load(url)
        guard let named else {
            return file.profiles[ProfileFile.defaultName].map { ($0, file) }
        }
        guard let found = file.profiles[named] else {
            throw ToolError(
                "no profile \(named) in \(url.path): run `cognito-session configure --profile \(named)`")
        }
        ToolContext.shared.update { $0.profile = named }
        return (found, file)
    }

    /// `option`, else the variable, else the profile's `key`: flags > environment > profile.
    func setting(_ option: String?, _ variable: String, _ key: Profile.Key) throws -> String? {
        if let option, !option.isEmpty { return option }
        if let value = self.variable(variable) { return value }
        return try selectedProfile()?.0[key]
    }

    /// The pool's OAuth2 domain (for `login --browser`): `option`, else `COGNITO_DOMAIN`, else the profile's `domain`.
    func oauth2Domain(_ option: String?) throws -> String? { try setting(option, "COGNITO_DOMAIN", .domain) }

    /// The OAuth2 redirect URI: `option`, else `COGNITO_REDIRECT_URI`, else the profile's `redirect_uri`.
    func redirectURI(_ option: String?) throws -> String? {
        try setting(option, "COGNITO_REDIRECT_URI", .redirectURI)
    }

    /// The session file: the option, the environment, the profile, or the user's configuration folder.
    func storageURL() throws -> URL {
        if let path = try setting(storage, "COGNITO_SESSION_FILE", .storage) { return URL(fileURLWithPath: path) }
        return try SessionFileLocation.defaultURL(environment: environment)
    }

    /// The app client secret from at most one of `--client-secret-file`, `--client-secret-prompt`
    /// and the deprecated `--client-secret`, else from `COGNITO_CLIENT_SECRET`, else from the
    /// profile; `nil` if none.
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
            return secret(clientSecret, from: "--client-secret")
        }
        if let clientSecretFile {
            return secret(
                try ClientSecretFile.read(clientSecretFile), from: "the client secret file \(clientSecretFile)")
        }
        if clientSecretPrompt { return secret(try Self.promptForSecret(), from: "the client secret you typed") }
        if let value = variable("COGNITO_CLIENT_SECRET") { return secret(value, from: "COGNITO_CLIENT_SECRET") }
        guard let (profile, file) = try selectedProfile() else { return nil }
        return try secret(fromProfile: profile, in: file)
    }

    private func secret(fromProfile profile: Profile, in file: ProfileFile) throws -> String? {
        if let name = profile[.clientSecretEnv] {
            guard let value = variable(name) else {
                throw ToolError(
                    "profile \(profile.name) takes the client secret from \(name), which is not set: export it, "
                        + "or change client_secret_env in \(file.url.path)")
            }
            return secret(value, from: "\(name) (profile \(profile.name))")
        }
        if let path = profile[.clientSecretFile] {
            return secret(try ClientSecretFile.read(path), from: "the client secret file \(path)")
        }
        if profile.promptsForSecret { return secret(try Self.promptForSecret(), from: "the client secret you typed") }
        if let inline = profile[.clientSecret] {
            guard file.isPrivate else {
                throw ToolError(
                    "\(file.url.path) holds a client secret but others can read it: run chmod 600 \(file.url.path)",
                    status: .storage)
            }
            return secret(inline, from: "client_secret in \(file.url.path)")
        }
        return nil
    }

    private func secret(_ value: String, from source: String) -> String {
        ToolContext.shared.update { $0.secretSource = source }
        return value
    }

    private static func promptForSecret() throws -> String {
        guard Terminal.inputIsTerminal else {
            throw ToolError(
                "--client-secret-prompt needs a terminal on standard input; "
                    + "use COGNITO_CLIENT_SECRET or --client-secret-file")
        }
        let answer = try Terminal.askSecret("App client secret: ")
        guard !answer.isEmpty else { throw ToolError("no client secret given") }
        return answer
    }

    /// The endpoint override, if any, as a URL the library then checks.
    private func endpointURL(region: String?) throws -> URL? {
        guard let text = try setting(endpoint, "COGNITO_ENDPOINT", .endpoint) else {
            return region.flatMap { URL(string: "https://cognito-idp.\($0).amazonaws.com/") }
        }
        guard let url = URL(string: text), url.host != nil else { throw CognitoConfigurationError.invalidEndpoint }
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

    /// The pool these options describe, its storage a ``FileStorage``; with `oauth2Domain`, refreshes go
    /// through that domain's token endpoint.
    func makePool(oauth2Domain: URL? = nil) throws -> CognitoUserPool {
        guard let poolID = try setting(userPoolId, "COGNITO_USER_POOL_ID", .userPoolId) else {
            throw Missing(option: "user-pool-id", variable: "COGNITO_USER_POOL_ID")
        }
        guard let client = try setting(clientId, "COGNITO_CLIENT_ID", .clientId) else {
            throw Missing(option: "client-id", variable: "COGNITO_CLIENT_ID")
        }
        let region = try selectedProfile()?.0[.region]
        if let region, let prefix = poolID.split(separator: "_").first, prefix != region {
            throw ToolError("the profile's region \(region) is not the pool's (\(poolID)): fix one of them")
        }
        let url = try endpointURL(region: region)
        let file = try storageURL()
        let host =
            url.flatMap { url in url.host.map { $0 + (url.port.map { ":\($0)" } ?? "") } }
            ?? poolID.split(separator: "_").first.map { "cognito-idp.\($0).amazonaws.com" }
        ToolContext.shared.update {
            $0.poolId = poolID
            $0.clientId = client
            $0.storagePath = file.path
            $0.host = host
        }
        var configuration = CognitoUserPool.Configuration(endpoint: url, oauth2Domain: oauth2Domain)
        if verbose { configuration.logger = RequestLog.logger() }
        return try CognitoUserPool(
            userPoolId: poolID, clientId: client, clientSecret: try resolveClientSecret(),
            storage: FileStorage(fileURL: file),
            transport: URLSessionTransport(requestTimeout: timeout?.duration ?? .seconds(30)),
            configuration: configuration)
    }

    /// Fails with the storage's own error when a session could not be stored there.
    func checkStorageWritable(_ pool: CognitoUserPool) async throws {
        let key = StorageKeys(clientId: pool.clientId).writeCheck
        try await pool.storage.setItem(key, value: "1")
        try await pool.storage.removeItem(key)
    }

    /// `username`, else the user who signed in last, with a stored session; or an error naming the user
    /// or the session file.
    func signedInUser(_ username: String? = nil) async throws -> (CognitoUserPool, CognitoUser) {
        let pool = try await makePoolForSession()
        let file = try storageURL()
        if let username, !username.isEmpty {
            ToolContext.shared.update { $0.username = username }
            return (pool, pool.user(named: username))
        }
        guard let user = try await pool.currentUser() else { throw NotSignedIn(username: nil, file: file) }
        ToolContext.shared.update { $0.username = user.username }
        return (pool, user)
    }

    /// The user who signed in last (or `username`), or an error naming the session file.
    func currentUser(_ username: String? = nil) async throws -> CognitoUser {
        let (_, user) = try await signedInUser(username)
        return user
    }

    /// The user and a valid session (refreshed if needed), or an error naming the user.
    func currentSession(_ username: String? = nil) async throws -> (CognitoUser, CognitoUserSession) {
        let user = try await currentUser(username)
        do {
            return (user, try await Terminal.step("Refreshing the session…") { try await user.getSession() })
        } catch let error as CognitoUserError where error == .notSignedIn {
            throw NotSignedIn(username: username ?? user.username, file: try storageURL())
        }
    }
}
