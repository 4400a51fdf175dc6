import CCognitoOpenSSL

/// A non-negative arbitrary-precision integer that owns a libcrypto `BIGNUM`.
///
/// Values are immutable: every operation returns a new number, so a `BigNumber` can be shared
/// between tasks freely. The `BIGNUM` is released with `BN_clear_free`, so the limbs of a secret
/// value are zeroed when the last copy goes away. Secret exponents go through
/// ``modularPower(secretExponent:modulus:)``, which is constant-time.
package struct BigNumber: Sendable {
    /// Longest hexadecimal input accepted: 8192 bits, well above any SRP value (3072 bits).
    package static let maximumHexDigits = 2048

    final class Storage: @unchecked Sendable {
        // Never mutated after the initialiser returns, so sharing across threads is safe.
        let pointer: OpaquePointer

        init(_ pointer: OpaquePointer) { self.pointer = pointer }

        deinit { BN_clear_free(pointer) }
    }

    let storage: Storage

    var pointer: OpaquePointer { storage.pointer }

    /// Takes ownership of a freshly allocated `BIGNUM`.
    init(taking pointer: OpaquePointer) { storage = Storage(pointer) }

    /// Allocates a new `BIGNUM`, lets `body` fill it, and takes ownership of it.
    static func make(_ operation: StaticString, _ body: (OpaquePointer) throws(CryptoError) -> Void)
        throws(CryptoError) -> BigNumber
    {
        guard let pointer = BN_new() else { throw CryptoError.drainingLibcryptoErrors(at: operation) }
        let result = BigNumber(taking: pointer)
        try body(pointer)
        return result
    }

    /// Runs `body` with a scoped `BN_CTX` that is freed (and its temporaries cleared) afterwards.
    static func withContext<T>(_ body: (OpaquePointer) throws(CryptoError) -> T) throws(CryptoError) -> T {
        guard let context = BN_CTX_secure_new() ?? BN_CTX_new() else {
            throw CryptoError.drainingLibcryptoErrors(at: "BN_CTX_new")
        }
        defer { BN_CTX_free(context) }
        return try body(context)
    }

    /// A small integer.
    package init(_ value: UInt) throws(CryptoError) {
        self = try Self.make("BN_set_word") { pointer throws(CryptoError) in
            try check(BN_set_word(pointer, value), "BN_set_word")
        }
    }

    /// Reads an unsigned big-endian byte string (an empty one is zero).
    package init(bigEndian bytes: [UInt8]) throws(CryptoError) {
        guard let pointer = bytes.withUnsafeBufferPointer({ buffer in
            BN_bin2bn(buffer.baseAddress, Int32(buffer.count), nil)
        }) else {
            throw CryptoError.drainingLibcryptoErrors(at: "BN_bin2bn")
        }
        self.init(taking: pointer)
    }

    /// Parses hexadecimal digits, upper or lower case, odd length allowed, no sign or prefix.
    ///
    /// Strict: an empty string, a string longer than ``maximumHexDigits``, or any character that
    /// is not a hex digit (a partial parse such as `"12zz"`) throws
    /// ``CryptoError/invalidHexadecimal``. The text is never echoed into the error.
    package init(hexadecimal text: String) throws(CryptoError) {
        guard text.utf8.count <= Self.maximumHexDigits else { throw .invalidHexadecimal }
        var bytes = try Hex.decode(text)
        defer { bytes.secureClear() }
        try self.init(bigEndian: bytes)
    }

    /// True when the value is zero.
    package var isZero: Bool { BN_is_zero(pointer) == 1 }

    /// Number of significant bits (0 for zero).
    package var bitCount: Int { Int(BN_num_bits(pointer)) }

    /// The minimal big-endian bytes (empty for zero).
    package var bigEndianBytes: [UInt8] {
        let count = Int(CCognito_BN_num_bytes(pointer))
        var out = [UInt8](repeating: 0, count: count)
        if count > 0 {
            _ = out.withUnsafeMutableBufferPointer { BN_bn2bin(pointer, $0.baseAddress) }
        }
        return out
    }

    /// The value as exactly `width` big-endian bytes, left-padded with zeros (`BN_bn2binpad`).
    package func bigEndianBytes(paddedTo width: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width)
        let written = out.withUnsafeMutableBufferPointer { BN_bn2binpad(pointer, $0.baseAddress, Int32(width)) }
        guard written == width else { throw .valueTooLarge }
        return out
    }

    /// Cognito's `padHex` as bytes: the minimal big-endian form, with one leading `0x00` when the
    /// top bit is set (so the value reads as positive in two's complement); zero is `[0x00]`.
    package var cognitoPaddedBytes: [UInt8] {
        let bytes = bigEndianBytes
        guard let first = bytes.first else { return [0] }
        return first & 0x80 == 0 ? bytes : [0] + bytes
    }

    /// Cognito's `padHex`: ``cognitoPaddedBytes`` as lowercase hex (always even length).
    package var cognitoPaddedHex: String { Hex.encode(cognitoPaddedBytes) }

    /// Lowercase hex without leading zeros (`"0"` for zero): JavaScript's `toString(16)`, the form
    /// the service takes for `SRP_A`.
    package var hexString: String {
        let hex = Hex.encode(bigEndianBytes)
        let trimmed = hex.drop(while: { $0 == "0" })
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    // MARK: Arithmetic

    /// `self + other`.
    package func adding(_ other: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.make("BN_add") { result throws(CryptoError) in
            try check(BN_add(result, pointer, other.pointer), "BN_add")
        }
    }

    /// `self × other`.
    package func multiplied(by other: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mul") { result throws(CryptoError) in
                try check(BN_mul(result, pointer, other.pointer, context), "BN_mul")
            }
        }
    }

    /// The non-negative residue of `self` modulo `modulus`, in `[0, modulus)`.
    package func reduced(modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_nnmod") { result throws(CryptoError) in
                try check(BN_nnmod(result, pointer, modulus.pointer, context), "BN_nnmod")
            }
        }
    }

    /// `(self − other) mod modulus`, in `[0, modulus)`, whichever operand is larger.
    package func subtracting(_ other: BigNumber, modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mod_sub") { result throws(CryptoError) in
                try check(BN_mod_sub(result, pointer, other.pointer, modulus.pointer, context), "BN_mod_sub")
            }
        }
    }

    /// `(self × other) mod modulus`, in `[0, modulus)`.
    package func multiplied(by other: BigNumber, modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mod_mul") { result throws(CryptoError) in
                try check(BN_mod_mul(result, pointer, other.pointer, modulus.pointer, context), "BN_mod_mul")
            }
        }
    }

    /// `self ^ exponent mod modulus` for a public exponent (variable time, Montgomery form).
    package func modularPower(publicExponent exponent: BigNumber, modulus: MontgomeryModulus)
        throws(CryptoError) -> BigNumber
    {
        let base = try reducedIfNeeded(modulus)
        return try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mod_exp_mont") { result throws(CryptoError) in
                try check(
                    BN_mod_exp_mont(result, base.pointer, exponent.pointer, modulus.value.pointer, context,
                                    modulus.montgomery),
                    "BN_mod_exp_mont")
            }
        }
    }

    /// `self ^ exponent mod modulus` for a secret exponent: `BN_mod_exp_mont_consttime` with the
    /// modulus's cached Montgomery context, so the time taken does not depend on the exponent.
    package func modularPower(secretExponent exponent: BigNumber, modulus: MontgomeryModulus)
        throws(CryptoError) -> BigNumber
    {
        let base = try reducedIfNeeded(modulus)
        return try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mod_exp_mont_consttime") { result throws(CryptoError) in
                BN_set_flags(result, CCognito_BN_FLG_CONSTTIME())
                try check(
                    BN_mod_exp_mont_consttime(result, base.pointer, exponent.pointer, modulus.value.pointer,
                                              context, modulus.montgomery),
                    "BN_mod_exp_mont_consttime")
            }
        }
    }

    private func reducedIfNeeded(_ modulus: MontgomeryModulus) throws(CryptoError) -> BigNumber {
        BN_cmp(pointer, modulus.value.pointer) < 0 ? self : try reduced(modulo: modulus.value)
    }
}

extension BigNumber: Equatable, Comparable {
    package static func == (lhs: BigNumber, rhs: BigNumber) -> Bool { BN_cmp(lhs.pointer, rhs.pointer) == 0 }

    package static func < (lhs: BigNumber, rhs: BigNumber) -> Bool { BN_cmp(lhs.pointer, rhs.pointer) < 0 }
}

extension BigNumber: CustomStringConvertible {
    /// Never shows the value: numbers here are often secrets.
    package var description: String { "BigNumber(\(bitCount) bits)" }
}

/// An odd modulus with its Montgomery context computed once and reused by every exponentiation.
package final class MontgomeryModulus: @unchecked Sendable {
    // `montgomery` is only read after init (libcrypto takes it as `in_mont` and does not write it),
    // so concurrent exponentiations may share it.
    package let value: BigNumber
    let montgomery: OpaquePointer

    /// Sets up the Montgomery context for `value` (which must be odd).
    package init(_ value: BigNumber) throws(CryptoError) {
        guard let montgomery = BN_MONT_CTX_new() else {
            throw CryptoError.drainingLibcryptoErrors(at: "BN_MONT_CTX_new")
        }
        do {
            try BigNumber.withContext { context throws(CryptoError) in
                try check(BN_MONT_CTX_set(montgomery, value.pointer, context), "BN_MONT_CTX_set")
            }
        } catch {
            BN_MONT_CTX_free(montgomery)
            throw error
        }
        self.value = value
        self.montgomery = montgomery
    }

    deinit { BN_MONT_CTX_free(montgomery) }
}
