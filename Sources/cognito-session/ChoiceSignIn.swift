import ArgumentParser
import CognitoSession

/// How `login` starts and answers the choice-based sign-in (USER_AUTH): with `--factor`, that factor;
/// without, the pool's choices when it offers a one-time code beside the password, else SRP as always.
enum ChoiceSignIn {
    /// The first step of `login`. `password` is asked only when the chosen way needs it; a password given
    /// on standard input (`passwordGiven`) is read before anything is sent and means a password sign-in.
    static func start(
        user: CognitoUser, factor: SignInFactor?, passwordGiven: Bool, password: () throws -> String
    ) async throws -> AuthenticationStep {
        let name = user.username
        if passwordGiven, factor?.usesPassword ?? true {
            let given = try password()
            guard let factor else {
                return try await user.authenticateUser(AuthenticationDetails(username: name, password: given))
            }
            return try await user.authenticateUser(
                AuthenticationDetails(
                    username: name, password: given, authenticationFlowType: .userAuth,
                    preferredChallenge: factor.challenge))
        }
        if let factor {
            return try await user.authenticateUser(
                AuthenticationDetails(
                    username: name, password: factor.usesPassword ? try password() : "",
                    authenticationFlowType: .userAuth, preferredChallenge: factor.challenge))
        }
        // Ask the pool what it offers; a client or pool without USER_AUTH signs in with SRP as before.
        if let offered = try? await user.authenticateUser(
            AuthenticationDetails(username: name, authenticationFlowType: .userAuth)),
            offersChoice(offered)
        {
            return offered
        }
        return try await user.authenticateUser(AuthenticationDetails(username: name, password: try password()))
    }

    /// Whether the first USER_AUTH answer is worth showing: a code already sent, or a choice with a factor
    /// other than the password.
    private static func offersChoice(_ step: AuthenticationStep) -> Bool {
        switch step {
        case .selectChallenge(let available):
            let factors = Set(available.compactMap(SignInFactor.init).map { $0.usesPassword ? .password : $0 })
            return factors.count > 1
        case .emailOTPRequired, .smsOTPRequired: return true
        default: return false
        }
    }

    /// Answers a step of the choice-based sign-in, asking the user; other steps come back unchanged.
    static func answer(
        _ step: AuthenticationStep, user: CognitoUser, password: () throws -> String
    ) async throws -> AuthenticationStep {
        switch step {
        case .selectChallenge(let available):
            let factor = try choose(among: available)
            return try await user.selectChallenge(
                factor.challenge, password: factor.usesPassword ? try password() : nil)
        case .passwordRequired:
            return try await user.sendPassword(try password())
        case .emailOTPRequired(let delivery):
            return try await Login.withCode(prompt(delivery, or: "your email")) { try await user.sendMFACode($0) }
        case .smsOTPRequired(let delivery):
            return try await Login.withCode(prompt(delivery, or: "your phone")) { try await user.sendMFACode($0) }
        case .webAuthnRequired:
            throw ToolError("the pool asks for a passkey, which this tool cannot use; sign in with --factor password")
        default:
            return step
        }
    }

    private static func prompt(_ delivery: CodeDeliveryDetails, or place: String) -> String {
        "Code sent to \(delivery.destination ?? place): "
    }

    /// The factor the user picks among those offered (the password once, with SRP, when both forms are).
    private static func choose(among available: [ChallengeName]) throws -> SignInFactor {
        var factors: [SignInFactor] = []
        for factor in available.compactMap(SignInFactor.init) where !factors.contains(factor) {
            if factor == .password, available.contains(.passwordSRP) { continue }
            factors.append(factor)
        }
        guard !factors.isEmpty else {
            throw ToolError(
                "the pool offers no sign-in this tool can use (\(available.map(\.rawValue).joined(separator: ", ")))")
        }
        if factors.count == 1 { return factors[0] }
        let names = factors.map(\.rawValue).joined(separator: ", ")
        let answer = try Terminal.ask("Sign in with (\(names)): ").lowercased()
        guard let factor = factors.first(where: { $0.rawValue == answer }) else {
            throw ValidationError("choose one of \(names)")
        }
        return factor
    }
}
