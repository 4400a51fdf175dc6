/// Reads a session file's bytes: one JSON object whose values are all strings, keys compared
/// byte for byte.
///
/// Strict and linear: whitespace, one object, string keys and string values with every JSON
/// escape (`\uXXXX` included, surrogate pairs combined), and nothing else — no other value
/// type, no trailing comma or content, no lone surrogate, no raw control character, no invalid
/// UTF-8. A key that appears twice (the same bytes) is an error, not a silent merge: `JSONDecoder`
/// keeps one of the values without a word. Keys that are canonically equivalent but
/// byte-distinct are two keys.
struct SessionFileParser {
    /// Why the bytes are not a session file. Never holds a key or value read from the file.
    struct Failure: Error, Equatable {
        /// What was wrong, in words.
        let reason: String
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The items in `bytes`.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> [ExactKey: String] {
        var parser = SessionFileParser(bytes)
        return try parser.object()
    }

    // MARK: - Grammar

    private mutating func object() throws(Failure) -> [ExactKey: String] {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { throw malformed("not a JSON object") }
        var items: [ExactKey: String] = [:]
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw malformed("expected a string key") }
                let key = ExactKey(try string())
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { throw malformed("expected ':'") }
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw malformed("a value is not a string") }
                let value = try string()
                guard items.updateValue(value, forKey: key) == nil else { throw Failure(reason: "duplicate key") }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                if take(UInt8(ascii: "}")) { break }
                throw malformed("expected ',' or '}'")
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw malformed("content after the object") }
        return items
    }

    /// A string token, from its opening quote (at `index`) to just past its closing quote.
    private mutating func string() throws(Failure) -> String {
        index += 1
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw malformed("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                try escape(into: &decoded)
                runStart = index
                continue
            }
            guard byte >= 0x20 else { throw malformed("a control character in a string") }
            index += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw malformed("invalid UTF-8") }
        return text
    }

    /// The escape after a backslash (at `index`), appended as UTF-8.
    private mutating func escape(into decoded: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw malformed("unterminated string") }
        let letter = bytes[index]
        index += 1
        let simple: UInt8? =
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            decoded.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else { throw malformed("an invalid escape") }
        let unit = try hexUnit()
        var value = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) else { throw malformed("a lone surrogate") }
            let low = try hexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw malformed("a lone surrogate") }
            value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw malformed("a lone surrogate")
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else { throw malformed("an invalid escape") }
        UTF8.encode(scalar) { decoded.append($0) }
    }

    /// Four hexadecimal digits.
    private mutating func hexUnit() throws(Failure) -> UInt16 {
        guard bytes.count - index >= 4 else { throw malformed("an invalid \\u escape") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8 =
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
                default: throw malformed("an invalid \\u escape")
                }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    // MARK: - Bytes

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func malformed(_ what: String) -> Failure {
        Failure(reason: "not a JSON object of strings: \(what) at byte \(index)")
    }
}
