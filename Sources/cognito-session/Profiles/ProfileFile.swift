import Foundation
import TOMLKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The profiles file, `$XDG_CONFIG_HOME/cognito-session/config.toml` (else
/// `~/.config/cognito-session/config.toml`): one TOML table per profile.
///
/// ```toml
/// [default]
/// user_pool_id = "eu-west-1_AbC123"
/// client_id = "1a2b3c4d5e6f7g8h9i0j"
/// client_secret_env = "MY_APP_SECRET"
/// ```
struct ProfileFile: Sendable {
    /// The profile used when neither `--profile` nor `COGNITO_PROFILE` names one.
    static let defaultName = "default"

    let url: URL
    /// The profiles, by name.
    var profiles: [String: Profile] = [:]
    /// Whether only the owner can read the file (mode 0600 or stricter).
    var isPrivate = true

    /// Where the file is for `environment`; `COGNITO_CONFIG_FILE` overrides.
    static func location(environment: [String: String]) throws -> URL {
        if let path = environment["COGNITO_CONFIG_FILE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return try SessionFileLocation.defaultURL(environment: environment)
            .deletingLastPathComponent().appendingPathComponent("config.toml")
    }

    /// The file at `url`, or an empty one when there is no file.
    ///
    /// - Throws: ``ToolError`` naming the file and the line when it is not TOML or has a key or
    ///   value a profile cannot have.
    static func load(_ url: URL) throws -> ProfileFile {
        var file = ProfileFile(url: url)
        guard FileManager.default.fileExists(atPath: url.path) else { return file }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ToolError("cannot read the profiles file \(url.path): check its permissions", status: .storage)
        }
        var status = stat()
        if stat(url.path, &status) == 0 { file.isPrivate = status.st_mode & 0o077 == 0 }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ToolError(
                "the profiles file \(url.path) is not valid TOML (line \(error.source.begin.line)): "
                    + "\(error.description); fix it or run `cognito-session configure`")
        }
        for name in root.keys {
            guard let table = root[name]?.table else {
                throw ToolError(
                    "the profiles file \(url.path) has `\(name)` outside a profile: put each profile's keys "
                        + "under [name]")
            }
            var profile = Profile(name: name)
            for key in table.keys {
                guard let known = Profile.Key(rawValue: key) else {
                    let keys = Profile.Key.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ToolError("unknown key `\(key)` in profile \(name) of \(url.path); the keys are \(keys)")
                }
                if let text = table[key]?.string {
                    profile[known] = text
                } else if let flag = table[key]?.bool {
                    profile[known] = flag ? "true" : "false"
                } else {
                    throw ToolError("`\(key)` in profile \(name) of \(url.path) must be a string")
                }
            }
            file.profiles[name] = profile
        }
        return file
    }

    /// The file's text: every profile as a table, keys in a fixed order.
    var text: String {
        let root = TOMLTable()
        for (name, profile) in profiles {
            let table = TOMLTable()
            for key in Profile.Key.allCases {
                guard let value = profile[key] else { continue }
                if key == .clientSecretPrompt {
                    table[key.rawValue] = value == "true"
                } else {
                    table[key.rawValue] = value
                }
            }
            root[name] = table
        }
        return root.convert(to: .toml) + "\n"
    }

    /// Writes the file atomically (a private temporary file renamed over it), mode 0600, in a
    /// folder made 0700 when it is created.
    func save() throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ToolError("cannot create the folder \(folder.path) for the profiles file", status: .storage)
        }
        let temporary = folder.appendingPathComponent(".config.toml.\(getpid()).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ToolError(
                "cannot write in \(folder.path) (\(String(cString: strerror(errno)))): check its permissions",
                status: .storage)
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw ToolError("cannot write the profiles file \(url.path)", status: .storage)
        }
    }
}
