/// Writes a session file's bytes: one JSON object of strings, keys in UTF-8 byte order, each
/// key and value byte for byte as given (only `"`, `\` and control characters are escaped; `/`
/// and non-ASCII are written as they are).
///
/// `JSONEncoder` cannot be used: it takes a `[String: String]`, where two byte-distinct but
/// canonically equivalent keys are one. ``SessionFileParser`` reads the output back exactly.
enum SessionFileEncoder {
    /// The file's bytes for `items`.
    static func encode(_ items: [ExactKey: String]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (offset, item) in items.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            append(item.key.string, to: &output)
            output.append(UInt8(ascii: ":"))
            append(item.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private static func append(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
            case 0x08: output += Array(#"\b"#.utf8)
            case 0x0C: output += Array(#"\f"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
