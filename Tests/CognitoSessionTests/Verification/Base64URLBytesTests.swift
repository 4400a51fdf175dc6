import Foundation
import Testing

@testable import CognitoSession

@Suite("Base64URLBytes: the verifier's base64url decoder")
struct Base64URLBytesTests {
    static func decode(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBufferPointer { Base64URLBytes.decode($0) }
    }

    @Test("Decodes every length 0 to 64 of random bytes, padded or not, as Foundation does")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...64 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let padded = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
            let bare = padded.replacingOccurrences(of: "=", with: "")
            let expected: [UInt8]? = count == 0 ? nil : bytes  // an empty segment is malformed
            #expect(Self.decode(bare) == expected)
            #expect(Self.decode(padded) == expected)
        }
    }

    @Test("Accepts and refuses exactly what JWT.base64URLDecode does")
    func sameAcceptanceAsTheTokenDecoder() {
        let cases = [
            "", "=", "==", "A", "AB", "ABC", "ABCD", "ABCDE", "AB=", "AB==", "AB===", "ABC=", "ABC==", "A===",
            "QR==", "QUJ=", "AB+C", "AB/C", "AB.C", "AB C", "ab-_", "_-_-_-", "AAAA=", "AAAAA=", "é", "AB\u{0}C",
        ]
        for text in cases {
            let old = JWT.base64URLDecode(text[...].utf8).map(Array.init)
            #expect(Self.decode(text) == old, "\(text.debugDescription)")
        }
    }
}
