import Foundation
import Testing

@testable import CognitoSession

@Suite("SRP group constants and refusals")
struct SRPEdgeCaseTests {
    @Test("N is the RFC 3526 3072-bit prime, g = 2, and k matches the JS library's value")
    func groupConstants() throws {
        let group = try SRPGroup.cognito()
        #expect(group.prime.bitCount == 3072)
        #expect(group.prime.cognitoPaddedBytes.count == 385)  // "00ff..." : top bit set
        #expect(group.generator == (try BigNumber(2)))
        #expect(group.multiplier.hexString == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6")
    }

    @Test("A fresh helper draws a 1024-bit-sized secret and a non-zero A below N")
    func freshEphemeral() throws {
        let first = try AuthenticationHelper(poolName: "Pool")
        let second = try AuthenticationHelper(poolName: "Pool")
        #expect(first.largeA != second.largeA)
        #expect(first.largeA < first.group.prime)
        #expect(!first.largeA.isZero)
        #expect(first.srpA == first.largeA.hexString)
        #expect(!first.srpA.hasPrefix("0"))
    }

    @Test("B ≡ 0 (mod N) is refused before S is computed: B = 0, B = N, B = 2N")
    func serverValueZero() throws {
        let helper = try AuthenticationHelper(poolName: "Pool", smallA: BigNumber(hexadecimal: "abcdef"))
        let n = helper.group.prime
        for b in [try BigNumber(0), n, try n.adding(n)] {
            #expect(throws: SRPError.serverValueIsZero) {
                try helper.passwordAuthenticationKey(username: "u", password: "p", serverB: b, salt: BigNumber(5))
            }
        }
        #expect(throws: SRPError.serverValueIsZero) {
            try helper.passwordAuthenticationKey(username: "u", password: "p", serverB: SRPGroup.primeHex, salt: "05")
        }
    }

    @Test("u = 0 is refused by the premaster-secret step")
    func scramblingParameterZero() throws {
        let helper = try AuthenticationHelper(poolName: "Pool", smallA: BigNumber(hexadecimal: "abcdef"))
        #expect(throws: SRPError.scramblingParameterIsZero) {
            try helper.premasterSecret(x: BigNumber(7), serverB: BigNumber(12345), u: BigNumber(0))
        }
    }

    @Test(
        "Malformed SRP_B and SALT are typed errors that name the parameter, not the value",
        arguments: [("", "0a", "SRP_B"), ("12zz", "0a", "SRP_B"), ("0a", "", "SALT"), ("0a", "xyz", "SALT")])
    func malformedParameters(serverB: String, salt: String, parameter: String) throws {
        let helper = try AuthenticationHelper(poolName: "Pool")
        do {
            _ = try helper.passwordAuthenticationKey(username: "u", password: "p", serverB: serverB, salt: salt)
            Issue.record("expected a malformed-parameter error")
        } catch let error as SRPError {
            #expect(error == .malformedChallengeParameter(parameter))
            #expect(error.parameter == parameter)
        }
    }

    @Test("Odd-length SALT and SRP_B without leading zeros give the same key as their even-length forms")
    func oddLengthWireValues() throws {
        let a = try BigNumber(hexadecimal: String(repeating: "5a", count: 128))
        let helper = try AuthenticationHelper(poolName: "Pool", smallA: a)
        let b = try BigNumber(hexadecimal: "7").modularPower(
            publicExponent: BigNumber(99), modulus: helper.group.modulus)
        let evenB = Hex.encode(b.bigEndianBytes)
        let oddB = String(evenB.drop(while: { $0 == "0" }))
        let keyFromEven = try helper.passwordAuthenticationKey(
            username: "user", password: "pw", serverB: evenB, salt: "000abc")
        let keyFromOdd = try helper.passwordAuthenticationKey(
            username: "user", password: "pw", serverB: oddB, salt: "abc")
        #expect(keyFromEven == keyFromOdd)
        #expect(keyFromEven.count == 16)
    }

    @Test("A salt with leading zero bytes is padded by value, not by its wire length")
    func saltLeadingZeros() throws {
        let withZeros = try AuthenticationHelper.privateKey(
            poolName: "P", username: "u", password: "p", salt: BigNumber(hexadecimal: "0000ff01"))
        let without = try AuthenticationHelper.privateKey(
            poolName: "P", username: "u", password: "p", salt: BigNumber(hexadecimal: "ff01"))
        #expect(withZeros == without)
        // padHex(0xff01) = "00ff01": the x hash input starts with a zero byte.
        let expected = try BigNumber(bigEndian: SHA256.hash([0x00, 0xff, 0x01], SHA256.hash(Array("Pu:p".utf8))))
        #expect(withZeros == expected)
    }

    @Test("A SECRET_BLOCK that is not base64 is refused")
    func badSecretBlock() {
        #expect(throws: SRPError.malformedChallengeParameter("SECRET_BLOCK")) {
            try PasswordClaim.signature(
                key: [1, 2, 3], poolName: "P", userId: "u", secretBlock: "not base64!",
                timestamp: "Sun Jan 7 05:06:07 UTC 2024")
        }
    }

    @Test("A SECRET_BLOCK in the URL-safe alphabet or unpadded is read as Node's Buffer reads it")
    func urlSafeSecretBlock() throws {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf, 0x01]  // standard base64 "+/+/AQ==", URL-safe "-_-_AQ"
        let timestamp = "Sun Jan 7 05:06:07 UTC 2024"
        func sign(_ block: String) throws -> String {
            try PasswordClaim.signature(
                key: [1, 2, 3], poolName: "P", userId: "u", secretBlock: block, timestamp: timestamp)
        }
        let expected = Data(
            try HMACSHA256.authenticationCode(
                key: [1, 2, 3], message: Array("Pu".utf8) + bytes + Array(timestamp.utf8))
        ).base64EncodedString()
        #expect(try sign("+/+/AQ==") == expected)
        #expect(try sign("-_-_AQ") == expected)
        #expect(try sign("-_-_AQ==") == expected)
    }

    @Test("Device verifier: 56-character password, base64 salt and verifier, fresh each time")
    func deviceVerifierShape() throws {
        let first = try DeviceVerifier(deviceGroupKey: "-Xy7Zq1Ab", deviceKey: "us-east-1_abc")
        let second = try DeviceVerifier(deviceGroupKey: "-Xy7Zq1Ab", deviceKey: "us-east-1_abc")
        #expect(first.randomPassword.count == 56)
        #expect(first.randomPassword != second.randomPassword)
        let salt = try #require(Data(base64Encoded: first.salt))
        #expect(salt.count == 16 || salt.count == 17)
        #expect(Data(base64Encoded: first.passwordVerifier) != nil)
        #expect(!first.description.contains(first.randomPassword))
    }
}

@Suite("SRP TIMESTAMP string")
struct SRPTimestampTests {
    @Test(
        "Samples the JS library produced",
        arguments: [
            ("2024-01-07T05:06:07Z", "Sun Jan 7 05:06:07 UTC 2024"),
            ("2023-12-25T23:59:09Z", "Mon Dec 25 23:59:09 UTC 2023"),
            ("2025-02-28T00:00:00Z", "Fri Feb 28 00:00:00 UTC 2025"),
        ])
    func samples(iso: String, expected: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: iso))
        #expect(PasswordClaim.timestamp(for: date) == expected)
    }

    @Test("Fractional seconds are truncated, not rounded")
    func truncation() {
        let date = Date(timeIntervalSince1970: 1_704_603_967.999)
        #expect(PasswordClaim.timestamp(for: date) == "Sun Jan 7 05:06:07 UTC 2024")
    }

    @Test("Every month and weekday name, days 1–9 unpadded, against Foundation's Gregorian calendar")
    func everyMonthAndWeekday() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "EEE MMM d HH:mm:ss 'UTC' yyyy"
        var weekdays = Set<String>(), months = Set<String>()
        // Day 1..9 and 10..28 of every month of 2024 and 2025, at a time with single-digit fields.
        for year in [2024, 2025] {
            for month in 1...12 {
                for day in [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 28] {
                    let date = try #require(
                        calendar.date(
                            from: DateComponents(
                                year: year, month: month, day: day, hour: 3, minute: 4, second: 5)))
                    let ours = PasswordClaim.timestamp(for: date)
                    #expect(ours == formatter.string(from: date))
                    let words = ours.split(separator: " ")
                    weekdays.insert(String(words[0]))
                    months.insert(String(words[1]))
                    if day < 10 { #expect(words[2] == "\(day)") }
                }
            }
        }
        #expect(weekdays == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
        #expect(months.count == 12)
    }

    @Test("Dates before 1970 and leap days")
    func historicAndLeap() throws {
        #expect(PasswordClaim.timestamp(for: Date(timeIntervalSince1970: -1)) == "Wed Dec 31 23:59:59 UTC 1969")
        #expect(
            PasswordClaim.timestamp(for: Date(timeIntervalSince1970: 951_782_400)) == "Tue Feb 29 00:00:00 UTC 2000")
    }
}
