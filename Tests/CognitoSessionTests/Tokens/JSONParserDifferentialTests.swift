import Foundation
import Testing

@testable import CognitoSession

@Suite("JSONParser agrees with JSONSerialization")
struct JSONParserDifferentialTests {
    /// JSONSerialization's result as a JSONValue (`__NSCFBoolean` has objCType "c").
    static func value(_ any: Any) -> JSONValue? {
        switch any {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber:
            return String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let array as [Any]:
            let elements = array.compactMap(value)
            return elements.count == array.count ? .array(elements) : nil
        case let object as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (key, member) in object {
                guard let converted = value(member) else { return nil }
                members[key] = converted
            }
            return .object(members)
        default: return nil
        }
    }

    static let valid: [String] = [
        "null", "true", "false", "0", "-0", "1", "-1", "3.14159", "1e10", "1E-10", "-2.5e+3", "123456789012345678",
        "12345678901234567890123", "0.000001", "1.7976931348623157e308", "5e-324", #""""#, #""plain""#,
        #""\"\\\/\b\f\n\r\t""#, #""\u0000\u001f\u007f""#, #""\u00e9\u4e2d\uffff""#, #""\ud834\udd1e""#,
        #""é中😀""#, "[]", "{}", " [ 1 , 2 , 3 ] ", "[[[[]]]]", #"{"a":{"b":{"c":[1,{"d":null}]}}}"#,
        #"{"exp":1700003600,"iat":1700000000,"cognito:groups":["a","b"],"email_verified":true}"#,
        #"{"":"empty key","key with space":1,"ключ":"значение"}"#, "\n\t\r {\"a\" : [ true , false ] }\n",
        #"[-0.0, 0e0, 0E+1, 10, 1.0, 100e-2]"#, #"{"nested":[[],[{}],[[{"x":[]}]]]}"#,
    ]

    @Test("The same value as JSONSerialization for valid JSON", arguments: valid)
    func agrees(_ text: String) throws {
        let data = Data(text.utf8)
        let reference = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let expected = try #require(Self.value(reference))
        #expect(try JSONParser.parse(data) == expected)
    }

    static let invalid: [String] = [
        "", "[", "]", "{", "{\"a\"}", "{\"a\":}", "{1:2}", "'a'", "[01]", "[1.]", "[.1]", "[+1]",
        "[-]", "[1e]", "nul", "[True]", "[NaN]", "\"\\x\"", "\"\\u12\"", "\"\u{1}\"", "[1] [2]", "[\"\\ud800\"]",
    ]

    @Test("Both refuse invalid JSON", arguments: invalid)
    func bothRefuse(_ text: String) {
        let data = Data(text.utf8)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(data) }
    }
}
