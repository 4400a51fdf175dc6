#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal settings to put back when a signal ends the process while echo is off; read
/// by the signal handler, so kept in plain globals.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var settingsSaved: Int32 = 0
nonisolated(unsafe) private var newline = UInt8(ascii: "\n")

/// The signals that end the process at a prompt: Ctrl-C, Ctrl-\, `kill`, a closed terminal.
private let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

/// Puts the saved settings back (echo on), then lets the signal end the process as it would
/// have: the handler was installed with `SA_RESETHAND | SA_NODEFER`, so `raise` now takes the
/// default action. Only async-signal-safe calls.
private func restoreTerminalAndRaise(_ signal: Int32) {
    if settingsSaved != 0 {
        tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings)
        _ = write(STDERR_FILENO, &newline, 1)
    }
    raise(signal)
    _exit(128 + signal)
}

/// Turns echo off on the terminal on stdin for the length of a body, and back on afterwards —
/// also when Ctrl-C, SIGTERM, SIGHUP or SIGQUIT arrives meanwhile.
enum EchoRestoration {
    /// Runs `body` with echo off; `nil` when stdin's settings cannot be read (not a terminal).
    static func withEchoOff<T>(_ body: () throws -> T) rethrows -> T? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        savedSettings = saved
        settingsSaved = 1
        let previous = installHandlers()
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            settingsSaved = 0
            restoreHandlers(previous)
        }
        return try body()
    }

    private static func installHandlers() -> [Int32: sigaction] {
        var action = sigaction()
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = restoreTerminalAndRaise
        #else
            action.__sigaction_handler.sa_handler = restoreTerminalAndRaise
        #endif
        action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND)) | Int32(SA_NODEFER)
        sigemptyset(&action.sa_mask)
        var previous: [Int32: sigaction] = [:]
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in endingSignals {
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { previous[signal] = old }
            sigaddset(&unblocked, signal)
        }
        // A parent may have started this process with these signals blocked; the mask is inherited.
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        return previous
    }

    private static func restoreHandlers(_ previous: [Int32: sigaction]) {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
    }
}
