import Testing

@testable import CognitoSession

@Suite("BN_FLG_CONSTTIME on secret numbers and on everything derived from them")
struct ConstantTimeFlagTests {
    static let modulus = try! BigNumber(hexadecimal: "ffffffffffffffc5")  // an odd 64-bit modulus

    @Test("A secret number is flagged, a plain one is not, and a copy keeps the value")
    func construction() throws {
        let plain = try BigNumber(bigEndian: [0x12, 0x34])
        #expect(!plain.isConstantTime)
        #expect(try BigNumber(secretBigEndian: [0x12, 0x34]).isConstantTime)
        let copy = try plain.constantTimeCopy()
        #expect(copy.isConstantTime)
        #expect(copy == plain)
        #expect(!plain.isConstantTime)
        #expect(try plain.markedConstantTime().isConstantTime)
        #expect(try copy.markedConstantTime().isConstantTime)
    }

    @Test("Arithmetic with a secret operand gives a secret result; with public operands, a public one")
    func contagion() throws {
        let secret = try BigNumber(secretBigEndian: [0x0a, 0xbc])
        let plain = try BigNumber(1234)
        let n = Self.modulus
        let montgomery = try MontgomeryModulus(n)
        #expect(try secret.adding(plain).isConstantTime)
        #expect(try plain.adding(secret).isConstantTime)
        #expect(try plain.multiplied(by: secret).isConstantTime)
        #expect(try secret.reduced(modulo: n).isConstantTime)
        #expect(try plain.subtracting(secret, modulo: n).isConstantTime)
        #expect(try plain.multiplied(by: secret, modulo: n).isConstantTime)
        #expect(try secret.modularPower(publicExponent: plain, modulus: montgomery).isConstantTime)
        #expect(try plain.modularPower(secretExponent: plain, modulus: montgomery).isConstantTime)

        #expect(try !plain.adding(plain).isConstantTime)
        #expect(try !plain.multiplied(by: plain).isConstantTime)
        #expect(try !plain.multiplied(by: plain, modulo: n).isConstantTime)
        #expect(try !plain.modularPower(publicExponent: plain, modulus: montgomery).isConstantTime)
    }

    @Test("The flag does not change any result")
    func sameValues() throws {
        let n = Self.modulus
        let montgomery = try MontgomeryModulus(n)
        let a = try BigNumber(hexadecimal: "123456789abcdef0")
        let b = try BigNumber(hexadecimal: "0fedcba987654321")
        let sa = try a.constantTimeCopy()
        #expect(try sa.adding(b) == a.adding(b))
        #expect(try sa.multiplied(by: b) == a.multiplied(by: b))
        #expect(try b.subtracting(sa, modulo: n) == b.subtracting(a, modulo: n))
        #expect(try sa.multiplied(by: b, modulo: n) == a.multiplied(by: b, modulo: n))
        #expect(
            try b.modularPower(secretExponent: sa, modulus: montgomery)
                == b.modularPower(publicExponent: a, modulus: montgomery))
        #expect(sa.cognitoPaddedBytes == a.cognitoPaddedBytes)
    }
}
