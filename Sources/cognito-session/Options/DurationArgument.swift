import ArgumentParser
import Foundation

/// A duration on the command line: `30s`, `5m`, `1h`, or a plain number of seconds.
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    let seconds: Int

    init(seconds: Int) { self.seconds = seconds }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let multiplier: Int
        let digits: Substring
        if let last = text.last, let unit = units[last] {
            multiplier = unit
            digits = text.dropLast()
        } else {
            multiplier = 1
            digits = Substring(text)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count >= 0,
            count <= Int(Int32.max) / multiplier
        else { return nil }
        seconds = count * multiplier
    }

    static var defaultCompletionKind: CompletionKind { .list(["30s", "1m", "5m", "1h"]) }

    var duration: Duration { .seconds(seconds) }
}
