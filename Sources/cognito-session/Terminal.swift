#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Prompts and messages: progress and prompts go to stderr, so stdout carries only results
/// (`curl -H "Authorization: Bearer $(cognito-session token)"`).
enum Terminal {
    struct EndOfInput: Error, CustomStringConvertible {
        var description: String { "no input (end of file)" }
    }

    static func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    static func progress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Asks for a line, echoed.
    static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine() else { throw EndOfInput() }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// Asks for a secret without echoing it when stdin is a terminal.
    static func askSecret(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine() else { throw EndOfInput() }
            return line
        }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine() else { throw EndOfInput() }
        return line
    }
}
