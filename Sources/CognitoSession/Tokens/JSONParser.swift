import Foundation

/// A strict RFC 8259 JSON parser that turns UTF-8 bytes into a ``JSONValue`` in time linear in the input.
///
/// It reads everything the library decodes from untrusted places (token headers and payloads,
/// the attributes a `NEW_PASSWORD_REQUIRED` challenge carries), so it is deliberately strict:
///
/// - The input must be valid UTF-8 (no byte order mark), holding exactly one JSON value with
///   optional whitespace (space, tab, line feed, carriage return) around it; anything after it fails.
/// - Strings: every escape of RFC 8259, `\u` surrogate pairs joined; a lone surrogate, an unknown
///   escape or an unescaped control character (below U+0020) fails.
/// - Numbers follow the RFC grammar (no leading zeros, no `+`, no bare `.`) and become `Double`;
///   one too large for a `Double` fails rather than turning into infinity.
/// - Nesting deeper than ``maximumDepth`` arrays and objects fails. Cognito's claims are shallow
///   (an array of groups, an object of attributes), so the limit leaves room to spare.
/// - An object with the same key twice is malformed: a token whose claims could be read two ways
///   is refused, not resolved by first or last wins. Keys are compared as Swift compares `String`s
///   (canonical equivalence), which is how the decoded object is keyed.
///
/// Errors name the kind of fault and its byte offset, never the input's text.
package struct JSONParser {
    /// How many arrays and objects may nest inside one another.
    package static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes`, which must hold one JSON value and nothing else.
    package static func parse(_ bytes: some Sequence<UInt8>) throws(JSONParseError) -> JSONValue {
        let input = Array(bytes)
        guard String(validating: input, as: UTF8.self) != nil else { throw JSONParseError(.invalidUTF8, at: 0) }
        var parser = JSONParser(input)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw JSONParseError(.trailingData, at: parser.index) }
        return value
    }

    /// Parses `bytes` and requires the value to be an object.
    package static func parseObject(_ bytes: some Sequence<UInt8>) throws(JSONParseError) -> [String: JSONValue] {
        guard case .object(let members) = try parse(bytes) else { throw JSONParseError(.notAnObject, at: 0) }
        return members
    }

    // MARK: - Values

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch byte {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw JSONParseError(.unexpectedByte, at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw JSONParseError(.unexpectedEnd, at: index) }
        let matches = literal.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw JSONParseError(.unexpectedByte, at: index) }
        index += count
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard let found = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        guard found == byte else { throw JSONParseError(.unexpectedByte, at: index) }
        index += 1
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        guard depth <= Self.maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1  // [
        skipWhitespace()
        var elements: [JSONValue] = []
        if current == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            guard try anotherItem(before: UInt8(ascii: "]")) else { return elements }
        }
    }

    /// After an array element or object member: true at a `,` (consumed), false at `closing`
    /// (consumed); anything else is an error.
    private mutating func anotherItem(before closing: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        if current == UInt8(ascii: ",") {
            index += 1
            return true
        }
        try expect(closing)
        return false
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> [String: JSONValue] {
        guard depth <= Self.maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1  // {
        skipWhitespace()
        var members: [String: JSONValue] = [:]
        if current == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard current == UInt8(ascii: "\"") else {
                throw JSONParseError(current == nil ? .unexpectedEnd : .unexpectedByte, at: index)
            }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try parseValue(depth: depth)
            guard members.updateValue(value, forKey: key) == nil else {
                throw JSONParseError(.duplicateKey, at: keyOffset)
            }
            guard try anotherItem(before: UInt8(ascii: "}")) else { return members }
        }
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string (UTF-8 already checked).
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw JSONParseError(.controlCharacter, at: index) }
            index += 1
        }
        guard let stop = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        if stop == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
        }
        var buffer = Array(bytes[start..<index])
        while true {
            guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw JSONParseError(.controlCharacter, at: index)
            default:
                buffer.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let escapeOffset = index
        index += 1  // backslash
        guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHexQuad()
            let scalarValue: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw JSONParseError(.loneSurrogate, at: escapeOffset)
                }
                index += 2
                let low = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: escapeOffset) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONParseError(.loneSurrogate, at: escapeOffset)
            default:
                scalarValue = UInt32(unit)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw JSONParseError(.loneSurrogate, at: escapeOffset)
            }
            UTF8.encode(scalar) { buffer.append($0) }
        default:
            throw JSONParseError(.invalidEscape, at: escapeOffset)
        }
    }

    private mutating func parseHexQuad() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        if first == UInt8(ascii: "0") {
            index += 1
        } else if Self.isDigit(first) {
            skipDigits()
        } else {
            throw JSONParseError(.invalidNumber, at: start)
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let digit = current, Self.isDigit(digit) else { throw JSONParseError(.invalidNumber, at: start) }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, Self.isDigit(digit) else { throw JSONParseError(.invalidNumber, at: start) }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw JSONParseError(.numberOutOfRange, at: start) }
        return value
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
