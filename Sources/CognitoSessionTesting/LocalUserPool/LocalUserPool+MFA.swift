import CognitoSession
import Foundation

extension LocalUserPool {
    func setUserMFAPreference(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        var updated = user
        if let sms = try request.optionalObject("SMSMfaSettings") {
            if let enabled = try sms.optionalBool("Enabled") { updated.smsMFAEnabled = enabled }
            if try sms.optionalBool("PreferredMfa") == true { updated.preferredMFA = "SMS_MFA" }
        }
        if let totp = try request.optionalObject("SoftwareTokenMfaSettings") {
            if let enabled = try totp.optionalBool("Enabled") {
                guard !enabled || updated.totpSecret != nil else {
                    throw ServiceFault(
                        name: "InvalidParameterException",
                        message: "User has not verified software token mfa")
                }
                updated.totpEnabled = enabled
            }
            if try totp.optionalBool("PreferredMfa") == true { updated.preferredMFA = "SOFTWARE_TOKEN_MFA" }
        }
        if let email = try request.optionalObject("EmailMfaSettings") {
            if let enabled = try email.optionalBool("Enabled") { updated.emailMFAEnabled = enabled }
            if try email.optionalBool("PreferredMfa") == true { updated.preferredMFA = ChallengeName.emailOTP.rawValue }
        }
        if updated.preferredMFA == ChallengeName.emailOTP.rawValue, !updated.emailMFAEnabled {
            updated.preferredMFA = nil
        }
        if updated.preferredMFA == "SMS_MFA", !updated.smsMFAEnabled { updated.preferredMFA = nil }
        if updated.preferredMFA == "SOFTWARE_TOKEN_MFA", !updated.totpEnabled { updated.preferredMFA = nil }
        users[user.username] = updated
        return [:]
    }

    func setUserSettings(_ request: WireObject) throws -> [String: Any] {
        let user = try authenticate(request)
        let options = request.fields["MFAOptions"] as? [[String: Any]] ?? []
        users[user.username]?.smsMFAEnabled = options.contains { $0["DeliveryMedium"] as? String == "SMS" }
        return [:]
    }

    /// AssociateSoftwareToken: with an access token (signed in) or a Session (MFA_SETUP).
    func associateSoftwareToken(_ request: WireObject) throws -> [String: Any] {
        let secret = Self.newTOTPSecret()
        if request.fields["AccessToken"] != nil {
            let user = try authenticate(request)
            users[user.username]?.pendingTOTPSecret = secret
            return ["SecretCode": secret]
        }
        let (session, state) = try setupSession(request)
        users[state.username]?.pendingTOTPSecret = secret
        sessions[session] = nil
        return ["SecretCode": secret, "Session": reissue(state)]
    }

    func verifySoftwareToken(_ request: WireObject) throws -> [String: Any] {
        let code = try request.string("UserCode")
        let username: String
        var setup: ChallengeState?
        if request.fields["AccessToken"] != nil {
            username = try authenticate(request).username
        } else {
            let (session, state) = try setupSession(request)
            sessions[session] = nil
            username = state.username
            setup = state
        }
        guard let secret = users[username]?.pendingTOTPSecret else {
            throw ServiceFault.invalidParameter("Software token is not associated.")
        }
        guard try totpMatches(code, secret: secret) else {
            throw ServiceFault(name: "EnableSoftwareTokenMFAException", message: "Code mismatch")
        }
        users[username]?.totpSecret = secret
        users[username]?.pendingTOTPSecret = nil
        users[username]?.totpEnabled = true
        if var state = setup {
            state.totpVerified = true
            return ["Status": "SUCCESS", "Session": reissue(state)]
        }
        return ["Status": "SUCCESS"]
    }

    private func setupSession(_ request: WireObject) throws -> (String, ChallengeState) {
        let session = try request.string("Session")
        guard let state = sessions[session], state.expected == .mfaSetup else {
            throw ServiceFault.notAuthorized("Invalid session for the user.")
        }
        guard now() < state.expires else { throw ServiceFault.expiredSession }
        return (session, state)
    }

    private func reissue(_ state: ChallengeState) -> String {
        let session = Self.randomToken(alphabet: Self.alphanumerics, count: 120)
        sessions[session] = state
        return session
    }
}
