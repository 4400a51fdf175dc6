import CCognitoOpenSSL

/// A non-negative arbitrary-precision integer that owns a libcrypto `BIGNUM`.
///
/// Values are immutable: every operation returns a new number, so a `BigNumber` can be shared
/// between tasks freely. The `BIGNUM` is released with `BN_clear_free`, so the limbs of a secret
/// value are zeroed when the last copy goes away. Secret exponents go through
/// ``modularPower(secretExponent:modulus:)``, which is constant-time.
///
/// A secret number carries libcrypto's `BN_FLG_CONSTTIME` (``isConstantTime``), which steers
/// libcrypto to its constant-time code paths. Make one with ``init(secretBigEndian:)`` or
/// ``constantTimeCopy()``; the flag is contagious: every result of arithmetic with a flagged operand,
/// and every ``modularPower(secretExponent:modulus:)``, is flagged too, so values derived from a
/// secret stay marked without the caller remembering to.
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

    /// Allocates a new `BIGNUM`, marks it constant-time when asked, lets `body` fill it, and takes
    /// ownership of it.
    static func make(
        _ operation: StaticString, constantTime: Bool = false, _ body: (OpaquePointer) throws(CryptoError) -> Void
    ) throws(CryptoError) -> BigNumber {
        guard let pointer = BN_new() else { throw CryptoError.drainingLibcryptoErrors(at: operation) }
        let result = BigNumber(taking: pointer)
        if constantTime { BN_set_flags(pointer, CCognito_BN_FLG_CONSTTIME()) }
        try body(pointer)
        return result
    }

    /// Whether libcrypto treats the number as secret (`BN_FLG_CONSTTIME` is set).
    package var isConstantTime: Bool { BN_get_flags(pointer, CCognito_BN_FLG_CONSTTIME()) != 0 }

    /// Whether any of `numbers` is secret: the result of arithmetic on them is then secret too.
    private static func anyConstantTime(_ numbers: BigNumber...) -> Bool { numbers.contains(where: \.isConstantTime) }

    /// The number itself when it is marked secret already, else a ``constantTimeCopy()``.
    package func markedConstantTime() throws(CryptoError) -> BigNumber {
        isConstantTime ? self : try constantTimeCopy()
    }

    /// A copy of the number marked secret (`BN_FLG_CONSTTIME`); the original is left as it is.
    package func constantTimeCopy() throws(CryptoError) -> BigNumber {
        try Self.make("BN_copy", constantTime: true) { result throws(CryptoError) in
            guard BN_copy(result, pointer) != nil else { throw CryptoError.drainingLibcryptoErrors(at: "BN_copy") }
        }
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
        guard
            let pointer = bytes.withUnsafeBufferPointer({ buffer in
                BN_bin2bn(buffer.baseAddress, Int32(buffer.count), nil)
            })
        else {
            throw CryptoError.drainingLibcryptoErrors(at: "BN_bin2bn")
        }
        self.init(taking: pointer)
    }

    /// Reads an unsigned big-endian byte string that is a secret (an exponent, a hash of a password):
    /// the number is marked `BN_FLG_CONSTTIME`.
    package init(secretBigEndian bytes: [UInt8]) throws(CryptoError) {
        try self.init(bigEndian: bytes)
        BN_set_flags(pointer, CCognito_BN_FLG_CONSTTIME())
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
    ///
    /// Written straight into the one returned buffer, so no unpadded copy of a secret is left behind.
    package var cognitoPaddedBytes: [UInt8] {
        let bits = bitCount
        guard bits > 0 else { return [0] }
        let width = (bits + 7) / 8 + (bits % 8 == 0 ? 1 : 0)
        var out = [UInt8](repeating: 0, count: width)
        _ = out.withUnsafeMutableBufferPointer { BN_bn2binpad(pointer, $0.baseAddress, Int32(width)) }
        return out
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
        try Self.make("BN_add", constantTime: Self.anyConstantTime(self, other)) { result throws(CryptoError) in
            try check(BN_add(result, pointer, other.pointer), "BN_add")
        }
    }

    /// `self × other`.
    package func multiplied(by other: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mul", constantTime: Self.anyConstantTime(self, other)) { result throws(CryptoError) in
                try check(BN_mul(result, pointer, other.pointer, context), "BN_mul")
            }
        }
    }

    /// The non-negative residue of `self` modulo `modulus`, in `[0, modulus)`.
    package func reduced(modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_nnmod", constantTime: Self.anyConstantTime(self, modulus)) { result throws(CryptoError) in
                try check(BN_nnmod(result, pointer, modulus.pointer, context), "BN_nnmod")
            }
        }
    }

    /// `(self − other) mod modulus`, in `[0, modulus)`, whichever operand is larger.
    package func subtracting(_ other: BigNumber, modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            let secret = Self.anyConstantTime(self, other, modulus)
            return try Self.make("BN_mod_sub", constantTime: secret) { result throws(CryptoError) in
                try check(BN_mod_sub(result, pointer, other.pointer, modulus.pointer, context), "BN_mod_sub")
            }
        }
    }

    /// `(self × other) mod modulus`, in `[0, modulus)`.
    package func multiplied(by other: BigNumber, modulo modulus: BigNumber) throws(CryptoError) -> BigNumber {
        try Self.withContext { context throws(CryptoError) in
            let secret = Self.anyConstantTime(self, other, modulus)
            return try Self.make("BN_mod_mul", constantTime: secret) { result throws(CryptoError) in
                try check(BN_mod_mul(result, pointer, other.pointer, modulus.pointer, context), "BN_mod_mul")
            }
        }
    }

    /// `self ^ exponent mod modulus` for a public exponent (variable time, Montgomery form; libcrypto
    /// switches to its constant-time path by itself when an operand is marked secret).
    package func modularPower(
        publicExponent exponent: BigNumber, modulus: MontgomeryModulus
    )
        throws(CryptoError) -> BigNumber
    {
        let base = try reducedIfNeeded(modulus)
        return try Self.withContext { context throws(CryptoError) in
            let secret = Self.anyConstantTime(base, exponent)
            return try Self.make("BN_mod_exp_mont", constantTime: secret) { result throws(CryptoError) in
                try check(
                    BN_mod_exp_mont(
                        result, base.pointer, exponent.pointer, modulus.value.pointer, context,
                        modulus.montgomery),
                    "BN_mod_exp_mont")
            }
        }
    }

    /// `self ^ exponent mod modulus` for a secret exponent: `BN_mod_exp_mont_consttime` with the
    /// modulus's cached Montgomery context, so the time taken does not depend on the exponent. The
    /// result is marked secret.
    package func modularPower(
        secretExponent exponent: BigNumber, modulus: MontgomeryModulus
    )
        throws(CryptoError) -> BigNumber
    {
        let base = try reducedIfNeeded(modulus)
        return try Self.withContext { context throws(CryptoError) in
            try Self.make("BN_mod_exp_mont_consttime", constantTime: true) { result throws(CryptoError) in
                try check(
                    BN_mod_exp_mont_consttime(
                        result, base.pointer, exponent.pointer, modulus.value.pointer,
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
