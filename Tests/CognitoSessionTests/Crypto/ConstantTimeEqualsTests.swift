import Testing

@testable import CognitoSession

@Suite("constantTimeEquals: CRYPTO_memcmp over exact bytes")
struct ConstantTimeEqualsTests {
    @Test("Equal bytes are equal; a difference anywhere, or another length, is not")
    func bytes() {
        let value: [UInt8] = Array(0..<64)
        #expect(constantTimeEquals(value, value))
        #expect(constantTimeEquals([], []))
        for index in [0, 31, 63] {
            var changed = value
            changed[index] ^= 0x01
            #expect(!constantTimeEquals(value, changed), "difference at \(index)")
        }
        #expect(!constantTimeEquals(value, Array(value.dropLast())))
        #expect(!constantTimeEquals(Array(value.dropLast()), value))
        #expect(!constantTimeEquals(value, value + [0]))
        #expect(!constantTimeEquals([], [0]))
        #expect(!constantTimeEquals([0], []))
    }

    @Test("Strings compare by their UTF-8 bytes, not by canonical equivalence")
    func strings() {
        #expect(constantTimeEquals("SECRET-hash=", "SECRET-hash="))
        #expect(!constantTimeEquals("SECRET-hash=", "SECRET-hash"))
        #expect(!constantTimeEquals("123456", "123457"))
        #expect(!constantTimeEquals("", "x"))
        #expect(constantTimeEquals("", ""))
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(composed == decomposed)
        #expect(!constantTimeEquals(composed, decomposed))
    }

    @Test("Missing values: equal only when both are missing")
    func optionals() {
        let none: String? = nil
        #expect(constantTimeEquals(none, none))
        #expect(!constantTimeEquals("a", none))
        #expect(!constantTimeEquals(none, "a"))
        #expect(!constantTimeEquals(none, ""))
        #expect(constantTimeEquals(Optional("code"), Optional("code")))
        #expect(!constantTimeEquals(Optional("code"), Optional("cod")))
    }
}
