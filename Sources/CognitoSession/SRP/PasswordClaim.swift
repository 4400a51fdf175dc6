import Foundation

/// The `PASSWORD_VERIFIER` (and `DEVICE_PASSWORD_VERIFIER`) answer: the timestamp and the
/// signature over the server's secret block.
package enum PasswordClaim {
    /// PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userId | secretBlock | timestamp)),
    /// where `secretBlock` is the base64-decoded `SECRET_BLOCK` the service sent.
    package static func signature(
        key: [UInt8], poolName: String, userId: String, secretBlock: String, timestamp: String
    ) throws -> String {
        guard let block = decodeSecretBlock(secretBlock), !block.isEmpty else {
            throw SRPError.malformedChallengeParameter("SECRET_BLOCK")
        }
        var message = Array(poolName.utf8) + Array(userId.utf8) + Array(block) + Array(timestamp.utf8)
        defer { message.secureClear() }
        let mac = try HMACSHA256.authenticationCode(key: key, message: message)
        return Data(mac).base64EncodedString()
    }

    /// SECRET_BLOCK's bytes. Like Node's `Buffer.from(block, "base64")`, which
    /// amazon-cognito-identity-js uses, this takes the URL-safe alphabet (`-`, `_`) and missing
    /// padding too (moto sends a UUID); any other character is refused.
    private static func decodeSecretBlock(_ text: String) -> Data? {
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        if !standard.count.isMultiple(of: 4) { standard += String(repeating: "=", count: 4 - standard.count % 4) }
        return Data(base64Encoded: standard)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The TIMESTAMP string as amazon-cognito-identity-js's `DateHelper.getNowString()` writes it:
    /// `"Sun Jan 7 05:06:07 UTC 2024"` — English names, UTC, the day of month without a leading
    /// zero, the time zero-padded. Independent of the process's locale and time zone.
    package static func timestamp(for date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[weekday]) \(months[month - 1]) \(day) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) UTC \(year)"
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
