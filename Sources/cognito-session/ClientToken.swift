import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session client-token`: a machine-to-machine access token (`client_credentials`).
struct ClientToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-token",
        abstract: "Print a client-credentials (machine-to-machine) access token for the app client.",
        discussion: """
            Needs the pool's domain (--domain or COGNITO_DOMAIN) and a confidential app client: its id and its \
            secret (COGNITO_CLIENT_SECRET, --client-secret-file or --client-secret-prompt). The token is kept in \
            the session file under a key of its own, per app client and set of scopes, and printed again until \
            it has less than 2 minutes left; then a new one is fetched. --user-pool-id is not needed.
            curl -H "Authorization: Bearer $(cognito-session client-token --scope orders/read)" https://api.example.com/
            """)

    @OptionGroup var pool: PoolOptions
    @OptionGroup var domain: DomainOptions

    @Option(help: ArgumentHelp("A custom scope, RESOURCE-SERVER/SCOPE; repeat for more.", valueName: "scope"))
    var scope: [String] = []

    /// A cached token is used while it has more than this left (seconds).
    static let renewalMargin: TimeInterval = 120

    func run() async throws {
        try await reportingErrors {
            guard let clientId = try pool.setting(pool.clientId, "COGNITO_CLIENT_ID", .clientId) else {
                throw PoolOptions.Missing(option: "client-id", variable: "COGNITO_CLIENT_ID")
            }
            ToolContext.shared.update { $0.clientId = clientId }
            let storage = FileStorage(fileURL: try pool.storageURL())
            guard
                let domainURL = try await DomainOptions.resolve(
                    try pool.oauth2Domain(domain.domain), clientId: clientId, storage: storage)
            else {
                throw ToolError(
                    "client-token needs the pool's domain: --domain https://PREFIX.auth.REGION.amazoncognito.com "
                        + "(or COGNITO_DOMAIN)")
            }
            let scopes = Array(Set(scope)).sorted()
            let key = Self.cacheKey(clientId: clientId, scopes: scopes)
            if let cached = try await storage.getItem(key), let token = try? CognitoAccessToken(jwtToken: cached),
                token.expiration.timeIntervalSinceNow > Self.renewalMargin
            {
                Terminal.output(token.jwtToken)
                return
            }
            guard let secret = try pool.resolveClientSecret() else {
                throw ToolError(
                    "client-token needs the app client's secret: COGNITO_CLIENT_SECRET, --client-secret-file PATH "
                        + "or --client-secret-prompt")
            }
            let client = try CognitoOAuth2Client(
                domain: domainURL, clientId: clientId, clientSecret: secret, transport: URLSessionTransport())
            let token = try await client.clientCredentials(scopes: scopes)
            try await storage.setItem(key, value: token.jwtToken)
            Terminal.output(token.jwtToken)
        }
    }

    /// The session-file key of the cached token: per app client and sorted set of scopes, apart from every
    /// user's keys.
    static func cacheKey(clientId: String, scopes: [String]) -> String {
        "cognito-session.\(clientId).clientCredentials.\(scopes.joined(separator: " "))"
    }
}
