/// An app client's `ExplicitAuthFlows` entry: which flows the client may start.
package enum ExplicitAuthFlow {
    package static let userSRPAuth = "ALLOW_USER_SRP_AUTH"
    package static let userPasswordAuth = "ALLOW_USER_PASSWORD_AUTH"
    package static let customAuth = "ALLOW_CUSTOM_AUTH"
    package static let refreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH"
    package static let adminUserPasswordAuth = "ALLOW_ADMIN_USER_PASSWORD_AUTH"
    /// The choice-based sign-in (USER_AUTH).
    package static let userAuth = "ALLOW_USER_AUTH"
}
