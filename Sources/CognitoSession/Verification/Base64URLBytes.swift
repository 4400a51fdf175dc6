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
                while position < end, valid {
                    let chunk = min(4, end - position)
                    var accumulated: UInt32 = 0
                    for offset in 0..<4 {
                        let value = offset < chunk ? table[Int(input[position + offset])] : 0
                        if value == 0xFF { valid = false }
                        accumulated = accumulated << 6 | UInt32(value)
                    }
                    guard valid else { break }
                    let produced = chunk - 1
                    for offset in 0..<produced {
                        out[written + offset] = UInt8(truncatingIfNeeded: accumulated >> (16 - 8 * offset))
                    }
                    written += produced
                    position += chunk
                }
                initialized = written
            }
        }
        return valid ? bytes : nil
    }
}
