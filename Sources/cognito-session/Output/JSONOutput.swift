import Foundation

/// `--output json`: one JSON object on stdout, keys sorted, with DEL and C1 controls escaped
/// too (JSONSerialization escapes only C0), so the output is safe on a terminal and valid JSON.
enum JSONOutput {
    static func write(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var text = String.UnicodeScalarView()
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                text.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                text.append(scalar)
            }
        }
        FileHandle.standardOutput.write(Data((String(text) + "\n").utf8))
    }
}
