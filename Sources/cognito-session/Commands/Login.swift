import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session login`: sign in and answer every challenge interactively.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign in (SRP, or the hosted UI with --browser) and store the session.",
        discussion: """
            With --browser (or --no-browser) the sign-in goes through the pool's hosted UI on --domain. A --domain \
            given to either kind of login is recorded in the session file: later commands (token, whoami, …) \
            refresh through its token endpoint, unless the device is remembered.
            """)

    @OptionGroup var pool: PoolOptions

    @Option(help: "The user name or alias (asked when omitted; with --browser, filled in on the sign-in page).")
    var username: String?

    @Flag(help: "Read the password from the first line of standard input instead of a prompt.")
    var passwordStdin = false

    @Option(help: "Sign in with this first factor (USER_AUTH): password, password-srp, email-otp or sms-otp.")
    var factor: SignInFactor?

    @OptionGroup var hostedUI: HostedUIOptions
    @OptionGroup var domain: DomainOptions

    /// How many times a wrong code may be typed again within one sign-in.
    static let codeAttempts = 3

    func run() async throws {
        if hostedUI.isRequested { return try await signInThroughHostedUI() }
        let pool = try pool.makePool()
        // Before the password is asked: a session that cannot be stored would be lost.
        try await self.pool.checkStorageWritable(pool)
        try await domain.recordIfGiven(clientId: pool.clientId, storage: pool.storage)
        let name = try username ?? Terminal.ask("Username: ")
        guard !name.isEmpty else { throw ToolError("no user name given") }
        ToolContext.shared.update { $0.username = name }
        let given = passwordStdin ? try Self.passwordFromStandardInput() : nil
        let password = { try given ?? Terminal.askSecret("Password: ") }
        let user = pool.user(named: name)
        let factor = factor
        var step = try await Terminal.step("Signing in to \(pool.userPoolId)…") {
            try await ChoiceSignIn.start(user: user, factor: factor, passwordGiven: given != nil, password: password)
        }
        while true {
            if case .signedIn(let session, let confirmationNecessary) = step {
                if confirmationNecessary, try Terminal.confirm("Remember this device?") {
                    try await user.setDeviceStatusRemembered()
                }
                Terminal.progress(
                    "Signed in as \(user.username); the session \(TimeText.expiry(session.accessToken.expiration)) "
                        + "(\(TimeText.local(session.accessToken.expiration))) and refreshes by itself.")
                return
            }
            step = try await answer(step, user: user, pool: pool, password: password)
        }
    }

    /// The next step after answering `step`'s challenge at the terminal.
    private func answer(
        _ step: AuthenticationStep, user: CognitoUser, pool: CognitoUserPool, password: () throws -> String
    ) async throws
        -> AuthenticationStep
    {
        switch step {
        case .signedIn: return step
        case .newPasswordRequired(_, let required):
            Terminal.progress("A new password is required.")
            var attributes: [String: String] = [:]
            for name in required { attributes[name] = try Terminal.ask("\(name): ") }
            return try await Self.withNewPassword { newPassword in
                try await user.completeNewPasswordChallenge(newPassword, requiredAttributes: attributes)
            }
        case .mfaRequired(let delivery):
            return try await Self.withCode("Code sent to \(delivery.destination ?? "your phone"): ") {
                try await user.sendMFACode($0, mfaType: .sms)
            }
        case .totpRequired:
            return try await Self.withCode("Authenticator code: ") {
                try await user.sendMFACode($0, mfaType: .softwareToken)
            }
        case .selectMFAType(let options):
            let names = options.map(\.rawValue).joined(separator: ", ")
            let answer = try Terminal.ask("Choose a second factor (\(names)): ").uppercased()
            guard let choice = options.first(where: { $0.rawValue == answer || $0.rawValue.hasPrefix(answer) })
            else { throw ToolError("choose one of \(names)") }
            return try await user.sendMFASelectionAnswer(choice)
        case .mfaSetup:
            let secret = try await user.associateSoftwareToken()
            MFASetupText.show(secret: secret, pool: pool, username: user.username)
            return try await Self.withCode("First code from the app: ") { try await user.verifySoftwareToken($0) }
        case .customChallenge(let parameters):
            for (key, value) in parameters.sorted(by: { $0.key < $1.key }) where key != "USERNAME" {
                Terminal.progress("  \(key): \(value)")
            }
            return try await user.sendCustomChallengeAnswer(try Terminal.ask("Answer: "))
        case .selectChallenge, .passwordRequired, .emailOTPRequired, .smsOTPRequired, .webAuthnRequired:
            return try await ChoiceSignIn.answer(step, user: user, password: password)
        }
    }

    /// Asks for a code and sends it; a wrong code (CodeMismatchException) is asked again, within
    /// the same challenge, up to ``codeAttempts`` times.
    @discardableResult
    static func withCode<T: Sendable>(_ prompt: String, _ send: (String) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            let code = try Terminal.ask(prompt)
            do {
                return try await send(code)
            } catch let error as CognitoServiceError
                where [.codeMismatch, .enableSoftwareTokenMFA].contains(error) && attempt < codeAttempts
            {
                attempt += 1
                Terminal.progress("That code is wrong; try again (\(attempt) of \(codeAttempts)).")
            }
        }
    }

    /// Asks for a new password (twice) and sends it; when the service refuses it
    /// (InvalidPasswordException) its message, the pool's policy, is shown and the password asked again.
    static func withNewPassword<T: Sendable>(_ send: (String) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            let password = try Terminal.askNewPassword()
            do {
                return try await send(password)
            } catch let error as CognitoServiceError where error == .invalidPassword && attempt < codeAttempts {
                attempt += 1
                Terminal.progress("The pool refused it: \(error.message ?? "it does not meet the password policy").")
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
