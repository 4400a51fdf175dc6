import Foundation
import Testing

@testable import CognitoSession

@Suite("Malformed tokens: a typed error naming the part, never the token")
struct MalformedTokenTests {
    static let header = TestJWT.base64URL(TestJWT.header)
    static let payload = TestJWT.base64URL(#"{"exp":1700003600,"iat":1700000000,"sub":"secret-subject"}"#)
    static let signature = TestJWT.signature

    static func with(header: String = header, payload: String = payload, signature: String = signature) -> String {
        "\(header).\(payload).\(signature)"
    }

    static func json(_ payload: String) -> String { with(payload: TestJWT.base64URL(payload)) }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let token: String
        let expected: TokenError
        var testDescription: String { name }

        init(_ name: String, _ token: String, _ expected: TokenError) {
            (self.name, self.token, self.expected) = (name, token, expected)
        }
    }

    static let cases: [Case] = [
        Case("empty string", "", .segmentCount),
        Case("one segment", "eyJhbGciOiJSUzI1NiJ9", .segmentCount),
        Case("two segments", "\(header).\(payload)", .segmentCount),
        Case("four segments", with() + ".extra", .segmentCount),
        Case("a five-part JWE refresh token", "eyJjdHkiOiJKV1QifQ.a.b.c.d", .segmentCount),
        Case("empty header", with(header: ""), .headerEncoding),
        Case("standard base64 '+' in the header", with(header: "eyJhbGciOiJ+UzI1NiJ9"), .headerEncoding),
        Case("a character outside base64url in the header", with(header: "eyJhbGci!iJSUzI1NiJ9"), .headerEncoding),
        Case("leading whitespace", " " + with(), .headerEncoding),
        Case("header of impossible length (4n+1)", with(header: "eyJhb"), .headerEncoding),
        Case("header that is a JSON array", with(header: TestJWT.base64URL(#"["RS256"]"#)), .headerNotJSONObject),
        Case("header that is not JSON", with(header: TestJWT.base64URL("hello")), .headerNotJSONObject),
        Case("empty payload", with(payload: ""), .payloadEncoding),
        Case("space in the payload", with(payload: "eyJle HAiOjF9"), .payloadEncoding),
        Case("standard base64 '/' in the payload", with(payload: "eyJle/AiOjF9"), .payloadEncoding),
        Case("wrong padding in the payload", with(payload: "eyJ=="), .payloadEncoding),
        Case("three '=' of padding", with(payload: payload + "==="), .payloadEncoding),
        Case("payload that is a JSON array", json("[1,2]"), .payloadNotJSONObject),
        Case("payload that is a JSON string", json(#""exp""#), .payloadNotJSONObject),
        Case("payload that is a number", json("1700003600"), .payloadNotJSONObject),
        Case("payload that is JSON null", json("null"), .payloadNotJSONObject),
        Case("truncated JSON payload", json(#"{"exp":1700003600,"sub":"#), .payloadNotJSONObject),
        Case(
            "payload that is not UTF-8",
            with(payload: TestJWT.base64URL(Data([0x7B, 0xFF, 0xFE, 0x7D]))), .payloadNotJSONObject),
        Case("invalid JSON nested in the payload", json(#"{"exp":1,"a":{"b":}}"#), .payloadNotJSONObject),
        Case("standard base64 '+' in the signature", with(signature: "abc+def"), .signatureEncoding),
        Case("a trailing newline", with() + "\n", .signatureEncoding),
        Case("no exp", json(#"{"iat":1700000000,"sub":"x"}"#), .expirationMissing),
        Case("empty payload object", json("{}"), .expirationMissing),
        Case("exp as a string", json(#"{"exp":"1700003600"}"#), .expirationNotNumber),
        Case("exp null", json(#"{"exp":null}"#), .expirationNotNumber),
        Case("exp true", json(#"{"exp":true}"#), .expirationNotNumber),
        Case("exp an array", json(#"{"exp":[1700003600]}"#), .expirationNotNumber),
        Case("exp an object", json(#"{"exp":{"seconds":1700003600}}"#), .expirationNotNumber),
        Case("iat as a string", json(#"{"exp":1700003600,"iat":"1700000000"}"#), .issuedAtNotNumber),
        Case("a 40 KiB token", with(payload: String(repeating: "A", count: 40 * 1024)), .tooLarge),
    ]

    @Test("Each malformed input throws its own error", arguments: cases)
    func malformed(_ testCase: Case) throws {
        let (name, token, expected) = (testCase.name, testCase.token, testCase.expected)
        let error = #expect(throws: TokenError.self, "\(name)") { try CognitoAccessToken(jwtToken: token) }
        #expect(error == expected, "\(name): got \(String(describing: error))")
        #expect(throws: expected) { try CognitoIdToken(jwtToken: token) }
        let shown = String(describing: error)
        for part in token.split(separator: ".") where part.count >= 4 {
            #expect(!shown.contains(part), "\(name): the error shows part of the token")
        }
        #expect(!shown.contains("secret-subject"))
    }

    @Test("There are at least 20 malformed cases, and every kind of error is among them")
    func coverage() {
        #expect(Self.cases.count >= 20)
        let kinds: Set<TokenError> = [
            .tooLarge, .segmentCount, .headerEncoding, .headerNotJSONObject, .payloadEncoding,
            .payloadNotJSONObject, .signatureEncoding, .expirationMissing, .expirationNotNumber, .issuedAtNotNumber,
        ]
        #expect(Set(Self.cases.map(\.expected)) == kinds)
    }

    @Test("The well-formed token the cases are made from decodes")
    func baseline() throws {
        #expect(try CognitoAccessToken(jwtToken: Self.with()).sub == "secret-subject")
    }
}
