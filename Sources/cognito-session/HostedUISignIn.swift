import ArgumentParser
import CognitoSession
import Foundation

/// The options of `login --browser` and `login --no-browser`.
struct HostedUIOptions: ParsableArguments {
    @Flag(
        help: """
            Sign in through the pool's hosted UI in a browser instead of SRP: the tool listens once on \
            127.0.0.1 at the --redirect-uri port for the redirect (RFC 8252), with PKCE and state. The URL is \
            printed and opened with $BROWSER URL, else xdg-open when there is a display.
            """)
    var browser = false

    @Flag(
        help: """
            Sign in through the hosted UI without opening a browser or listening (a headless machine): open the \
            printed URL anywhere, then paste the address the browser was sent to (it fails to load; copy it from \
            the address bar).
            """)
    var noBrowser = false

    @Option(
        help: ArgumentHelp(
            "The callback URL registered on the app client, http://localhost:PORT/PATH (or http://127.0.0.1:PORT/PATH).",
            valueName: "url"))
    var redirectUri: String?

    @Option(help: ArgumentHelp("A scope to ask for; repeat for more (default: openid).", valueName: "scope"))
    var scope: [String] = []

    @Option(help: ArgumentHelp("How long to wait for the sign-in to come back.", valueName: "seconds"))
    var signInTimeout = 300

    /// Whether the hosted UI was asked for.
    var isRequested: Bool { browser || noBrowser }

    func validate() throws {
        guard signInTimeout > 0 else { throw ValidationError("--sign-in-timeout must be at least 1 second") }
        if !isRequested, redirectUri != nil || !scope.isEmpty {
            throw ValidationError("--redirect-uri and --scope go with --browser or --no-browser")
        }
    }

    /// The redirect URI: http to localhost or 127.0.0.1 with an explicit port (the loopback listener's).
    func loopbackRedirect() throws -> (url: URL, port: Int, path: String) {
        guard let text = redirectUri else {
            throw ToolError(
                "--browser needs --redirect-uri http://localhost:PORT/callback (a callback URL registered on the "
                    + "app client)")
        }
        guard let components = URLComponents(string: text), components.scheme == "http",
            let host = components.host, ["localhost", "127.0.0.1"].contains(host.lowercased()),
            let port = components.port, (1...65_535).contains(port), let url = components.url
        else {
            throw ToolError(
                "--redirect-uri \(text): give http://localhost:PORT/PATH or http://127.0.0.1:PORT/PATH with a port; "
                    + "the tool listens there on 127.0.0.1 for the redirect")
        }
        return (url, port, components.path.isEmpty ? "/" : components.path)
    }
}

/// `login --browser`: the authorization code flow with PKCE through the hosted UI, the session stored as
/// `login` stores one (``CognitoUser/setSignInUserSession(_:)``, `LastAuthUser`), the domain recorded.
struct HostedUISignIn {
    let pool: CognitoUserPool
    let client: CognitoOAuth2Client
    let domain: URL
    let options: HostedUIOptions
    let loginHint: String?

    /// A refusal on the redirect (`error=`), its text from the server shown escaped.
    struct Refused: Error, CustomStringConvertible {
        let error: String
        let errorDescription: String?
        var description: String {
            "the hosted UI refused the sign-in: \(error)" + (errorDescription.map { " (\($0))" } ?? "")
        }
    }

    func run() async throws {
        let redirect = try options.noBrowser ? pastedRedirect() : options.loopbackRedirect()
        let authorization = try client.authorization(
            redirectURI: redirect.url, scopes: options.scope.isEmpty ? ["openid"] : options.scope,
            loginHint: loginHint)
        Terminal.progress("Open this address in a browser to sign in:")
        Terminal.progress("  \(authorization.url.absoluteString)")
        let finish = { @Sendable (query: [String: String]) async throws -> CognitoUser in
            try await complete(query, authorization)
        }
        let user: CognitoUser
        do {
            if options.noBrowser {
                user = try await SignInDeadline.run(seconds: options.signInTimeout) {
                    Terminal.progress(
                        "Then paste the address your browser was sent to (it starts with \(redirect.url)):")
                    guard let line = try await SignInDeadline.readLineCancellably() else {
                        throw ToolError("no address was pasted (end of input); nothing was stored")
                    }
                    return try await finish(RedirectQuery.parse(pasted: line))
                }
            } else {
                let listener = LoopbackRedirectListener(port: redirect.port, path: redirect.path)
                let url = authorization.url
                user = try await SignInDeadline.run(seconds: options.signInTimeout) {
                    try await listener.run(
                        ready: {
                            if let opener = BrowserOpener.open(url) {
                                Terminal.progress("Opened with \(opener); waiting for the sign-in…")
                            } else {
                                Terminal.progress("Waiting for the sign-in…")
                            }
                        },
                        handle: { query in
                            do {
                                let user = try await finish(query)
                                return .init(page: .signedIn(as: user.username), result: .success(user))
                            } catch {
                                return .init(page: .failed(Self.pageReason(error)), result: .failure(error))
                            }
                        })
                }
            }
        } catch let interrupted as SignInDeadline.Interrupted {
            Terminal.error("cognito-session: \(interrupted)")
            throw ExitCode(130)
        }
        let session = try await user.getSession()
        Terminal.progress(
            "Signed in as \(user.username) through the hosted UI; the session is valid until "
                + "\(session.accessToken.expiration) and refreshes through \(domain.absoluteString).")
    }

    /// The redirect URI for `--no-browser`: any registered callback URL will do (nothing listens).
    private func pastedRedirect() throws -> (url: URL, port: Int, path: String) {
        guard let text = options.redirectUri, let url = URL(string: text), url.scheme != nil else {
            throw ToolError("--no-browser needs --redirect-uri URL (a callback URL registered on the app client)")
        }
        return (url, 0, url.path)
    }

    /// Exchanges the code and stores the session; an `error=` answer or a missing code is refused first.
    private func complete(_ query: [String: String], _ authorization: OAuth2Authorization) async throws -> CognitoUser {
        if let error = query["error"] {
            throw Refused(error: error, errorDescription: query["error_description"])
        }
        guard let code = query["code"], !code.isEmpty, let state = query["state"] else {
            throw ToolError("the address has no code and state; paste the whole address the browser was sent to")
        }
        let session = try await client.exchange(code: code, state: state, for: authorization)
        let user = pool.user(named: session.idToken.username ?? session.accessToken.username ?? "")
        try await user.setSignInUserSession(session)
        try await RecordedDomain.record(domain, clientId: pool.clientId, storage: pool.storage)
        return user
    }

    /// A short reason for the browser page: the kind of error, never a token or code.
    private static func pageReason(_ error: any Error) -> String {
        switch error {
        case let refused as Refused: refused.error
        case let oauth as CognitoOAuth2Error: oauth.error ?? "it did not match the sign-in this tool started"
        default: "see the terminal"
        }
    }
}

extension Login {
    /// `login --browser` / `login --no-browser`.
    func signInThroughHostedUI() async throws {
        guard let clientId = try pool.setting(pool.clientId, "COGNITO_CLIENT_ID", .clientId) else {
            throw PoolOptions.Missing(option: "client-id", variable: "COGNITO_CLIENT_ID")
        }
        let storage = FileStorage(fileURL: try pool.storageURL())
        guard
            let domain = try await DomainOptions.resolve(
                try pool.oauth2Domain(domain.domain), clientId: clientId, storage: storage)
        else {
            throw ToolError(
                "the hosted UI needs the pool's domain: --domain https://PREFIX.auth.REGION.amazoncognito.com "
                    + "(or COGNITO_DOMAIN)")
        }
        let cognito = try pool.makePool(oauth2Domain: domain)
        // Before the browser opens: a session that cannot be stored would be lost.
        try await cognito.checkStorageWritable()
        guard let client = cognito.oauth2Client else { throw ToolError("no OAuth2 client for \(domain)") }
        try await HostedUISignIn(pool: cognito, client: client, domain: domain, options: hostedUI, loginHint: username)
            .run()
    }
}
