import CognitoSession
import Foundation

/// What a person needs to add a TOTP secret to an authenticator app.
enum MFASetupText {
    /// `ABCD EFGH IJKL …`: the secret in groups of four, easier to type.
    static func grouped(_ secret: String) -> String {
        var groups: [String] = []
        var rest = Substring(secret)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// `otpauth://totp/ISSUER:USER?secret=…&issuer=ISSUER`, percent-encoded.
    static func uri(secret: String, issuer: String, username: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@:")
        let label = (issuer + ":" + username).addingPercentEncoding(withAllowedCharacters: allowed) ?? username
        let encodedIssuer = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(encodedIssuer)"
    }

    /// Prints the URI and the grouped secret on stderr.
    static func show(secret: String, pool: CognitoUserPool, username: String) {
        Terminal.progress("Add this account to your authenticator app, from the URI or by typing the secret:")
        Terminal.progress("  " + uri(secret: secret, issuer: pool.poolName, username: username))
        Terminal.progress("  secret: " + grouped(secret))
    }
}
