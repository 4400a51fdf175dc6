import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an app client secret from a file that only its owner can read.
enum ClientSecretFile {
    /// The largest file taken as a secret (client secrets are about 50 characters).
    static let sizeLimit = 4096

    /// The file's text without one trailing newline (`\n` or `\r\n`).
    ///
    /// - Throws: ``ToolError`` naming the file when it cannot be opened, is readable by group or
    ///   others (`chmod 600` fixes that), is a directory, is empty, larger than ``sizeLimit`` or not UTF-8.
    static func read(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ToolError("cannot open the client secret file \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ToolError("cannot read the client secret file \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw ToolError("the client secret file \(path) is a directory")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o044 == 0 else {
            throw ToolError(
                "the client secret file \(path) is readable by group or others (mode "
                    + "\(String(mode, radix: 8))); make it private with: chmod 600 \(path)")
        }
        let data: Data
        do {
            data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        } catch {
            throw ToolError("cannot read the client secret file \(path)")
        }
        guard data.count <= sizeLimit else {
            throw ToolError("the client secret file \(path) is larger than \(sizeLimit) bytes")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ToolError("the client secret file \(path) is not UTF-8 text")
        }
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { throw ToolError("the client secret file \(path) is empty") }
        return text
    }
}
