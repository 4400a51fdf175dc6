import CognitoSession
import Foundation

/// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the kind an
/// authenticator app derives from the `SecretCode` of AssociateSoftwareToken.
///
/// Use it in tests to answer a `SOFTWARE_TOKEN_MFA` challenge from `LocalUserPool`:
///
/// ```swift
/// let code = try TOTP.code(secret: secretCode, at: clock.now())
/// let step = try await user.sendMFACode(code, mfaType: .softwareToken)
/// ```
public enum TOTP {
    /// Length of a time step in seconds.
    public static let period: Int64 = 30

    /// The 6-digit code for a base32 `secret` at `date`.
    public static func code(secret: String, at date: Date) throws -> String {
        try code(key: Base32.decode(secret), counter: counter(at: date))
    }

    /// The time-step counter for `date`: floor(seconds since 1970 / 30).
    public static func counter(at date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down)) / period
    }

    /// The HOTP value (RFC 4226) of `key` at `counter`, as 6 decimal digits.
    package static func code(key: [UInt8], counter: Int64) throws -> String {
        let message = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: counter) >> (56 - 8 * $0)) }
        let mac = try HMAC.authenticationCode(digest: "SHA1", byteCount: 20, key: key, message: message)
        let offset = Int(mac[19] & 0x0f)
        let value =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let digits = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// RFC 4648 base32 (the alphabet of TOTP secrets), case-insensitive, padding optional.
package enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes bytes without padding.
    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32; any character outside the alphabet is an error.
    package static func decode(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for character in text.uppercased().utf8 where character != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: character) else { throw CryptoError.invalidBase64 }
            buffer = buffer << 5 | UInt32(index)
            bits += 5
            if bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits - 8)))
                bits -= 8
            }
        }
        return out
    }
}
