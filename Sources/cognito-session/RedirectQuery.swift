import Foundation

/// The query of the address the hosted UI redirected to: `code` and `state`, or `error` and
/// `error_description`.
enum RedirectQuery {
    /// Name → value of a form-encoded query (`+` as a space, percent escapes decoded); the first of a repeated
    /// name wins. A leading `?` is ignored.
    static func parse(_ query: String) -> [String: String] {
        var fields: [String: String] = [:]
        let text = query.hasPrefix("?") ? query.dropFirst() : Substring(query)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// The query of an address pasted by hand: a whole URL, or only its query.
    static func parse(pasted line: String) -> [String: String] {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if let question = text.firstIndex(of: "?") {
            let query = text[text.index(after: question)...]
            return parse(String(query.split(separator: "#", omittingEmptySubsequences: false).first ?? ""))
        }
        return parse(text)
    }
}
