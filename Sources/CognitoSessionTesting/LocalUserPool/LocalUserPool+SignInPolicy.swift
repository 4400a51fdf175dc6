import CognitoSession
import Foundation

extension LocalUserPool {
    /// The first factors USER_AUTH may offer (`Policies.SignInPolicy.AllowedFirstAuthFactors`); the service's
    /// default is the password only. A user is offered those of them they can use: a one-time code needs an
    /// `email` or `phone_number`, a passkey a registered credential.
    public var allowedFirstAuthFactors: [AuthFactor] { administration.allowedFirstAuthFactors }

    /// Sets the first factors USER_AUTH may offer, as UpdateUserPool's `SignInPolicy` does.
    public func setAllowedFirstAuthFactors(_ factors: [AuthFactor]) { administration.allowedFirstAuthFactors = factors }

    /// Sets a client's `AuthSessionValidity`: how many minutes (3 to 15) a sign-in's `Session` lasts.
    public func setAuthSessionValidity(minutes: Int, forClient id: String) throws {
        guard clients[id] != nil else { throw LocalUserPoolError.clientNotFound(id) }
        clients[id]?.settings["AuthSessionValidity"] = String(minutes)
    }

    /// Sets a client's `ExplicitAuthFlows` (`ALLOW_USER_AUTH`, `ALLOW_USER_SRP_AUTH`, ...); empty allows every flow.
    public func setExplicitAuthFlows(_ flows: [String], forClient id: String) throws {
        guard clients[id] != nil else { throw LocalUserPoolError.clientNotFound(id) }
        clients[id]?.explicitAuthFlows = flows
    }

    /// Enables email MFA for a user (the user needs an `email`): after the password, EMAIL_OTP asks for a code
    /// sent by email.
    public func enableEmailMFA(forUser username: String, preferred: Bool = false) throws {
        try withUser(username) { user in
            user.emailMFAEnabled = true
            if preferred { user.preferredMFA = ChallengeName.emailOTP.rawValue }
        }
    }

    /// Reads `Policies.SignInPolicy.AllowedFirstAuthFactors` of CreateUserPool or UpdateUserPool, if given.
    func applySignInPolicy(from request: WireObject) throws {
        guard let policy = try request.optionalObject("Policies")?.optionalObject("SignInPolicy") else { return }
        let factors = try policy.stringList("AllowedFirstAuthFactors").map(AuthFactor.init(rawValue:))
        let known: [AuthFactor] = [.password, .emailOTP, .smsOTP, .webAuthn]
        if let unknown = factors.first(where: { !known.contains($0) }) {
            throw ServiceFault.invalidParameter("\(unknown.rawValue) is not a valid first authentication factor.")
        }
        guard factors.contains(.password) else {
            throw ServiceFault.invalidParameter("AllowedFirstAuthFactors must include PASSWORD.")
        }
        administration.allowedFirstAuthFactors = factors
    }

    /// `SignInPolicy` as DescribeUserPool shows it.
    var signInPolicyWire: [String: Any] {
        ["AllowedFirstAuthFactors": administration.allowedFirstAuthFactors.map(\.rawValue)]
    }

    /// UpdateUserPool: the sign-in policy and the MFA setting (the other settings are kept as they are).
    func updateUserPool(_ request: WireObject) throws -> [String: Any] {
        try applySignInPolicy(from: request)
        switch try request.optionalString("MfaConfiguration") {
        case nil: break
        case "OFF": mfaConfiguration = .off
        case "ON": mfaConfiguration = .required
        case "OPTIONAL": mfaConfiguration = .optional
        case let other?: throw ServiceFault.invalidParameter("Invalid MfaConfiguration \(other).")
        }
        administration.lastModified = now()
        return [:]
    }
}
