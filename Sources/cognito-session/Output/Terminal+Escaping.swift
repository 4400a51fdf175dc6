extension Terminal {
    /// `text` with every control character written as a Swift escape, `\u{1B}` for ESC: C0
    /// controls (U+0000 to U+001F, tab, CR and LF included), DEL (U+007F) and C1 controls
    /// (U+0080 to U+009F). Everything the tool prints goes through this, so a string from the
    /// service (an error message, a code delivery destination, a claim) cannot move the
    /// cursor, retitle the window or start a terminal escape sequence.
    static func escaped(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
