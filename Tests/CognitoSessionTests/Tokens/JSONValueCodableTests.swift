import Foundation
import Testing

@testable import CognitoSession

@Suite("JSONValue through Codable")
struct JSONValueCodableTests {
    @Test("Decodes every kind of value as before, and round-trips")
    func roundTrip() throws {
        let text = #"{"n":null,"t":true,"f":false,"i":42,"d":-1.5,"s":"é\"","a":[1,[],{}],"o":{"k":[null]}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == (try JSONParser.parse(Array(text.utf8))))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test("Nested objects decode without a failed probe per level (the old cascade took seconds)")
    func deepNesting() throws {
        let objects = String(repeating: #"{"a":"#, count: 500) + "1" + String(repeating: "}", count: 500)
        let mixed = String(repeating: #"{"a":[{"b":"#, count: 120) + "true" + String(repeating: "}]}", count: 120)
        let elapsed = try ContinuousClock().measure {
            for text in [objects, mixed] {
                _ = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            }
        }
        #expect(elapsed < .milliseconds(500), "took \(elapsed)")
    }
}
