import CognitoSession
import Foundation

extension LocalUserPool {
    /// The character classes a pool's password policy can require, as Cognito defines them.
    public struct PasswordPolicy: Sendable, Equatable {
        /// The symbols Cognito counts as special characters (the space included).
        public static let symbols = Set(#"^$*.[]{}()?"!@#%&/\,><':;|_~`=+- "#)

        /// Minimum length (the pool's ``LocalUserPool/minimumPasswordLength`` enforces it).
        public var minimumLength = 8
        /// At least one upper-case basic Latin letter.
        public var requireUppercase = false
        /// At least one lower-case basic Latin letter.
        public var requireLowercase = false
        /// At least one digit.
        public var requireNumbers = false
        /// At least one of ``symbols``.
        public var requireSymbols = false
        /// How long an administrator's temporary password stays valid.
        public var temporaryPasswordValidityDays = 7

        /// A policy that requires only a length of 8: what an in-process pool has by default.
        public init() {}

        /// The service's default policy for a new pool: 8 characters and every class.
        public static let serviceDefault: PasswordPolicy = {
            var policy = PasswordPolicy()
            policy.requireUppercase = true
            policy.requireLowercase = true
            policy.requireNumbers = true
            policy.requireSymbols = true
            return policy
        }()

        func checkCharacterClasses(_ password: String) throws {
            let checks: [(Bool, (Character) -> Bool, String)] = [
                (requireLowercase, { $0.isASCII && $0.isLowercase }, "lowercase"),
                (requireUppercase, { $0.isASCII && $0.isUppercase }, "uppercase"),
                (requireNumbers, { $0.isASCII && $0.isNumber }, "numeric"),
                (requireSymbols, { Self.symbols.contains($0) }, "symbol"),
            ]
            for (required, matches, name) in checks where required && !password.contains(where: matches) {
                throw ServiceFault(
                    name: "InvalidPasswordException",
                    message: "Password did not conform with policy: Password must have \(name) characters")
            }
        }

        var wire: [String: Any] {
            [
                "MinimumLength": minimumLength, "RequireUppercase": requireUppercase,
                "RequireLowercase": requireLowercase,
                "RequireNumbers": requireNumbers, "RequireSymbols": requireSymbols,
                "TemporaryPasswordValidityDays": temporaryPasswordValidityDays,
            ]
        }
    }

    /// Sets the password policy (its minimum length becomes ``minimumPasswordLength``).
    public func setPasswordPolicy(_ policy: PasswordPolicy) {
        administration.passwordPolicy = policy
        minimumPasswordLength = policy.minimumLength
    }
}

/// What a pool made over the wire (CreateUserPool) describes about itself.
struct PoolAdministration {
    var name = ""
    var passwordPolicy = LocalUserPool.PasswordPolicy()
    var created = Date(timeIntervalSince1970: 0)
    var lastModified = Date(timeIntervalSince1970: 0)
    var usernameAttributes: [String] = []
    var aliasAttributes: [String] = []
    var autoVerifiedAttributes: [String] = []
    var deviceConfiguration: [String: Bool]?
    /// `Policies.SignInPolicy.AllowedFirstAuthFactors` (the service's default: the password only).
    var allowedFirstAuthFactors: [AuthFactor] = [.password]
}
