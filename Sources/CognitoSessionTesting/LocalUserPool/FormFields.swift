import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a URL query, as the pool's OAuth2 endpoints read
/// them: `+` is a space, `%XX` a byte of UTF-8; a name given twice is a malformed request, as at the service.
struct FormFields {
    /// The fields in order.
    let pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Decodes `text`; nil when an escape is not valid UTF-8.
    init?(_ text: Substring) {
        var pairs: [(String, String)] = []
        for part in text.split(separator: "&") where !part.isEmpty {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(halves[0]), let value = Self.decode(halves.count > 1 ? halves[1] : "")
            else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The value of a field given once; nil when absent.
    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The names given more than once.
    var repeatedNames: [String] {
        var seen: Set<String> = []
        var repeated: [String] = []
        for (name, _) in pairs where !seen.insert(name).inserted && !repeated.contains(name) { repeated.append(name) }
        return repeated
    }

    /// The names, in order, for the request log (never values).
    var names: [String] { pairs.map(\.name) }

    /// One name or value: `+` as space, `%XX` as a byte.
    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
