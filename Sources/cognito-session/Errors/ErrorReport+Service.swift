import CognitoSession
import Foundation

extension ErrorReport {
    /// A refusal by the service, by its exception name; the service's message (safe to show) is
    /// kept where it says more than the name.
    static func service(_ error: CognitoServiceError, _ context: ToolContext.State) -> ErrorReport {
        let message = (error.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = message.lowercased()
        let who = context.username.map { " as \($0)" } ?? ""
        let host = context.host ?? "the service"
        if let status = error.statusCode, status >= 500 {
            return ErrorReport("\(host) failed (HTTP \(status)): try again later", .network)
        }
        switch error {
        case .notAuthorized where lower.contains("secret_hash was not received"):
            return ErrorReport(
                "the client \(short(context.clientId)) has a secret and none was given: set COGNITO_CLIENT_SECRET "
                    + "or use --client-secret-file", .usage)
        case .notAuthorized where lower.contains("secret hash"):
            return ErrorReport(
                "the service refused the client secret for client \(short(context.clientId)): check "
                    + "\(context.secretSource ?? "COGNITO_CLIENT_SECRET")", .refused)
        case .notAuthorized where lower.contains("refresh token") || lower.contains("access token"):
            return ErrorReport(
                "the session\(context.username.map { " of \($0)" } ?? "") has ended "
                    + "(\(message.isEmpty ? "revoked or expired" : message)): run "
                    + "`\(ToolContext.shared.command("login"))`", .notSignedIn)
        case .notAuthorized where lower.contains("invalid session"):
            return ErrorReport(
                "the sign-in has ended (too many wrong codes, or it took too long): sign in again with "
                    + "`\(ToolContext.shared.command("login"))`", .refused)
        case .notAuthorized where lower.contains("incorrect username or password"):
            return ErrorReport(
                "the service refused the sign-in\(who): \(message) Check them, or run "
                    + "`\(ToolContext.shared.command("forgot-password"))`", .refused)
        case .notAuthorized:
            return ErrorReport(
                "the service refused\(who.isEmpty ? "" : " the request\(who)"): "
                    + "\(message.isEmpty ? "not authorized" : message)", .refused)
        case .userNotFound:
            return ErrorReport(
                "the pool \(context.poolId ?? "") has no user \(context.username ?? "by that name"): check the name, "
                    + "or sign up with `\(ToolContext.shared.command("signup"))`", .refused)
        case .userNotConfirmed:
            return ErrorReport(
                "\(context.username ?? "the user") has not confirmed the sign-up: run "
                    + "`\(ToolContext.shared.command("confirm"))` with the code that was sent, or "
                    + "`\(ToolContext.shared.command("resend-code"))`", .refused)
        case .passwordResetRequired:
            return ErrorReport(
                "the password of \(context.username ?? "the user") was reset: run "
                    + "`\(ToolContext.shared.command("forgot-password"))`", .refused)
        case .codeMismatch, .enableSoftwareTokenMFA:
            return ErrorReport("the code is wrong: check it and try again", .refused)
        case .expiredCode:
            return ErrorReport("the code has expired: ask for a new one and try again", .refused)
        case .invalidPassword:
            return ErrorReport("the service refused the new password: \(message)", .refused)
        case .usernameExists:
            return ErrorReport(
                "the user name \(context.username ?? "") is taken: choose another, or sign in with "
                    + "`\(ToolContext.shared.command("login"))`", .refused)
        case .aliasExists:
            return ErrorReport("another user already has that email address or phone number: \(message)", .refused)
        case .limitExceeded, .tooManyFailedAttempts:
            return ErrorReport("too many attempts\(who): wait a while, then try again", .refused)
        case .tooManyRequests, .throttling:
            return ErrorReport("\(host) is throttling requests: try again in a moment", .network)
        case .resourceNotFound:
            return ErrorReport(
                "the service has no such pool or client (pool \(context.poolId ?? "?"), client "
                    + "\(short(context.clientId))): \(message.isEmpty ? "check the ids" : message)", .refused)
        case .softwareTokenMFANotFound:
            return ErrorReport(
                "no authenticator app is set up: run `\(ToolContext.shared.command("mfa setup"))`", .refused)
        default:
            return ErrorReport("the service refused the request: \(message.isEmpty ? error.name : message)", .refused)
        }
    }

    /// A configuration the library or the service refused.
    static func configuration(_ error: CognitoConfigurationError, _ context: ToolContext.State) -> ErrorReport {
        switch error {
        case .clientSecretRejected:
            ErrorReport(
                "the service refused the client secret for client \(short(context.clientId)): check "
                    + "\(context.secretSource ?? "COGNITO_CLIENT_SECRET")", .refused)
        case .invalidUserPoolId:
            ErrorReport(
                "the user pool id \(context.poolId ?? "") is not of the form <region>_<id> (e.g. us-east-1_AbC123): "
                    + "check --user-pool-id, COGNITO_USER_POOL_ID or the profile", .usage)
        case .insecureEndpoint:
            ErrorReport(
                "the endpoint \(context.host ?? "") uses plain http, allowed only for 127.0.0.1 or localhost: "
                    + "use https", .usage)
        default:
            ErrorReport(
                "the endpoint is not an absolute URL with a host: check --endpoint, COGNITO_ENDPOINT or the profile",
                .usage)
        }
    }

    /// A failure of the sign-in flow or the session as the library keeps it.
    static func user(_ error: CognitoUserError, _ context: ToolContext.State) -> ErrorReport {
        switch error {
        case .notSignedIn:
            ErrorReport(
                NotSignedIn(
                    username: context.username, file: URL(fileURLWithPath: context.storagePath ?? "sessions.json")
                ).description, .notSignedIn)
        case .storageNotWritable:
            ErrorReport(
                "cannot write the session file \(context.storagePath ?? ""): check its folder's owner and permissions",
                .storage)
        case .noDeviceRemembered:
            ErrorReport(
                "this device is not remembered for \(context.username ?? "the user"): nothing to forget", .usage)
        case .softwareTokenNotVerified:
            ErrorReport("the authenticator code was not accepted: check the app's clock and try again", .refused)
        default:
            ErrorReport("the sign-in cannot go on: \(words(error))", .failure)
        }
    }
}
