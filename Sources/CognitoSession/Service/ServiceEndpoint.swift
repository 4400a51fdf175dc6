import Foundation

/// Where service requests go: the regional Cognito endpoint or a checked override.
package struct ServiceEndpoint: Hashable, Sendable {
    /// `https` or `http` (the latter only for loopback hosts).
    package let scheme: String
    /// Host and optional port, as sent in the request's authority.
    package let authority: String
    /// The request path; `/` unless the override names another.
    package let path: String

    /// `https://cognito-idp.<region>.amazonaws.com/`.
    package init(region: String) {
        scheme = "https"
        authority = "cognito-idp.\(region).amazonaws.com"
        path = "/"
    }

    /// An override such as a local emulator. Plain `http` is refused unless the host is a
    /// loopback address (127.0.0.0/8, `::1`, `localhost`); other schemes are refused.
    package init(override url: URL) throws(CognitoConfigurationError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw .invalidEndpoint
        }
        switch scheme {
        case "https": break
        case "http": guard Self.isLoopback(host) else { throw .insecureEndpoint }
        default: throw .invalidEndpoint
        }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw .invalidEndpoint
        }
        let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let hostPart = bareHost.contains(":") ? "[\(bareHost)]" : bareHost
        self.scheme = scheme
        self.authority = url.port.map { "\(hostPart):\($0)" } ?? hostPart
        self.path = url.path.isEmpty ? "/" : url.path
    }

    /// The endpoint as a URL string, for logs and diagnostics.
    package var urlString: String { "\(scheme)://\(authority)\(path)" }

    /// Whether `host` is `localhost`, an address in 127.0.0.0/8, or `::1`.
    package static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { part in
            part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ? UInt8(part) : nil
        }
        return values.count == 4 && values[0] == 127
    }
}
