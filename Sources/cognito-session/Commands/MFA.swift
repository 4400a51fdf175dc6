import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session mfa`: set up an authenticator app and choose second factors.
struct MFA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa", abstract: "Set up an authenticator app (TOTP) and choose the second factors.",
        subcommands: [Setup.self, Prefer.self, Disable.self, Show.self], defaultSubcommand: Show.self)

    /// The factors a user can turn on.
    enum Factor: String, ExpressibleByArgument, CaseIterable {
        case totp, sms
    }

    struct Setup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an authenticator app: prints the otpauth:// URI and the secret, then asks for a code.")
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions

        @Flag(help: "Do not make the app the preferred second factor afterwards.")
        var notPreferred = false

        func run() async throws {
            let library = try pool.makePool()
            let (user, _) = try await pool.currentSession(self.user.username)
            let secret = try await user.associateSoftwareToken()
            MFASetupText.show(secret: secret, pool: library, username: user.username)
            _ = try await Login.withCode("Code from the app: ") { try await user.verifySoftwareToken($0) }
            if !notPreferred {
                try await user.setUserMfaPreference(
                    sms: nil, softwareToken: MFAPreference(enabled: true, preferred: true))
            }
            Terminal.progress(
                "The authenticator app is set up for \(user.username)"
                    + (notPreferred ? "." : " and is the preferred second factor."))
        }
    }

    struct Prefer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a factor on and make it the preferred one.")
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "totp or sms.") var factor: Factor

        func run() async throws {
            let (user, _) = try await pool.currentSession(self.user.username)
            let preference = MFAPreference(enabled: true, preferred: true)
            try await user.setUserMfaPreference(
                sms: factor == .sms ? preference : nil, softwareToken: factor == .totp ? preference : nil)
            Terminal.progress("\(factor.rawValue.uppercased()) is now the preferred second factor of \(user.username).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a factor off.")
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "totp or sms.") var factor: Factor

        func run() async throws {
            let (user, _) = try await pool.currentSession(self.user.username)
            let off = MFAPreference(enabled: false, preferred: false)
            try await user.setUserMfaPreference(
                sms: factor == .sms ? off : nil, softwareToken: factor == .totp ? off : nil)
            Terminal.progress("\(factor.rawValue.uppercased()) is off for \(user.username).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the second factors that are on, and the preferred one.",
            discussion: #"With --output json: {"username", "enabled": ["SOFTWARE_TOKEN_MFA", …], "preferred"}."#)
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (user, _) = try await pool.currentSession(self.user.username)
            let data = try await user.getUserData(bypassCache: true)
            if output.json {
                try JSONOutput.write([
                    "username": user.username, "enabled": data.mfaSettings,
                    "preferred": data.preferredMFASetting ?? NSNull(),
                ])
                return
            }
            Terminal.output(
                "enabled:   " + (data.mfaSettings.isEmpty ? "none" : data.mfaSettings.joined(separator: ", ")))
            Terminal.output("preferred: " + (data.preferredMFASetting ?? "none"))
        }
    }
}
