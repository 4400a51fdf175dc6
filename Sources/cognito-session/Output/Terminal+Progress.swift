import CognitoSession
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Terminal {
    /// Whether standard error is a terminal (progress lines are shown only then).
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// How long a step runs before its progress line appears.
    static let momentInMilliseconds = 400

    /// Runs `body`; when stderr is a terminal and the step takes longer than a moment, `text`
    /// appears on stderr meanwhile. Nothing is printed when output goes to a file or a pipe.
    static func step<T: Sendable>(_ text: String, _ body: () async throws -> T) async throws -> T {
        guard errorIsTerminal else { return try await body() }
        let announcement = Task {
            try await Task.sleep(for: .milliseconds(momentInMilliseconds))
            progress(text)
        }
        defer { announcement.cancel() }
        return try await body()
    }

    /// Asks for a new password twice, without echo, until both answers agree (three tries).
    static func askNewPassword(_ text: String = "New password: ") throws -> String {
        for _ in 0..<3 {
            let first = try askSecret(text)
            guard !first.isEmpty else {
                progress("The password cannot be empty.")
                continue
            }
            let second = try askSecret("Again: ")
            if constantTimeEquals(first, second) { return first }
            progress("The two passwords differ; try again.")
        }
        throw ToolError("the new password was not given the same way twice")
    }

    /// A yes/no question, no by default.
    static func confirm(_ text: String) throws -> Bool {
        try ask(text + " [y/N] ").lowercased().hasPrefix("y")
    }
}
