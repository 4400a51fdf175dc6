import Foundation

/// Where service requests go: the regional Cognito endpoint or a checked override.
package struct ServiceEndpoint: Hashable, Sendable {
    /// `https` or `http` (the latter only for loopback hosts).
    package let scheme: String
    /// Host and optional port, as sent in the request's authority (IPv6 addresses in brackets).
    package let authority: String
    /// The request path, percent-encoded as written; `/` unless the override names another.
    package let path: String

    /// `https://cognito-idp.<region>.amazonaws.com/`.
    package init(region: String) {
        scheme = "https"
        authority = "cognito-idp.\(region).amazonaws.com"
        path = "/"
    }

    /// An override such as a local emulator.
    ///
    /// The host must be a DNS name, a canonical dotted quad (`127.0.0.1`, not `127.1`, `0x7f.0.0.1`,
    /// `0127.0.0.1` or `2130706433`) or a bracketed IPv6 address; a percent sign in the host is
    /// refused. Plain `http` is refused unless the host is a loopback address (127.0.0.0/8
    /// as a dotted quad, `[::1]`, `localhost`); other schemes are refused. The path keeps its
    /// percent-encoding (`/a%2Fb/` stays `/a%2Fb/`).
    ///
    /// - Throws: ``CognitoConfigurationError/insecureEndpoint`` for plain `http` to any other
    ///   host (a number in another spelling included); ``CognitoConfigurationError/invalidEndpoint``
    ///   for anything else that is not such a URL.
    package init(override url: URL) throws(CognitoConfigurationError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(),
            let written = components.percentEncodedHost, !written.isEmpty
        else { throw .invalidEndpoint }
        guard components.percentEncodedUser == nil, components.percentEncodedPassword == nil,
            components.percentEncodedQuery == nil, components.percentEncodedFragment == nil
        else { throw .invalidEndpoint }
        guard let host = EndpointHost(written) else { throw .invalidEndpoint }
        switch (scheme, host) {
        case ("http", _): guard host.isLoopback else { throw .insecureEndpoint }
        case ("https", .numericOther): throw .invalidEndpoint
        case ("https", _): break
        default: throw .invalidEndpoint
        }
        if let port = components.port, !(1...65535).contains(port) { throw .invalidEndpoint }
        let path = components.percentEncodedPath
        guard path.isEmpty || path.hasPrefix("/") else { throw .invalidEndpoint }
        self.scheme = scheme
        self.authority = components.port.map { "\(host.authorityForm):\($0)" } ?? host.authorityForm
        self.path = path.isEmpty ? "/" : path
    }

    /// The endpoint as a URL string, for logs and diagnostics.
    package var urlString: String { "\(scheme)://\(authority)\(path)" }

    /// Whether `host` is `localhost`, a dotted quad in 127.0.0.0/8, or `::1` (brackets optional).
    package static func isLoopback(_ host: String) -> Bool { EndpointHost(host)?.isLoopback ?? false }
}
