import Foundation
import Testing

@testable import CognitoSession

@Suite("JSONParser: strict RFC 8259, linear, depth-limited")
struct JSONParserTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    static func kind(_ bytes: [UInt8]) -> JSONParseError.Kind? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.kind
        }
    }

    static func kind(_ text: String) -> JSONParseError.Kind? { kind(Array(text.utf8)) }

    @Test("Scalars, containers, escapes and surrogate pairs")
    func values() throws {
        #expect(try Self.parse("null") == .null)
        #expect(try Self.parse(" true ") == .bool(true))
        #expect(try Self.parse("\t\r\nfalse") == .bool(false))
        #expect(try Self.parse("-12.5e1") == .number(-125))
        #expect(try Self.parse("0") == .number(0))
        #expect(try Self.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try Self.parse(#""\u00e9\u20AC\ud83d\ude00""#) == .string("é€😀"))
        #expect(try Self.parse(#""é😀""#) == .string("é😀"))
        #expect(try Self.parse(#"[1, "x", [], {}]"#) == .array([1, "x", .array([]), .object([:])]))
        #expect(try Self.parse(#"{"a": {"b": [null]}}"#) == .object(["a": .object(["b": .array([.null])])]))
    }

    @Test(
        "Malformed input fails with the kind of fault",
        arguments: [
            ("", JSONParseError.Kind.unexpectedEnd),
            ("   ", .unexpectedEnd),
            ("[1,", .unexpectedEnd),
            (#"{"a""#, .unexpectedEnd),
            (#""abc"#, .unexpectedEnd),
            ("[1,]", .unexpectedByte),
            ("[,1]", .unexpectedByte),
            (#"{"a":1,}"#, .unexpectedByte),
            ("{a:1}", .unexpectedByte),
            ("{'a':1}", .unexpectedByte),
            ("tru", .unexpectedEnd),
            ("nul!", .unexpectedByte),
            ("True", .unexpectedByte),
            ("NaN", .unexpectedByte),
            ("Infinity", .unexpectedByte),
            ("+1", .unexpectedByte),
            (".5", .unexpectedByte),
            ("1 2", .trailingData),
            ("{} x", .trailingData),
            ("01", .trailingData),
            ("-", .unexpectedEnd),
            ("-x", .invalidNumber),
            ("1.", .invalidNumber),
            ("1.e3", .invalidNumber),
            ("1e", .invalidNumber),
            ("1e+", .invalidNumber),
            ("1e400", .numberOutOfRange),
            ("-1e400", .numberOutOfRange),
            ("\"a\u{1}b\"", .controlCharacter),
            ("\"tab\there\"", .controlCharacter),
            ("\"line\nbreak\"", .controlCharacter),
            (#""\x""#, .invalidEscape),
            (#""\u12""#, .invalidEscape),
            (#""\u12G4""#, .invalidEscape),
            (#""\ud800""#, .loneSurrogate),
            (#""\ud800x""#, .loneSurrogate),
            (#""\ud800\u0041""#, .loneSurrogate),
            (#""\udc00""#, .loneSurrogate),
            (#""\udfff\ud800""#, .loneSurrogate),
            (#"{"a":1,"a":2}"#, .duplicateKey),
            (#"{"a":1,"\u0061":2}"#, .duplicateKey),
            ("\u{FEFF}{}", .unexpectedByte),
        ])
    func malformed(_ text: String, _ expected: JSONParseError.Kind) {
        #expect(Self.kind(text) == expected, "\(text.debugDescription)")
    }

    @Test(
        "Invalid UTF-8 anywhere fails as invalidUTF8",
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x7B, 0xFF, 0xFE, 0x7D], [0x5B, 0x31, 0x5D, 0x80],
        ] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        #expect(Self.kind(bytes) == .invalidUTF8)
    }

    @Test("Nesting up to maximumDepth parses; one level more fails as tooDeep")
    func depth() throws {
        let depth = JSONParser.maximumDepth
        #expect(depth == 64)
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try Self.parse(arrays) }
        #expect(Self.kind("[" + arrays + "]") == .tooDeep)
        let objects = String(repeating: #"{"k":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: Never.self) { try Self.parse(objects) }
        #expect(Self.kind(#"{"k":"# + objects + "}") == .tooDeep)
        #expect(Self.kind(#"{"k":["# + objects + "]}") == .tooDeep)
    }

    @Test("parseObject refuses a value that is not an object")
    func objectOnly() throws {
        #expect(try JSONParser.parseObject(Array(#"{"a":1}"#.utf8)) == ["a": 1])
        for text in ["[]", "1", #""s""#, "null", "true"] {
            #expect(throws: JSONParseError(.notAnObject, at: 0)) { try JSONParser.parseObject(Array(text.utf8)) }
        }
    }

    @Test("An error shows its kind and offset, never the input")
    func errorShowsNoInput() {
        let error = #expect(throws: JSONParseError.self) { try Self.parse(#"{"secret-value":"x","secret-value":1}"#) }
        #expect(error?.kind == .duplicateKey)
        #expect(error.map { !String(describing: $0).contains("secret") } == true)
    }
}
