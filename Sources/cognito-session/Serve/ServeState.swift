import CognitoSessionTesting
import Foundation

/// `--state FILE`: the pools are restored from FILE at start, written back (atomically: a temporary file
/// renamed over it, mode 0600) within half a second of any change, and once more when the server stops.
struct ServeState: Sendable {
    let path: String
    let cognito: LocalCognito

    func restore() async throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try await cognito.restore(state: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func save() async throws {
        let data = try await cognito.state()
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UUID()).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data,
                attributes: [.posixPermissions: 0o600])
        else {
            throw ValidationFailure("cannot write \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationFailure("cannot rename \(temporary.path) to \(url.path)")
        }
    }

    /// Saves whenever the pools changed, until cancelled.
    func keepSaving() async {
        var saved = await cognito.generation
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let current = await cognito.generation
            guard current != saved else { continue }
            do {
                try await save()
                saved = current
            } catch {
                FileHandle.standardError.write(Data("cognito-session serve: --state: \(error)\n".utf8))
            }
        }
    }
}

/// A state file that could not be written.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
