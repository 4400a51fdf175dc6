import Foundation

/// A refresh token whose revocation at sign-out failed for a passing reason, kept until it is
/// revoked or can no longer be valid.
package struct PendingRevocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The refresh token.
    package let token: String
    /// When sign-out first tried to revoke it, in seconds since 1970.
    package let since: Double

    package init(token: String, since: Date) {
        self.token = token
        self.since = since.timeIntervalSince1970
    }

    /// The longest a Cognito refresh token can be valid (3,650 days): a pending revocation older
    /// than that is dropped unsent.
    package static let maximumRefreshTokenValidity: Double = 3650 * 24 * 3600

    /// Whether the token cannot be valid any more at `now`.
    package func hasExpired(at now: Date) -> Bool {
        now.timeIntervalSince1970 - since > Self.maximumRefreshTokenValidity
    }

    /// Never shows the token.
    package var description: String { "PendingRevocation(since: \(since), token: <redacted>)" }

    static func encode(_ list: [PendingRevocation]) throws -> String {
        String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
    }

    static func decode(_ text: String) -> [PendingRevocation] {
        (try? JSONDecoder().decode([PendingRevocation].self, from: Data(text.utf8))) ?? []
    }
}
