import Foundation
import Testing

@testable import CognitoSession

/// Pathological tokens just under the size cap must be decoded (or refused) in milliseconds.
///
/// The bound is generous (a second for all of them together, where linear decoding takes well under
/// 100 ms even in a debug build) so it fails only on super-linear behaviour, not on a busy machine:
/// the Codable path took 3.8 s for this set (the issue measured 34 s for one token under the cap).
@Suite("Token decoding costs time linear in the token")
struct TokenDecodingCostTests {
    static let payload = #"{"exp":1700003600,"iat":1700000000}"#

    /// The most JSON bytes that still fit in a token under the cap once base64url-encoded beside `other`.
    static func room(beside other: String) -> Int {
        let remaining = JWT.maximumLength - TestJWT.base64URL(other).utf8.count - TestJWT.signature.utf8.count - 2
        return remaining * 3 / 4 - 8
    }

    static func nestedArrays(depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    static func nestedObjects(depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    }

    /// Payloads that fill the cap, each an object with `exp` first.
    static func payloads(room: Int) -> [String] {
        let prefix = #"{"exp":1700003600,"x":"#
        let space = room - prefix.utf8.count - 1
        return [
            prefix + nestedArrays(depth: space / 2) + "}",
            prefix + nestedObjects(depth: space / 6) + "}",
            prefix + String(repeating: "[", count: space) + "}",
            prefix + "\"" + String(repeating: "é", count: (space - 2) / 2) + "\"}",
            prefix + "\"" + String(repeating: #"\u00e9"#, count: (space - 2) / 6) + "\"}",
            prefix + "\"" + String(repeating: #"\ud83d\ude00"#, count: (space - 2) / 12) + "\"}",
            prefix + "[" + Array(repeating: "1.5e3", count: space / 6).joined(separator: ",") + "]}",
            prefix + "1" + (0..<(space / 12)).map { #","k\#($0)":1"# }.joined() + "}",
            prefix + "1" + String(repeating: #","k":1"#, count: space / 6) + "}",
            prefix + String(repeating: "7", count: space) + "}",
            prefix + "0." + String(repeating: "0", count: space - 4) + "1}",
            prefix + "1e" + String(repeating: "0", count: space - 4) + "5}",
        ]
    }

    static var tokens: [String] {
        let headerRoom = room(beside: payload)
        var tokens = [
            TestJWT.make(payload: payload, header: nestedArrays(depth: 511)),
            TestJWT.make(payload: payload, header: #"{"a":"# + nestedArrays(depth: (headerRoom - 6) / 2) + "}"),
            TestJWT.make(payload: payload, header: #"{"a":"# + nestedObjects(depth: (headerRoom - 6) / 6) + "}"),
            TestJWT.make(payload: #"{"exp":1,"a":"# + nestedArrays(depth: 511) + "}"),
        ]
        tokens += payloads(room: room(beside: TestJWT.header)).map { TestJWT.make(payload: $0) }
        return tokens
    }

    @Test("Deep nesting, long strings and many keys under the cap take milliseconds")
    func worstCases() {
        let tokens = Self.tokens
        for token in tokens {
            #expect(token.utf8.count <= JWT.maximumLength)
        }
        #expect(tokens.contains { $0.utf8.count > JWT.maximumLength - 64 })
        let elapsed = ContinuousClock().measure {
            for token in tokens {
                _ = try? CognitoAccessToken(jwtToken: token)
            }
        }
        #expect(elapsed < .seconds(1), "decoding \(tokens.count) tokens took \(elapsed)")
    }

    @Test("Each worst case decodes, or fails with the kind naming its part")
    func outcomes() throws {
        let tokens = Self.tokens
        for index in 0..<4 {
            let expected: TokenError = index == 3 ? .payloadNotJSONObject : .headerNotJSONObject
            #expect(throws: expected) { try CognitoAccessToken(jwtToken: tokens[index]) }
        }
        let payloads = Array(tokens.dropFirst(4))
        let outcomes = payloads.map { token in
            Result { () throws(TokenError) in try CognitoAccessToken(jwtToken: token) }
        }
        // Too deep (arrays, objects, unclosed), the duplicated key and a number too large for a Double
        // are refused; the rest decode.
        for index in [0, 1, 2, 8, 9] {
            #expect(throws: TokenError.payloadNotJSONObject) { try outcomes[index].get() }
        }
        for index in [3, 4, 5, 6, 7, 10, 11] {
            let token = try outcomes[index].get()
            #expect(token.expiration == Date(timeIntervalSince1970: 1_700_003_600))
        }
        #expect(try outcomes[7].get().payload.count > 2000)
    }
}
