import CognitoSession
import Foundation
import HTTPTypes

/// Plays a browser on the authorize endpoint's sign-in page, over any transport (``LocalUserPool`` in-process,
/// `URLSessionTransport` against `cognito-session serve`): fetches the page, fills `username` and `password`,
/// posts the form with its hidden fields, and hands back the answer, whose `Location` is the redirect.
package struct HostedUIBrowser: Sendable {
    /// An answer of the pages.
    package struct Answer: Sendable {
        /// The HTTP status.
        package let status: Int
        /// The `Location` of a redirect.
        package let location: URL?
        /// The body as text.
        package let text: String
    }

    package let transport: any HTTPTransport

    package init(transport: any HTTPTransport) { self.transport = transport }

    /// `GET url`.
    package func get(_ url: URL) async throws -> Answer {
        try await send(.get, url, body: nil)
    }

    /// Fetches the sign-in page at `url`, then posts its form with `username` and `password`.
    package func signIn(at url: URL, username: String, password: String) async throws -> Answer {
        let page = try await get(url)
        guard page.status == 200, let action = Self.formAction(in: page.text) else { return page }
        let fields = Self.hiddenFields(in: page.text) + [("username", username), ("password", password)]
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.percentEncodedPath = action
        components?.percentEncodedQuery = nil
        guard let target = components?.url else { return page }
        return try await send(.post, target, body: FormEncoding.encode(fields))
    }

    /// The code and state of a redirect to the callback.
    package static func codeAndState(_ location: URL?) -> (code: String?, state: String?, error: String?) {
        let items = location.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.queryItems } ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        return (value("code"), value("state"), value("error"))
    }

    private func send(_ method: HTTPRequest.Method, _ url: URL, body: String?) async throws -> Answer {
        var fields = HTTPFields()
        fields[.accept] = "text/html"
        if body != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery
        let path =
            (url.path.isEmpty
                ? "/" : URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/")
            + (query.map { "?\($0)" } ?? "")
        let authority = url.port.map { "\(url.host ?? ""):\($0)" } ?? url.host ?? ""
        let head = HTTPRequest(
            method: method, scheme: url.scheme, authority: authority, path: path, headerFields: fields)
        let (response, data) = try await transport.send(head, body: Data((body ?? "").utf8))
        return Answer(
            status: response.status.code, location: response.headerFields[.location].flatMap(URL.init(string:)),
            text: String(decoding: data, as: UTF8.self))
    }

    /// The `action` of the page's form.
    static func formAction(in html: String) -> String? {
        guard let start = html.range(of: "<form method=\"post\" action=\"") else { return nil }
        return unescape(String(html[start.upperBound...].prefix { $0 != "\"" }))
    }

    /// The hidden inputs of the page's form, in order.
    static func hiddenFields(in html: String) -> [(String, String)] {
        html.components(separatedBy: "<input type=\"hidden\" name=\"").dropFirst().compactMap { rest in
            let name = rest.prefix { $0 != "\"" }
            guard let valueStart = rest.range(of: "value=\"") else { return nil }
            let value = rest[valueStart.upperBound...].prefix { $0 != "\"" }
            return (unescape(String(name)), unescape(String(value)))
        }
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
