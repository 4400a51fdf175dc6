/// The table names ``PostgresSessionStorage`` accepts, and how they are spelled into SQL.
enum TableName {
    /// `name` double-quoted for SQL (`"table"` or `"schema"."table"`), or nil unless it is one or two
    /// dot-separated parts, each an ASCII letter or `_` followed by up to 62 ASCII letters, digits or `_`.
    static func quoted(_ name: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(isIdentifier) else { return nil }
        return parts.map { "\"\($0)\"" }.joined(separator: ".")
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        let bytes = Array(part.utf8)
        guard let first = bytes.first, bytes.count <= 63, isLetter(first) || first == UInt8(ascii: "_") else {
            return false
        }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
