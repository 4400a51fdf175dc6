import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session configure`: write a profile interactively.
struct Configure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a profile to config.toml, asking for each setting.",
        discussion: """
            The file is $XDG_CONFIG_HOME/cognito-session/config.toml (else ~/.config/cognito-session/config.toml, \
            or COGNITO_CONFIG_FILE), written atomically with mode 0600. Enter keeps the value in brackets; `-` \
            clears it. The client secret is never asked for: name an environment variable, a file, or `prompt`.
            """)

    @Option(help: "The profile to write (default: `default`).")
    var profile = ProfileFile.defaultName

    /// The settings asked, in order.
    static let asked: [Profile.Key] = [.userPoolId, .clientId, .endpoint, .domain, .redirectURI, .storage]

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = try ProfileFile.location(environment: environment)
        var file = try ProfileFile.load(url)
        var entry = file.profiles[profile] ?? Profile(name: profile)
        Terminal.progress("Profile \(profile) in \(url.path):")
        for key in Self.asked {
            entry[key] = try Self.ask(
                key.meaning, current: entry[key], required: [.userPoolId, .clientId].contains(key))
        }
        guard let poolID = entry[.userPoolId], poolID.split(separator: "_").count == 2 else {
            throw ToolError("the user pool id must be of the form <region>_<id>, e.g. us-east-1_AbC123")
        }
        try askSecretSource(&entry)
        file.profiles[profile] = entry
        try file.save()
        Terminal.progress("Wrote profile \(profile) to \(url.path).")
    }

    /// How the client secret is found: `none`, `env NAME`, `file PATH` or `prompt`.
    private func askSecretSource(_ entry: inout Profile) throws {
        let current: String? =
            if let name = entry[.clientSecretEnv] { "env \(name)" } else if let path = entry[.clientSecretFile] {
                "file \(path)"
            } else if entry.promptsForSecret { "prompt" } else { nil }
        let answer = try Self.ask("client secret: none, env VARIABLE, file PATH or prompt", current: current ?? "none")
        entry[.clientSecretEnv] = nil
        entry[.clientSecretFile] = nil
        entry[.clientSecretPrompt] = nil
        let parts = (answer ?? "none").split(separator: " ", maxSplits: 1).map(String.init)
        switch (parts.first ?? "none", parts.count) {
        case ("none", 1): break
        case ("prompt", 1): entry[.clientSecretPrompt] = "true"
        case ("env", 2): entry[.clientSecretEnv] = parts[1]
        case ("file", 2): entry[.clientSecretFile] = parts[1]
        default: throw ToolError("the client secret source must be none, env VARIABLE, file PATH or prompt")
        }
    }

    /// One setting: Enter keeps `current`, `-` clears it.
    private static func ask(_ meaning: String, current: String?, required: Bool = false) throws -> String? {
        let answer = try Terminal.ask("  \(meaning)" + (current.map { " [\($0)]" } ?? "") + ": ")
        let value: String? = answer.isEmpty ? current : (answer == "-" ? nil : answer)
        if required, value == nil { throw ToolError("the \(meaning) is required") }
        return value
    }
}
