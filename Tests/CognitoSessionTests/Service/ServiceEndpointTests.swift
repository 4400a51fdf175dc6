import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

@Suite("Endpoints and user pool ids")
struct ServiceEndpointTests {
    @Test("the regional endpoint is https://cognito-idp.<region>.amazonaws.com/")
    func regional() throws {
        let pool = try UserPoolID("eu-west-1_AbC123")
        #expect(ServiceEndpoint(region: pool.region).urlString == "https://cognito-idp.eu-west-1.amazonaws.com/")
    }

    @Test(
        "https to any host and http to loopback hosts are allowed",
        arguments: [
            ("https://cognito.example.com", "https://cognito.example.com/"),
            ("https://proxy.example.com:8443/cognito", "https://proxy.example.com:8443/cognito"),
            ("http://127.0.0.1:9229", "http://127.0.0.1:9229/"),
            ("http://127.10.20.30/", "http://127.10.20.30/"),
            ("http://[::1]:8080/", "http://[::1]:8080/"),
            ("http://localhost:5000/", "http://localhost:5000/"),
            ("HTTP://LOCALHOST/", "http://LOCALHOST/"),
        ])
    func allowed(override: String, expected: String) throws {
        let endpoint = try ServiceEndpoint(override: try #require(URL(string: override)))
        #expect(endpoint.urlString.lowercased() == expected.lowercased())
    }

    @Test(
        "plain http to a host that is not loopback is refused",
        arguments: [
            "http://example.com/", "http://10.0.0.1:9229/", "http://128.0.0.1/", "http://127.0.0.1.nip.io/",
            "http://localhost.example.com/", "http://[::2]/", "http://2130706433/",
        ])
    func insecure(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.insecureEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test(
        "other schemes, relative URLs and URLs with credentials or queries are refused",
        arguments: [
            "ftp://127.0.0.1/", "file:///tmp/cognito", "ws://localhost/", "relative/path",
            "https://user:secret@example.com/", "https://example.com/?x=1",
        ])
    func invalid(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test(
        "loopback over http is a canonical dotted quad in 127/8, [::1] or localhost, and nothing else",
        arguments: [
            "http://0127.0.0.1/", "http://127.1/", "http://127.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/",
            "http://2130706433/", "http://127.000.0.1/", "http://0177.0.0.1/", "http://127.0.0.01/",
            "http://127.0.0.256/", "http://127.0.0.1./", "http://[::ffff:127.0.0.1]/",
            "http://[0:0:0:0:0:0:0:2]/", "http://127.0.0.0x1/",
        ])
    func nonCanonicalLoopback(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.insecureEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test(
        "https to a host that reads as a number but is not a canonical dotted quad is refused",
        arguments: [
            "https://127.1/", "https://0x7f.0.0.1/", "https://2130706433/", "https://010.0.0.1/", "https://1.2.3.4./",
            "https://example.0x1/", "https://example.123/",
        ])
    func numericHostOverHTTPS(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test(
        "https to canonical addresses and names with digits is allowed",
        arguments: [
            ("https://10.0.0.1/", "10.0.0.1"), ("https://0.0.0.0:443/", "0.0.0.0:443"),
            ("https://123.example.com/", "123.example.com"), ("https://[2001:db8::1]:8443/", "[2001:db8::1]:8443"),
            ("https://Cognito.Example.COM/", "cognito.example.com"),
        ])
    func canonicalHosts(override: String, authority: String) throws {
        let endpoint = try ServiceEndpoint(override: try #require(URL(string: override)))
        #expect(endpoint.authority == authority)
    }

    @Test(
        "a percent sign in the host, a bad IPv6 literal, a bad or empty label or port 0 is refused",
        arguments: [
            "http://127.0.0.%31/", "http://local%68ost/", "https://example%2Ecom/", "http://[::1%25lo]/",
            "https://[::1::2]/", "https://[fe80::zz]/", "https://exa_mple..com/", "https://-/x",
            "http://127.0.0.1:0/", "http://localhost./", "https://example.com./",
        ])
    func invalidHost(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test("the path keeps its percent-encoding")
    func percentEncodedPath() throws {
        let endpoint = try ServiceEndpoint(override: try #require(URL(string: "http://127.0.0.1:9/a%2Fb/c%20d")))
        #expect(endpoint.path == "/a%2Fb/c%20d")
        #expect(endpoint.urlString == "http://127.0.0.1:9/a%2Fb/c%20d")
    }

    @Test("[::1] is loopback and keeps its brackets in the authority (the Host header)")
    func ipv6LoopbackAuthority() throws {
        let endpoint = try ServiceEndpoint(override: try #require(URL(string: "http://[::1]:9229/")))
        #expect(endpoint.authority == "[::1]:9229")
        let client = CognitoServiceClient(endpoint: endpoint, transport: MockTransport())
        #expect(client.httpRequest(for: .initiateAuth).authority == "[::1]:9229")
    }

    @Test("a valid pool id splits into region and pool name at the first underscore")
    func poolID() throws {
        let pool = try UserPoolID("us-east-1_AbC123")
        #expect(pool.region == "us-east-1")
        #expect(pool.poolName == "AbC123")
        #expect(pool.description == "us-east-1_AbC123")
    }

    @Test(
        "malformed pool ids are refused",
        arguments: [
            "", "us-east-1", "_AbC123", "us-east-1_", "us-east-1_Ab-C", "us east-1_AbC", "us-east-1_AbC_1",
            "us-east-1/../x_AbC", "us-éast-1_AbC", "us-east-1_" + String(repeating: "a", count: 46),
        ])
    func malformedPoolID(id: String) {
        #expect(throws: CognitoConfigurationError.invalidUserPoolId) { try UserPoolID(id) }
    }

    @Test("a pool id of exactly 55 characters is accepted")
    func longestPoolID() throws {
        let id = "us-east-1_" + String(repeating: "a", count: 45)
        #expect(id.count == 55)
        #expect(try UserPoolID(id).poolName.count == 45)
    }
}
