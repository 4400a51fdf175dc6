import Foundation
import Testing

@testable import CognitoSession

@Suite("SessionFileParser and SessionFileEncoder: strict JSON objects of strings")
struct SessionFileParserTests {
    private func parse(_ text: String) throws(SessionFileParser.Failure) -> [String: String] {
        try SessionFileParser.parse(Array(text.utf8)).stringDictionary
    }

    @Test("Objects of strings parse, with whitespace and every escape")
    func valid() throws {
        #expect(try parse("{}") == [:])
        #expect(try parse(" \n\t{ \r\n } \n") == [:])
        #expect(try parse(#"{ "a" : "1" , "b":"" }"#) == ["a": "1", "b": ""])
        #expect(try parse(#"{"e":"\"\\\/\b\f\n\r\t"}"#) == ["e": "\"\\/\u{8}\u{C}\n\r\t"])
        #expect(try parse(#"{"u":"\u00e9\u00E9\u0000\uFFFF"}"#) == ["u": "éé\u{0}\u{FFFF}"])
        #expect(try parse(#"{"pair":"\uD83C\uDF4F"}"#) == ["pair": "🍏"])
        #expect(try parse("{\"raw\":\"zoë 🍏 日本語 \u{7F}\"}") == ["raw": "zoë 🍏 日本語 \u{7F}"])
    }

    static let invalid: [String: [UInt8]] = [
        "empty": [],
        "whitespace only": Array("  ".utf8),
        "array": Array(#"["a"]"#.utf8),
        "number value": Array(#"{"a":1}"#.utf8),
        "null value": Array(#"{"a":null}"#.utf8),
        "true value": Array(#"{"a":true}"#.utf8),
        "nested object": Array(#"{"a":{}}"#.utf8),
        "unquoted key": Array(#"{a:"1"}"#.utf8),
        "missing colon": Array(#"{"a" "1"}"#.utf8),
        "missing comma": Array(#"{"a":"1" "b":"2"}"#.utf8),
        "trailing comma": Array(#"{"a":"1",}"#.utf8),
        "leading comma": Array(#"{,"a":"1"}"#.utf8),
        "unterminated object": Array(#"{"a":"1""#.utf8),
        "unterminated string": Array(#"{"a":"1}"#.utf8),
        "content after": Array(#"{"a":"1"} {}"#.utf8),
        "single quotes": Array("{'a':'1'}".utf8),
        "raw newline": Array("{\"a\":\"1\n\"}".utf8),
        "raw tab": Array("{\"a\":\"\t\"}".utf8),
        "bad escape": Array(#"{"a":"\x"}"#.utf8),
        "short \\u": Array(#"{"a":"\u12"}"#.utf8),
        "non-hex \\u": Array(#"{"a":"\u12g4"}"#.utf8),
        "lone high surrogate": Array(#"{"a":"\ud83c"}"#.utf8),
        "high surrogate then letter": Array(#"{"a":"\ud83cx"}"#.utf8),
        "high surrogate then non-low": Array(#"{"a":"\ud83c\u0041"}"#.utf8),
        "lone low surrogate": Array(#"{"a":"\udf4f"}"#.utf8),
        "invalid UTF-8": [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],
        "overlong UTF-8": [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D],
        "UTF-8 surrogate": [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D],
        "truncated UTF-8": [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE6, 0x97, 0x22, 0x7D],
        "byte order mark": [0xEF, 0xBB, 0xBF] + Array("{}".utf8),
        "backslash at end": Array(#"{"a":"\"#.utf8),
    ]

    @Test("Anything else is refused", arguments: invalid.keys.sorted())
    func refused(_ name: String) throws {
        let bytes = try #require(Self.invalid[name])
        let failure = #expect(throws: SessionFileParser.Failure.self) { try SessionFileParser.parse(bytes) }
        #expect(failure?.reason.hasPrefix("not a JSON object of strings") == true)
    }

    @Test("A key twice (the same bytes) is \"duplicate key\"; equivalent keys are two keys")
    func duplicates() throws {
        let failure = #expect(throws: SessionFileParser.Failure.self) {
            try SessionFileParser.parse(Array(#"{"a":"secret","b":"2","a":"secret"}"#.utf8))
        }
        #expect(failure?.reason == "duplicate key")
        // An escaped spelling of the same bytes is the same key.
        #expect(throws: SessionFileParser.Failure(reason: "duplicate key")) {
            try SessionFileParser.parse(Array(#"{"é":"1","\u00e9":"2"}"#.utf8))
        }
        let items = try SessionFileParser.parse(Array("{\"\u{E9}\":\"1\",\"e\u{301}\":\"2\"}".utf8))
        #expect(items.count == 2)
    }

    @Test("The encoder writes what the parser reads back exactly, sorted by bytes")
    func roundTrip() throws {
        var items: [ExactKey: String] = [:]
        let samples = ["", "a", "\"", "\\", "/", "\u{0}\u{1}\u{1F}\u{7F}", "\n\r\t\u{8}\u{C}", "é", "e\u{301}", "🍏"]
        for (index, sample) in samples.enumerated() { items[ExactKey(sample)] = samples[samples.count - 1 - index] }
        let encoded = SessionFileEncoder.encode(items)
        #expect(try SessionFileParser.parse(encoded) == items)
        let sorted = SessionFileEncoder.encode([ExactKey("b"): "2", ExactKey("a"): "x/y"])
        #expect(sorted == Array(#"{"a":"x/y","b":"2"}"#.utf8))
        #expect(SessionFileEncoder.encode([ExactKey("c"): "\u{1}"]) == Array(#"{"c":"\u0001"}"#.utf8))
    }

    @Test("A file near the largest size (14 MiB) parses quickly: linear time")
    func largeInput() throws {
        let clock = ContinuousClock()
        let keys = (0..<100_000).map {
            "\"CognitoIdentityServiceProvider.client.user\($0).idToken\":\"\\u00e9\\ud83c\\udf4f\""
        }
        let escapes = "\"big\":\"" + String(repeating: "\\\\", count: 4 * 1024 * 1024) + "\""
        let bytes = Array(("{" + keys.joined(separator: ",") + "," + escapes + "}").utf8)
        let started = clock.now
        let items = try SessionFileParser.parse(bytes)
        #expect(items.count == 100_001)
        #expect(clock.now - started < .seconds(20))
    }
}
