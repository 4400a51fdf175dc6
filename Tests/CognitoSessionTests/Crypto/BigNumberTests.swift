import CCognitoOpenSSL
import Testing

@testable import CognitoSession

@Suite("BigNumber over libcrypto BIGNUM")
struct BigNumberTests {
    @Test(
        "Strict hex parsing refuses partial, empty, signed, prefixed and oversized input",
        arguments: [
            "", "12zz", "zz12", "0x12", "-12", "+1", " 12", "12 ", "1_2", "ñ",
            String(repeating: "f", count: BigNumber.maximumHexDigits + 1),
        ])
    func strictHex(text: String) {
        #expect(throws: CryptoError.invalidHexadecimal) { try BigNumber(hexadecimal: text) }
    }

    @Test("Odd-length hex and leading zeros parse to the same number")
    func oddLength() throws {
        #expect(try BigNumber(hexadecimal: "abc") == BigNumber(hexadecimal: "0abc"))
        #expect(try BigNumber(hexadecimal: "000000abc") == BigNumber(hexadecimal: "ABC"))
        #expect(try BigNumber(hexadecimal: "f").hexString == "f")
        #expect(try BigNumber(hexadecimal: "0").isZero)
        #expect(try BigNumber(hexadecimal: "000").hexString == "0")
    }

    @Test(
        "Cognito padHex matches the JS library's outputs for non-negative values",
        arguments: [
            (UInt(0), "00"), (1, "01"), (15, "0f"), (127, "7f"), (128, "0080"), (255, "00ff"), (256, "0100"),
            (0xfff, "0fff"),
        ])
    func padHex(value: UInt, expected: String) throws {
        #expect(try BigNumber(value).cognitoPaddedHex == expected)
    }

    @Test("Fixed-width output pads on the left and refuses a value that does not fit")
    func fixedWidth() throws {
        let value = try BigNumber(hexadecimal: "0102")
        #expect(try value.bigEndianBytes(paddedTo: 4) == [0, 0, 1, 2])
        #expect(throws: CryptoError.valueTooLarge) { try value.bigEndianBytes(paddedTo: 1) }
        #expect(try BigNumber(0).bigEndianBytes.isEmpty)
    }

    @Test("Arithmetic: add, multiply, reduce, modular subtract (negative result wraps into [0, m))")
    func arithmetic() throws {
        let seven = try BigNumber(7), five = try BigNumber(5), eleven = try BigNumber(11)
        #expect(try seven.adding(five) == BigNumber(12))
        #expect(try seven.multiplied(by: five) == BigNumber(35))
        #expect(try BigNumber(35).reduced(modulo: eleven) == BigNumber(2))
        #expect(try five.subtracting(seven, modulo: eleven) == BigNumber(9))
        #expect(try seven.multiplied(by: five, modulo: eleven) == BigNumber(2))
    }

    @Test("Constant-time and public exponentiation agree, with an unreduced base")
    func exponentiation() throws {
        let modulus = try MontgomeryModulus(BigNumber(1_000_003))
        let base = try BigNumber(5_000_000_123)  // larger than the modulus
        let exponent = try BigNumber(hexadecimal: "1234567890abcdef")
        let secret = try base.modularPower(secretExponent: exponent, modulus: modulus)
        let publicResult = try base.modularPower(publicExponent: exponent, modulus: modulus)
        #expect(secret == publicResult)
        #expect(try BigNumber(3).modularPower(secretExponent: BigNumber(4), modulus: modulus) == BigNumber(81))
    }

    @Test("description never shows the value")
    func redaction() throws {
        let value = try BigNumber(hexadecimal: "deadbeef")
        #expect(!value.description.lowercased().contains("deadbeef"))
        #expect(!String(describing: value).contains("3735928559"))
    }
}

@Suite("libcrypto failures become typed errors")
struct LibcryptoErrorTests {
    @Test("A Montgomery context for an even modulus fails with OpenSSL's reason, and the queue is drained")
    func evenModulus() throws {
        let even = try BigNumber(1_000_000)
        let error = #expect(throws: CryptoError.self) { try MontgomeryModulus(even) }
        #expect(error == .libcryptoFailure)
        #expect(error?.openSSLErrors.first == "BN_MONT_CTX_set failed")
        #expect(error?.openSSLErrors.dropFirst().contains { $0.contains("bignum routines") } == true)
        #expect(error?.description.hasPrefix("CryptoError.libcryptoFailure") == true)
        #expect(ERR_peek_error() == 0)
    }
}
