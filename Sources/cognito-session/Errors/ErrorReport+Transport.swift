import CognitoSession
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension ErrorReport {
    /// No usable answer: the host, and why in words (never the URLError code).
    static func transport(_ error: HTTPTransportError, _ context: ToolContext.State) -> ErrorReport {
        let host = context.host ?? "the service"
        switch error {
        case .connectionFailed:
            return ErrorReport("cannot reach \(host) (\(connectionReason(error.underlyingCode)))", .network)
        case .timedOut:
            return ErrorReport(
                "\(host) did not answer in time: try again, or allow longer with --timeout", .network)
        case .unsupportedHost:
            return ErrorReport(
                "this platform cannot reach an IPv6 address such as \(host); use a name, e.g. http://localhost:PORT/, "
                    + "or 127.0.0.1", .usage)
        case .invalidRequest:
            return ErrorReport("the request to \(host) cannot be sent: check the endpoint", .usage)
        default:
            return ErrorReport("\(host) sent an answer this tool cannot read: try again later", .network)
        }
    }

    /// `connection refused`, `host not found`, … for a URLError code.
    static func connectionReason(_ code: Int?) -> String {
        switch code.map(URLError.Code.init(rawValue:)) {
        case .cannotConnectToHost?: "connection refused"
        case .cannotFindHost?, .dnsLookupFailed?: "host not found"
        case .networkConnectionLost?: "the connection was lost"
        case .notConnectedToInternet?: "no network"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
            .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?, .clientCertificateRejected?:
            "the TLS connection failed"
        default: "the connection failed"
        }
    }

    /// The session file could not be used: which file and what to do.
    static func storage(_ error: StorageError, _ context: ToolContext.State) -> ErrorReport {
        let path = error.path ?? context.storagePath ?? "the session file"
        switch error {
        case .corruptFile:
            return ErrorReport(
                "the session file \(path) is damaged (\(error.reason ?? "not a JSON object of strings")): move it "
                    + "away and sign in again", .storage)
        case .insecurePermissions:
            return ErrorReport("the session file \(path) is not safe to use: \(storageReason(error))", .storage)
        case .invalidStoredToken:
            return ErrorReport(
                "a token stored in \(path) is unreadable: sign in again with "
                    + "`\(ToolContext.shared.command("login"))`", .notSignedIn)
        default:
            return ErrorReport("cannot use the session file \(path): \(storageReason(error))", .storage)
        }
    }

    /// The reason part of a storage error, in words.
    static func storageReason(_ error: StorageError?) -> String {
        guard let error else { return "it cannot be written" }
        if let reason = error.reason, !reason.isEmpty { return reason }
        return words(error)
    }

    /// A refusal from the pool's OAuth2 domain.
    static func oauth2(_ error: CognitoOAuth2Error, _ context: ToolContext.State) -> ErrorReport {
        if error.isTerminal {
            return ErrorReport(
                "the session has ended (the domain refused the refresh token): run "
                    + "`\(ToolContext.shared.command("login"))`", .notSignedIn)
        }
        if error.isConfigurationError {
            return ErrorReport(
                "the domain refused the client \(short(context.clientId)): check the client id and "
                    + "\(context.secretSource ?? "COGNITO_CLIENT_SECRET")", .refused)
        }
        if error.error == nil {
            // Checked here, not by the domain: the redirect or the tokens did not match this sign-in.
            return ErrorReport(
                "the sign-in that came back does not match the one this tool started (\(words(error))): "
                    + "run `\(ToolContext.shared.command("login"))` again", .refused)
        }
        return ErrorReport("the domain refused the request: \(words(error))", error.isRetryable ? .network : .refused)
    }
}
