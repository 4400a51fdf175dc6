import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prompts and messages: progress and prompts go to stderr, so stdout carries only results
/// (`curl -H "Authorization: Bearer $(cognito-session token)"`). Every line and prompt is
/// written through ``escaped(_:)``.
enum Terminal {
    struct EndOfInput: Error, CustomStringConvertible {
        var description: String { "no input (end of file)" }
    }

    /// A result line on stdout.
    static func output(_ line: String) { FileHandle.standardOutput.write(Data((escaped(line) + "\n").utf8)) }

    static func error(_ line: String) { FileHandle.standardError.write(Data((escaped(line) + "\n").utf8)) }

    static func progress(_ line: String) { FileHandle.standardError.write(Data((escaped(line) + "\n").utf8)) }

    /// A warning line on stderr: `warning: ` and the text.
    static func warning(_ text: String) { progress("warning: " + text) }

    private static func prompt(_ text: String) { FileHandle.standardError.write(Data(escaped(text).utf8)) }

    /// Whether standard input is a terminal.
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks for a line, echoed.
    static func ask(_ text: String) throws -> String {
        prompt(text)
        return try readAnswer().trimmingCharacters(in: .whitespaces)
    }

    /// The next line of stdin; when stdin is not a terminal (nothing echoes the Enter), a newline
    /// ends the prompt on stderr, so the next message starts its own line.
    private static func readAnswer() throws -> String {
        let line = readLine()
        if !inputIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        guard let line else { throw EndOfInput() }
        return line
    }

    /// Asks for a secret without echoing it when stdin is a terminal. Echo is off before the
    /// prompt appears and back on when the answer is read, the input ends, or a signal
    /// (Ctrl-C, SIGTERM) ends the process.
    static func askSecret(_ text: String) throws -> String {
        if inputIsTerminal,
            let answer = try EchoRestoration.withEchoOff({ () throws -> String in
                prompt(text)
                defer { FileHandle.standardError.write(Data("\n".utf8)) }
                guard let line = readLine() else { throw EndOfInput() }
                return line
            })
        {
            return answer
        }
        prompt(text)
        return try readAnswer()
    }
}
