import Testing

@testable import CognitoSessionTesting

@Suite("CBOR: the strict decoder and the canonical encoder of the passkey verifier")
struct CBORTests {
    @Test("A COSE key and an attestation object round-trip through the encoder and the decoder")
    func roundTrip() throws {
        let key = CBOR.map([
            .integer(1): .integer(2), .integer(3): .integer(-7), .integer(-1): .integer(1),
            .integer(-2): .bytes(Array(repeating: 0xAB, count: 32)),
            .integer(-3): .bytes(Array(repeating: 1, count: 32)),
        ])
        let object = CBOR.map([
            .text("fmt"): .text("none"), .text("attStmt"): .map([:]), .text("authData"): .bytes(key.encoded),
            .text("flags"): .array([.bool(true), .bool(false), .null, .integer(1_000_000), .integer(-70_000)]),
        ])
        #expect(try CBORDecoder.decode(key.encoded) == key)
        #expect(try CBORDecoder.decode(object.encoded) == object)
    }

    @Test("The encoder writes shortest heads and sorts map keys by their encoding (RFC 8949 §4.2.1)")
    func canonical() {
        #expect(CBOR.integer(23).encoded == [0x17])
        #expect(CBOR.integer(24).encoded == [0x18, 24])
        #expect(CBOR.integer(-7).encoded == [0x26])
        #expect(CBOR.integer(-257).encoded == [0x39, 0x01, 0x00])
        #expect(
            CBOR.map([.integer(-1): .null, .integer(3): .null, .integer(1): .null]).encoded
                == [0xA3, 0x01, 0xF6, 0x03, 0xF6, 0x20, 0xF6])
    }

    @Test("Refused: indefinite lengths, tags, floats, non-shortest heads, duplicate keys, bad UTF-8, leftovers")
    func strictness() {
        let refused: [([UInt8], CBORError)] = [
            ([0x5F, 0x41, 0x00, 0xFF], .notAllowed),  // indefinite byte string
            ([0xC2, 0x41, 0x01], .notAllowed),  // tag 2
            ([0xF9, 0x3C, 0x00], .notAllowed),  // half float 1.0
            ([0xF7], .notAllowed),  // undefined
            ([0x18, 0x05], .notAllowed),  // 5 in two bytes
            ([0x19, 0x00, 0x10], .notAllowed),  // 16 in three bytes
            ([0xA2, 0x01, 0x00, 0x01, 0x00], .notAllowed),  // key 1 twice
            ([0x62, 0xC3, 0x28], .notAllowed),  // invalid UTF-8
            ([0x01, 0x02], .trailingBytes),
            ([0x19, 0x01], .truncated),
            ([0x43, 0x01], .tooLarge),  // three bytes announced, one there
            ([0x5A, 0xFF, 0xFF, 0xFF, 0xFF], .tooLarge),  // a 4 GiB byte string in five bytes
            ([0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], .tooLarge),  // beyond Int
        ]
        for (bytes, error) in refused {
            #expect(throws: error, "\(bytes)") { try CBORDecoder.decode(bytes) }
        }
    }

    @Test("Nesting deeper than the limit is refused, at the limit it is read")
    func depth() throws {
        let deepest = [UInt8](repeating: 0x81, count: CBORDecoder.maximumDepth - 1) + [0x00]
        #expect(throws: Never.self) { try CBORDecoder.decode(deepest) }
        #expect(throws: CBORError.tooLarge) { try CBORDecoder.decode([0x81] + deepest) }
    }
}
