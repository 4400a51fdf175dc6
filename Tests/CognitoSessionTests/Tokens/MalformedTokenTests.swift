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
    }

    static let cases: [Case] = [
        Case(name: "empty string", token: "", expected: .segmentCount),
        Case(name: "one segment", token: "eyJhbGciOiJSUzI1NiJ9", expected: .segmentCount),
        Case(name: "two segments", token: "\(header).\(payload)", expected: .segmentCount),
        Case(name: "four segments", token: with() + ".extra", expected: .segmentCount),
        Case(name: "a five-part JWE refresh token", token: "eyJjdHkiOiJKV1QifQ.a.b.c.d", expected: .segmentCount),
        Case(name: "empty header", token: with(header: ""), expected: .headerEncoding),
        Case(name: "standard base64 '+' in the header", token: with(header: "eyJhbGciOiJ+UzI1NiJ9"), expected: .headerEncoding),
        Case(name: "a character outside base64url in the header", token: with(header: "eyJhbGci!iJSUzI1NiJ9"), expected: .headerEncoding),
        Case(name: "leading whitespace", token: " " + with(), expected: .headerEncoding),
        Case(name: "header of impossible length (4n+1)", token: with(header: "eyJhb"), expected: .headerEncoding),
        Case(name: "header that is a JSON array", token: with(header: TestJWT.base64URL(#"["RS256"]"#)), expected: .headerNotJSONObject),
        Case(name: "header that is not JSON", token: with(header: TestJWT.base64URL("hello")), expected: .headerNotJSONObject),
        Case(name: "empty payload", token: with(payload: ""), expected: .payloadEncoding),
        Case(name: "space in the payload", token: with(payload: "eyJle HAiOjF9"), expected: .payloadEncoding),
        Case(name: "standard base64 '/' in the payload", token: with(payload: "eyJle/AiOjF9"), expected: .payloadEncoding),
        Case(name: "wrong padding in the payload", token: with(payload: "eyJ=="), expected: .payloadEncoding),
        Case(name: "three '=' of padding", token: with(payload: payload + "==="), expected: .payloadEncoding),
        Case(name: "payload that is a JSON array", token: json("[1,2]"), expected: .payloadNotJSONObject),
        Case(name: "payload that is a JSON string", token: json(#""exp""#), expected: .payloadNotJSONObject),
        Case(name: "payload that is a number", token: json("1700003600"), expected: .payloadNotJSONObject),
        Case(name: "payload that is JSON null", token: json("null"), expected: .payloadNotJSONObject),
        Case(name: "truncated JSON payload", token: json(#"{"exp":1700003600,"sub":"#), expected: .payloadNotJSONObject),
        Case(name: "payload that is not UTF-8", token: with(payload: TestJWT.base64URL(Data([0x7B, 0xFF, 0xFE, 0x7D]))), expected: .payloadNotJSONObject),
        Case(name: "invalid JSON nested in the payload", token: json(#"{"exp":1,"a":{"b":}}"#), expected: .payloadNotJSONObject),
        Case(name: "standard base64 '+' in the signature", token: with(signature: "abc+def"), expected: .signatureEncoding),
        Case(name: "a trailing newline", token: with() + "\n", expected: .signatureEncoding),
        Case(name: "no exp", token: json(#"{"iat":1700000000,"sub":"x"}"#), expected: .expirationMissing),
        Case(name: "empty payload object", token: json("{}"), expected: .expirationMissing),
        Case(name: "exp as a string", token: json(#"{"exp":"1700003600"}"#), expected: .expirationNotNumber),
        Case(name: "exp null", token: json(#"{"exp":null}"#), expected: .expirationNotNumber),
        Case(name: "exp true", token: json(#"{"exp":true}"#), expected: .expirationNotNumber),
        Case(name: "exp an array", token: json(#"{"exp":[1700003600]}"#), expected: .expirationNotNumber),
        Case(name: "exp an object", token: json(#"{"exp":{"seconds":1700003600}}"#), expected: .expirationNotNumber),
        Case(name: "iat as a string", token: json(#"{"exp":1700003600,"iat":"1700000000"}"#), expected: .issuedAtNotNumber),
        Case(name: "a 40 KiB token", token: with(payload: String(repeating: "A", count: 40 * 1024)), expected: .tooLarge),
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
