/// Why ``JSONParser`` refused its input, and the byte offset where it noticed.
///
/// It holds the kind and the offset only, never any of the input, which may be a token.
package struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the input.
    package enum Kind: String, Sendable, Hashable {
        /// The input is not valid UTF-8.
        case invalidUTF8
        /// The input stops in the middle of a value.
        case unexpectedEnd
        /// A byte that cannot start or continue a value here.
        case unexpectedByte
        /// Something other than whitespace follows the value.
        case trailingData
        /// Arrays and objects nest deeper than ``JSONParser/maximumDepth``.
        case tooDeep
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacter
        /// A backslash escape RFC 8259 does not define, or a `\u` without four hex digits.
        case invalidEscape
        /// A `\u` escape of a UTF-16 surrogate that is not half of a pair.
        case loneSurrogate
        /// A number that does not follow the RFC 8259 grammar.
        case invalidNumber
        /// A number too large for a `Double`.
        case numberOutOfRange
        /// An object with the same key twice.
        case duplicateKey
        /// The value is well-formed but not the object the caller asked for.
        case notAnObject
    }

    /// What is wrong.
    package let kind: Kind
    /// The offset, in bytes from the start of the input, where the fault was found.
    package let offset: Int

    package init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    package var description: String { "JSONParseError.\(kind.rawValue) at byte \(offset)" }
}
