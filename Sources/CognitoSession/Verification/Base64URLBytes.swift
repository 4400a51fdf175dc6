/// base64url decoding straight from a token's bytes, for the verifier's hot path: one pass, a lookup table,
/// no intermediate string. Accepts what `JWT.base64URLDecode` accepts: up to two `=` of padding that complete
/// a multiple of four, never a length of 4k + 1, never empty.
enum Base64URLBytes {
    /// The 6-bit value of each byte; 0xFF for a byte outside the base64url alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// The bytes `input` encodes, or nil when it is not base64url.
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var end = input.count, padding = 0
        while end > 0, input[end - 1] == UInt8(ascii: "="), padding < 2 {
            end -= 1
            padding += 1
        }
        guard end > 0, end % 4 != 1 else { return nil }
        if padding > 0, (end + padding) % 4 != 0 { return nil }
        let count = end / 4 * 3 + (end % 4 == 0 ? 0 : end % 4 - 1)
        var valid = true
        let bytes = values.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                var position = 0, written = 0
                // Whole groups of four characters, three bytes each; 0xFF in any value sets the top bits.
                while position + 4 <= end {
                    let a = table[Int(input[position])], b = table[Int(input[position + 1])]
                    let c = table[Int(input[position + 2])], d = table[Int(input[position + 3])]
                    guard (a | b | c | d) & 0xC0 == 0 else {
                        valid = false
                        break
                    }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[written] = UInt8(truncatingIfNeeded: group >> 16)
                    out[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                    out[written + 2] = UInt8(truncatingIfNeeded: group)
                    position += 4
                    written += 3
                }
                // The last two or three characters: one or two bytes.
                if valid, position < end {
                    var group: UInt32 = 0
                    for offset in 0..<4 {
                        let value = position + offset < end ? table[Int(input[position + offset])] : 0
                        if value == 0xFF { valid = false }
                        group = group << 6 | UInt32(value)
                    }
                    if valid {
                        for offset in 0..<(end - position - 1) {
                            out[written + offset] = UInt8(truncatingIfNeeded: group >> (16 - 8 * offset))
                        }
                        written += end - position - 1
                    }
                }
                initialized = written
            }
        }
        return valid ? bytes : nil
    }
}
