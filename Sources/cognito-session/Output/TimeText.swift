import Foundation

/// Times for people (local time, "in 42 min") and for programs (ISO 8601 UTC).
enum TimeText {
    /// `2026-12-01 13:42:05 CET`: the local time zone (TZ).
    static func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: date)
    }

    /// `2026-12-01T12:42:05Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `42 min`, `3 h 5 min`, `12 s`, `2 days`: a span rounded down to its largest units.
    static func span(_ seconds: Int) -> String {
        let seconds = abs(seconds)
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min"
        case ..<86400:
            let minutes = seconds % 3600 / 60
            return "\(seconds / 3600) h" + (minutes == 0 ? "" : " \(minutes) min")
        default:
            let days = seconds / 86400
            return days == 1 ? "1 day" : "\(days) days"
        }
    }

    /// `expires in 42 min` or `expired 3 min ago`.
    static func expiry(_ date: Date, now: Date = Date()) -> String {
        let left = Int(date.timeIntervalSince(now).rounded(.down))
        return left > 0 ? "expires in \(span(left))" : "expired \(span(left)) ago"
    }
}
