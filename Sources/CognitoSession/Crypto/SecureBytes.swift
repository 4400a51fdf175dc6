import CCognitoOpenSSL

extension Array where Element == UInt8 {
    /// Overwrites the bytes with zeros in a way the optimiser cannot remove, then empties the
    /// array. Use it on every buffer that held a secret once the secret is no longer needed.
    package mutating func secureClear() {
        withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress, buffer.count > 0 {
                OPENSSL_cleanse(base, buffer.count)
            }
        }
        removeAll()
    }
}

/// Lowercase hexadecimal encoding and strict decoding of byte strings.
package enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hex, two digits per byte.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a hex string into bytes. An odd-length string is read as if it had a leading `0`
    /// (the service sends numbers that way). An empty string or any non-hex character is an error.
    package static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { throw .invalidHexadecimal }
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(utf8.count + 1)
        if utf8.count % 2 == 1 { nibbles.append(0) }
        for character in utf8 {
            guard let value = nibble(character) else { throw .invalidHexadecimal }
            nibbles.append(value)
        }
        var out = [UInt8](repeating: 0, count: nibbles.count / 2)
        for index in out.indices {
            out[index] = nibbles[2 * index] << 4 | nibbles[2 * index + 1]
        }
        return out
    }

    @inline(__always)
    static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
