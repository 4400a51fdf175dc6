import ArgumentParser
import CognitoSession
import Foundation

/// `--domain`: the user pool's domain, for the hosted UI, refreshes through the token endpoint and
/// client-credentials tokens.
struct DomainOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The user pool's domain, https://PREFIX.auth.REGION.amazoncognito.com or a custom domain "
                + "(or COGNITO_DOMAIN; default: the one `login` recorded in the session file).",
            valueName: "url"))
    var domain: String?

    /// The domain: the option, else `COGNITO_DOMAIN`, else the one recorded for `clientId` in `storage`.
    func resolve(clientId: String, storage: any SessionStorage) async throws -> URL? {
        try await Self.resolve(domain, clientId: clientId, storage: storage)
    }

    /// The domain: `option`, else `COGNITO_DOMAIN`, else the one recorded for `clientId` in `storage`.
    static func resolve(_ option: String?, clientId: String, storage: any SessionStorage) async throws -> URL? {
        if let text = option ?? ProcessInfo.processInfo.environment["COGNITO_DOMAIN"], !text.isEmpty {
            return try Self.parse(text)
        }
        return try await RecordedDomain.read(clientId: clientId, storage: storage)
    }

    /// Records `--domain`, when given, for `clientId`: later commands refresh through it.
    func recordIfGiven(clientId: String, storage: any SessionStorage) async throws {
        guard let domain, !domain.isEmpty else { return }
        try await RecordedDomain.record(try Self.parse(domain), clientId: clientId, storage: storage)
    }

    static func parse(_ text: String) throws -> URL {
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw ToolError("--domain \(text) is not a URL; give https://PREFIX.auth.REGION.amazoncognito.com")
        }
        return url
    }
}

/// The pool domain `login` used, kept in the session file so that later commands (`token`, `whoami`, …)
/// refresh through the same token endpoint without being told again. One per app client, under a key of the
/// tool's own (`cognito-session.<client id>.oauth2Domain`), beside the JS library's keys.
enum RecordedDomain {
    static func key(clientId: String) -> String { "cognito-session.\(clientId).oauth2Domain" }

    static func read(clientId: String, storage: any SessionStorage) async throws -> URL? {
        guard let text = try await storage.getItem(key(clientId: clientId)), !text.isEmpty else { return nil }
        return URL(string: text)
    }

    static func record(_ domain: URL, clientId: String, storage: any SessionStorage) async throws {
        try await storage.setItem(key(clientId: clientId), value: domain.absoluteString)
    }
}

extension PoolOptions {
    /// A pool that refreshes through the domain in `COGNITO_DOMAIN`, the profile, or the one recorded by
    /// `login`, if any.
    func makePoolForSession() async throws -> CognitoUserPool {
        guard let client = try setting(clientId, "COGNITO_CLIENT_ID", .clientId) else { return try makePool() }
        let domain = try await DomainOptions.resolve(
            try oauth2Domain(nil), clientId: client, storage: FileStorage(fileURL: try storageURL()))
        return try makePool(oauth2Domain: domain)
    }
}
