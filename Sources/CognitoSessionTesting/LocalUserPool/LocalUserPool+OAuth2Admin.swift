import CognitoSession
import Foundation

// The pool's domain, its resource servers, and the checks on an app client's OAuth settings.
extension LocalUserPool {
    static let oauth2Operations: Set<String> = [
        "CreateUserPoolDomain", "DescribeUserPoolDomain", "DeleteUserPoolDomain", "CreateResourceServer",
        "DescribeResourceServer", "ListResourceServers", "UpdateResourceServer", "DeleteResourceServer",
    ]

    /// The scopes every pool knows; any other scope must be a resource server's.
    static let standardScopes: Set<String> = [
        OAuth2Value.openid, "email", "phone", "profile", "aws.cognito.signin.user.admin",
    ]

    /// The pool's domain prefix (or custom domain), nil before CreateUserPoolDomain.
    public var domain: String? { oauth2.domain }

    /// The URL to give `CognitoOAuth2Client(domain:)`: `http://127.0.0.1:PORT/<prefix>` behind
    /// `cognito-session serve`, else `https://<prefix>.auth.<region>.amazoncognito.com` (in-process, where the
    /// pool answers the OAuth2 paths whatever the host). Nil without a domain.
    public var domainURL: URL? {
        guard let domain = oauth2.domain else { return nil }
        if let base = oauth2.serverBase { return URL(string: "\(base)/\(domain)") }
        return URL(
            string: domain.contains(".") ? "https://\(domain)" : "https://\(domain).auth.\(region).amazoncognito.com")
    }

    /// Gives the pool a domain, as CreateUserPoolDomain does.
    public func setDomain(_ prefix: String) throws {
        try Self.checkDomain(prefix)
        oauth2.domain = prefix
    }

    /// Adds or replaces a resource server, as CreateResourceServer does.
    public func addResourceServer(_ server: ResourceServer) {
        oauth2.resourceServers[server.identifier] = server
    }

    /// The newest authorization code the authorize endpoint issued (for tests that skip the browser).
    public var lastAuthorizationCode: String? { oauth2.lastCode }

    func setServerBase(_ base: String?) { oauth2.serverBase = base }

    func handleOAuth2Administration(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        switch operation {
        case "CreateUserPoolDomain":
            let domain = try request.string("Domain")
            guard oauth2.domain == nil else {
                throw ServiceFault.invalidParameter("User pool \(userPoolId) already has a domain configured.")
            }
            if domain.contains(".") {
                guard try request.optionalObject("CustomDomainConfig")?.optionalString("CertificateArn") != nil else {
                    throw ServiceFault.invalidParameter("A custom domain needs CustomDomainConfig.CertificateArn.")
                }
            }
            try Self.checkDomain(domain)
            oauth2.domain = domain
            administration.lastModified = now()
            return domain.contains(".") ? ["CloudFrontDomain": "d111111abcdef8.cloudfront.net"] : [:]
        case "DescribeUserPoolDomain":
            guard let domain = oauth2.domain, domain == (try request.string("Domain")) else {
                return ["DomainDescription": [String: Any]()]
            }
            return ["DomainDescription": describeDomain(domain)]
        case "DeleteUserPoolDomain":
            guard oauth2.domain == (try request.string("Domain")) else {
                throw ServiceFault.invalidParameter("No such domain for user pool \(userPoolId).")
            }
            oauth2.domain = nil
            oauth2.codes.removeAll()
            return [:]
        case "CreateResourceServer", "UpdateResourceServer":
            let identifier = try request.string("Identifier")
            let exists = oauth2.resourceServers[identifier] != nil
            if operation == "CreateResourceServer", exists {
                throw ServiceFault.invalidParameter("Resource server \(identifier) already exists.")
            }
            if operation == "UpdateResourceServer", !exists {
                throw ServiceFault.resourceNotFound("Resource server \(identifier) does not exist.")
            }
            let server = ResourceServer(
                identifier: identifier, name: try request.string("Name"), scopes: try Self.scopes(request))
            oauth2.resourceServers[identifier] = server
            return ["ResourceServer": describe(server)]
        case "DescribeResourceServer":
            return ["ResourceServer": describe(try resourceServer(request.string("Identifier")))]
        case "DeleteResourceServer":
            oauth2.resourceServers[try resourceServer(request.string("Identifier")).identifier] = nil
            return [:]
        default:  // ListResourceServers
            guard let limit = try request.optionalInt("MaxResults") else { throw ServiceFault.missing("maxResults") }
            guard (1...50).contains(limit) else { throw ServiceFault.invalidParameter("MaxResults must be 1 to 50.") }
            let all = oauth2.resourceServers.values.sorted { $0.identifier < $1.identifier }
            let start = Int(try request.optionalString("NextToken") ?? "0") ?? -1
            guard start >= 0, start <= all.count else { throw ServiceFault.invalidParameter("Invalid NextToken.") }
            var result: [String: Any] = ["ResourceServers": all[start..<min(start + limit, all.count)].map(describe)]
            if start + limit < all.count { result["NextToken"] = String(start + limit) }
            return result
        }
    }

    private func describeDomain(_ domain: String) -> [String: Any] {
        var out: [String: Any] = [
            "UserPoolId": userPoolId, "AWSAccountId": "000000000000", "Domain": domain,
            "S3Bucket": "aws-cognito-prod-\(region)-assets", "Version": "1", "Status": "ACTIVE",
            "CloudFrontDistribution": domainURL?.absoluteString ?? "", "ManagedLoginVersion": 1,
        ]
        if domain.contains(".") { out["CustomDomainConfig"] = ["CertificateArn": "arn:aws:acm:local"] }
        return out
    }

    private func describe(_ server: ResourceServer) -> [String: Any] {
        [
            "UserPoolId": userPoolId, "Identifier": server.identifier, "Name": server.name,
            "Scopes": server.scopes.keys.sorted().map {
                ["ScopeName": $0, "ScopeDescription": server.scopes[$0] ?? ""]
            },
        ]
    }

    private func resourceServer(_ identifier: String) throws -> ResourceServer {
        guard let server = oauth2.resourceServers[identifier] else {
            throw ServiceFault.resourceNotFound("Resource server \(identifier) does not exist.")
        }
        return server
    }

    private static func scopes(_ request: WireObject) throws -> [String: String] {
        guard let list = request.fields["Scopes"] else { return [:] }
        guard let items = list as? [[String: Any]], items.count <= 100 else {
            throw ServiceFault(name: "SerializationException", message: "Expected a list of scopes for Scopes.")
        }
        var out: [String: String] = [:]
        for item in items {
            let scope = WireObject(item)
            let name = try scope.string("ScopeName")
            guard !name.contains("/"), !name.contains(" ") else {
                throw ServiceFault.invalidParameter("Invalid scope name \(name).")
            }
            out[name] = try scope.string("ScopeDescription")
        }
        return out
    }

    /// A prefix: lower-case letters, digits and hyphens, 1 to 63, not starting or ending with a hyphen, none of
    /// the reserved words; or a custom domain name.
    static func checkDomain(_ domain: String) throws {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let valid = labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        guard valid, labels.count > 1 || !["aws", "amazon", "cognito"].contains(where: domain.contains)
        else {
            throw ServiceFault.invalidParameter(
                "1 validation error detected: Value '\(domain)' at 'domain' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$")
        }
    }

    /// The checks the service makes on an app client's OAuth settings (CreateUserPoolClient, UpdateUserPoolClient).
    func checkOAuthSettings(_ client: AppClient) throws {
        let flows = client.allowedOAuthFlows
        for flow in flows
        where ![OAuth2Value.codeFlow, OAuth2Value.implicitFlow, OAuth2Value.clientCredentialsFlow].contains(flow) {
            throw ServiceFault.invalidParameter("Invalid OAuth flow \(flow).")
        }
        if flows.contains(OAuth2Value.clientCredentialsFlow) {
            guard flows.count == 1 else {
                throw ServiceFault(
                    name: "InvalidOAuthFlowException",
                    message: "client_credentials flow can not be selected along with code flow or implicit flow.")
            }
            guard client.secret != nil else {
                throw ServiceFault(
                    name: "InvalidOAuthFlowException",
                    message: "client_credentials flow can not be selected if client does not have a client secret.")
            }
            if client.allowedOAuthScopes.contains(where: Self.standardScopes.contains) {
                throw ServiceFault(
                    name: "InvalidOAuthFlowException",
                    message: "client_credentials flow can only be used with custom scopes.")
            }
        }
        for scope in client.allowedOAuthScopes where !Self.standardScopes.contains(scope) {
            guard isCustomScope(scope) else {
                throw ServiceFault(name: "ScopeDoesNotExistException", message: "Invalid scope requested: \(scope)")
            }
        }
        if client.allowedOAuthFlowsUserPoolClient, flows.isEmpty || client.allowedOAuthScopes.isEmpty {
            throw ServiceFault(
                name: "InvalidOAuthFlowException",
                message: "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use "
                    + "OAuth flows.")
        }
        if client.allowedOAuthFlowsUserPoolClient,
            flows.contains(where: [OAuth2Value.codeFlow, OAuth2Value.implicitFlow].contains),
            client.callbackURLs.isEmpty
        {
            throw ServiceFault.invalidParameter("CallbackURLs are required for the code and implicit flows.")
        }
        for url in client.callbackURLs + client.logoutURLs where !Self.isAcceptableRedirect(url) {
            throw ServiceFault.invalidParameter(
                "Invalid URL \(url): use https, a custom scheme, or http only for localhost; no fragment.")
        }
        if let redirect = client.settings["DefaultRedirectURI"], !client.callbackURLs.contains(redirect) {
            throw ServiceFault.invalidParameter("DefaultRedirectURI must be one of the CallbackURLs.")
        }
        for provider in client.lists["SupportedIdentityProviders"] ?? [] where provider != OAuth2Value.cognitoProvider {
            throw ServiceFault.invalidParameter("The provider \(provider) does not exist for User Pool \(userPoolId)")
        }
    }

    func isCustomScope(_ scope: String) -> Bool {
        guard let slash = scope.lastIndex(of: "/") else { return false }
        let server = oauth2.resourceServers[String(scope[..<slash])]
        return server?.scopes[String(scope[scope.index(after: slash)...])] != nil
    }

    /// An absolute URL with a scheme, no fragment; `http` only to localhost or a loopback address.
    static func isAcceptableRedirect(_ text: String) -> Bool {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), url.fragment == nil,
            text.count <= 1024
        else { return false }
        if scheme == "http" {
            return ["localhost", "127.0.0.1", "[::1]", "::1"].contains(url.host?.lowercased() ?? "")
        }
        return scheme != "https" || !(url.host ?? "").isEmpty
    }
}

extension LocalUserPool.AppClient {
    /// `CallbackURLs`.
    public var callbackURLs: [String] { lists["CallbackURLs"] ?? [] }
    /// `LogoutURLs`.
    public var logoutURLs: [String] { lists["LogoutURLs"] ?? [] }
    /// `AllowedOAuthFlows` (`code`, `implicit`, `client_credentials`).
    public var allowedOAuthFlows: [String] { lists["AllowedOAuthFlows"] ?? [] }
    /// `AllowedOAuthScopes`.
    public var allowedOAuthScopes: [String] { lists["AllowedOAuthScopes"] ?? [] }

    /// Whether the client may use an OAuth flow (`AllowedOAuthFlowsUserPoolClient` and the flow listed).
    func allows(_ flow: String) -> Bool { allowedOAuthFlowsUserPoolClient && allowedOAuthFlows.contains(flow) }
}
