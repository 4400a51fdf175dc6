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

    @Test("https to any host and http to loopback hosts are allowed", arguments: [
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

    @Test("plain http to a host that is not loopback is refused", arguments: [
        "http://example.com/", "http://10.0.0.1:9229/", "http://128.0.0.1/", "http://127.0.0.1.nip.io/",
        "http://localhost.example.com/", "http://[::2]/", "http://2130706433/",
    ])
    func insecure(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.insecureEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test("other schemes, relative URLs and URLs with credentials or queries are refused", arguments: [
        "ftp://127.0.0.1/", "file:///tmp/cognito", "ws://localhost/", "relative/path",
        "https://user:secret@example.com/", "https://example.com/?x=1",
    ])
    func invalid(override: String) throws {
        let url = try #require(URL(string: override))
        #expect(throws: CognitoConfigurationError.invalidEndpoint) { try ServiceEndpoint(override: url) }
    }

    @Test("a valid pool id splits into region and pool name at the first underscore")
    func poolID() throws {
        let pool = try UserPoolID("us-east-1_AbC123")
        #expect(pool.region == "us-east-1")
        #expect(pool.poolName == "AbC123")
        #expect(pool.description == "us-east-1_AbC123")
    }

    @Test("malformed pool ids are refused", arguments: [
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
