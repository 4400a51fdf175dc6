import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shared by both test targets (a test target cannot import another).
///
/// A pseudo-terminal pair for running the tool as if at a terminal: the child gets the
/// terminal side as stdin, stdout and stderr; the test reads and writes the controller side
/// and inspects the terminal's settings.
public final class PseudoTerminal: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The controller side (what a terminal emulator holds).
    public let controller: Int32
    /// The terminal side (what the child's stdin, stdout and stderr are).
    public let terminal: Int32
    private var received = Data()

    public init() throws {
        // posix_openpt and friends are not in the Glibc module (they need _XOPEN_SOURCE); look
        // them up in the C library that is already loaded.
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Unlock = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        guard let openSymbol = dlsym(nil, "posix_openpt"), let grantSymbol = dlsym(nil, "grantpt"),
            let unlockSymbol = dlsym(nil, "unlockpt"), let nameSymbol = dlsym(nil, "ptsname_r")
        else {
            throw Failure(description: "the C library has no posix_openpt")
        }
        let openController = unsafeBitCast(openSymbol, to: Open.self)
        let grant = unsafeBitCast(grantSymbol, to: Unlock.self)
        let unlock = unsafeBitCast(unlockSymbol, to: Unlock.self)
        let name = unsafeBitCast(nameSymbol, to: Name.self)
        controller = openController(O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw Failure(description: "posix_openpt failed: errno \(errno)") }
        var path = [CChar](repeating: 0, count: 128)
        guard grant(controller) == 0, unlock(controller) == 0, name(controller, &path, path.count) == 0 else {
            close(controller)
            throw Failure(description: "preparing the pseudo-terminal failed: errno \(errno)")
        }
        let terminalPath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        terminal = open(terminalPath, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(controller)
            throw Failure(description: "opening \(terminalPath) failed: errno \(errno)")
        }
    }

    deinit {
        close(terminal)
        close(controller)
    }

    /// Whether the terminal echoes what is typed.
    public var echoes: Bool {
        get throws {
            var settings = termios()
            guard tcgetattr(terminal, &settings) == 0 else { throw Failure(description: "tcgetattr: errno \(errno)") }
            return settings.c_lflag & tcflag_t(ECHO) != 0
        }
    }

    /// Types `text` at the terminal.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    /// Reads what the child printed until it contains `text`; `false` if the child closed the
    /// terminal or printed nothing more for `limit` seconds (a guard against a hung test, not a
    /// timing assertion).
    public func waitFor(_ text: String, limit: Int32 = 20) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.readUntil(text, limit: limit)) }
        }
    }

    /// Everything read so far.
    public var output: String { String(decoding: received, as: UTF8.self) }

    private func readUntil(_ text: String, limit: Int32) -> Bool {
        let wanted = Data(text.utf8)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.range(of: wanted) == nil {
            var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, limit * 1000) > 0 else { return false }
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            received.append(contentsOf: buffer[..<count])
        }
        return true
    }
}
