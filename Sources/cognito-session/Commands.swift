import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session login`: sign in and answer every challenge interactively.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sign in (SRP) and store the session.")

    @OptionGroup var pool: PoolOptions

    @Option(help: "The user name or alias (asked when omitted).")
    var username: String?

    @Flag(help: "Read the password from the first line of standard input instead of a prompt.")
    var passwordStdin = false

    @Option(help: "Sign in with this first factor (USER_AUTH): password, password-srp, email-otp or sms-otp.")
    var factor: SignInFactor?

    func run() async throws {
        try await reportingErrors {
            let pool = try pool.makePool()
            // Before the password is asked: a session that cannot be stored would be lost.
            try await pool.checkStorageWritable()
            let name = try username ?? Terminal.ask("Username: ")
            let given = passwordStdin ? try Self.passwordFromStandardInput() : nil
            let password = { try given ?? Terminal.askSecret("Password: ") }
            let user = pool.user(named: name)
            Terminal.progress("Signing in to \(pool.userPoolId)…")
            var step = try await ChoiceSignIn.start(
                user: user, factor: factor, passwordGiven: given != nil, password: password)
            while true {
                switch step {
                case .signedIn(let session, let confirmationNecessary):
                    if confirmationNecessary, try Terminal.ask("Remember this device? [y/N] ").lowercased() == "y" {
                        try await user.setDeviceStatusRemembered()
                    }
                    Terminal.progress(
                        "Signed in as \(user.username); the session is valid until "
                            + "\(session.accessToken.expiration) and refreshes by itself.")
                    return
                case .newPasswordRequired(_, let required):
                    let newPassword = try Terminal.askSecret("A new password is required. New password: ")
                    var attributes: [String: String] = [:]
                    for name in required { attributes[name] = try Terminal.ask("\(name): ") }
                    step = try await user.completeNewPasswordChallenge(newPassword, requiredAttributes: attributes)
                case .mfaRequired(let delivery):
                    let code = try Terminal.ask("Code sent to \(delivery.destination ?? "your phone"): ")
                    step = try await user.sendMFACode(code, mfaType: .sms)
                case .totpRequired:
                    step = try await user.sendMFACode(try Terminal.ask("Authenticator code: "), mfaType: .softwareToken)
                case .selectMFAType(let options):
                    let names = options.map(\.rawValue).joined(separator: ", ")
                    let answer = try Terminal.ask("Choose a second factor (\(names)): ").uppercased()
                    guard let choice = options.first(where: { $0.rawValue == answer || $0.rawValue.hasPrefix(answer) })
                    else { throw ValidationError("choose one of \(names)") }
                    step = try await user.sendMFASelectionAnswer(choice)
                case .mfaSetup:
                    let secret = try await user.associateSoftwareToken()
                    Terminal.progress("Add this secret to your authenticator app: \(secret)")
                    Terminal.progress("otpauth://totp/\(pool.poolName):\(name)?secret=\(secret)&issuer=Cognito")
                    step = try await user.verifySoftwareToken(try Terminal.ask("First code from the app: "))
                case .customChallenge(let parameters):
                    for (key, value) in parameters.sorted(by: { $0.key < $1.key }) where key != "USERNAME" {
                        Terminal.progress("  \(key): \(value)")
                    }
                    step = try await user.sendCustomChallengeAnswer(try Terminal.ask("Answer: "))
                case .selectChallenge, .passwordRequired, .emailOTPRequired, .smsOTPRequired, .webAuthnRequired:
                    step = try await ChoiceSignIn.answer(step, user: user, password: password)
                }
            }
        }
    }

    /// The first line of standard input; an empty or missing line is refused.
    static func passwordFromStandardInput() throws -> String {
        guard let line = readLine(), !line.isEmpty else {
            throw ToolError("--password-stdin: standard input is empty; give the password on its first line")
        }
        return line
    }
}

/// `cognito-session token`: print a valid token, refreshing it when needed.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a valid access token (refreshed when needed).",
        discussion: "curl -H \"Authorization: Bearer $(cognito-session token)\" https://api.example.com/")

    @OptionGroup var pool: PoolOptions

    @Flag(help: "Print the ID token instead.")
    var id = false

    func run() async throws {
        try await reportingErrors {
            let (_, session) = try await pool.currentSession()
            Terminal.output(id ? session.idToken.jwtToken : session.accessToken.jwtToken)
        }
    }
}

/// `cognito-session whoami`: the signed-in user's claims.
struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who is signed in: claims and expiry.")

    @OptionGroup var pool: PoolOptions

    func run() async throws {
        try await reportingErrors {
            let (user, session) = try await pool.currentSession()
            Terminal.output("user:        \(user.username)")
            Terminal.output("sub:         \(session.idToken.sub ?? "-")")
            if let email = session.idToken.email { Terminal.output("email:       \(email)") }
            if !session.accessToken.groups.isEmpty {
                Terminal.output("groups:      \(session.accessToken.groups.joined(separator: ", "))")
            }
            if let device = session.accessToken.deviceKey { Terminal.output("device:      \(device)") }
            Terminal.output("client:      \(session.accessToken.clientId ?? "-")")
            Terminal.output("expires:     \(session.accessToken.expiration)")
            Terminal.output("clock drift: \(session.clockDrift) s")
            Terminal.output("ID token claims:")
            for (name, value) in session.idToken.payload.sorted(by: { $0.key < $1.key }) {
                Terminal.output("  \(name): \(Self.show(value))")
            }
        }
    }

    private static func show(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array(let items): "[" + items.map(show).joined(separator: ", ") + "]"
        case .object: "{…}"
        }
    }
}

/// `cognito-session devices`: list or forget remembered devices.
struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List or forget the user's remembered devices.", subcommands: [List.self, Forget.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List remembered devices.")
        @OptionGroup var pool: PoolOptions

        func run() async throws {
            try await reportingErrors {
                let user = try await pool.currentUser()
                var token: String?
                repeat {
                    let page = try await user.listDevices(limit: 60, paginationToken: token)
                    for device in page.devices {
                        let name = device.deviceAttributes?.first { $0.name == "device_name" }?.value ?? "-"
                        let seen = device.deviceLastAuthenticatedDate.map { "\($0)" } ?? "-"
                        Terminal.output("\(device.deviceKey)  \(name)  last used \(seen)")
                    }
                    token = page.paginationToken
                } while token != nil
            }
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget this device, or the one given.")
        @OptionGroup var pool: PoolOptions

        @Option(help: "The device key to forget (default: this device).")
        var deviceKey: String?

        func run() async throws {
            try await reportingErrors {
                let user = try await pool.currentUser()
                if let deviceKey {
                    try await user.forgetSpecificDevice(deviceKey)
                } else {
                    try await user.forgetDevice()
                }
                Terminal.progress("Forgotten.")
            }
        }
    }
}

/// `cognito-session logout`: sign out here (and with `--global`, everywhere).
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign out: revoke the refresh token and forget the session.")

    @OptionGroup var pool: PoolOptions

    @Flag(help: "Sign out of every device (GlobalSignOut).")
    var global = false

    func run() async throws {
        try await reportingErrors {
            let user = try await pool.currentUser()
            if global {
                try await user.globalSignOut()
                Terminal.progress("Signed out.")
                return
            }
            switch try await user.signOut() {
            case .revoked, .notRevoked(.notRequested), .notRevoked(.noRefreshToken), .notRevoked(.refreshTokenInvalid):
                Terminal.progress("Signed out.")
            case .revocationPending(let reason):
                Terminal.progress(
                    "signed out here; the refresh token could not be revoked yet: \(reason) "
                        + "(it is kept and revoked at the next sign-in or refresh)")
            case .notRevoked(let reason):
                Terminal.progress("signed out here; nothing was revoked: \(reason)")
            }
        }
    }
}
