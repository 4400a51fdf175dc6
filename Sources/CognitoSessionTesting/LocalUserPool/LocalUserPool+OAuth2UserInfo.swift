import CognitoSession
import Foundation
import HTTPTypes

extension LocalUserPool {
    /// `GET`/`POST /oauth2/userInfo`: the attributes of the user a Bearer access token with `openid` was issued
    /// to (values as strings, as the service sends them, and `username`).
    func userInfo(_ request: HTTPRequest) -> OAuth2Answer {
        guard let header = request.headerFields[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { return .refusal(.invalidRequest("The Authorization header must carry a Bearer access token.")) }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let claims = try? accessClaims(token) else { return .refusal(.invalidToken("Invalid access token.")) }
        guard let exp = claims["exp"] as? Int, Double(exp) > now().timeIntervalSince1970 else {
            return .refusal(.invalidToken("Access token has expired."))
        }
        guard !revokedOrigins.contains(claims["origin_jti"] as? String ?? "") else {
            return .refusal(.invalidToken("Access token has been revoked."))
        }
        guard let username = claims["username"] as? String, let user = users[username], user.enabled else {
            return .refusal(.invalidToken("The access token has no user."))
        }
        guard (claims["scope"] as? String ?? "").split(separator: " ").contains(Substring(OAuth2Value.openid)) else {
            return .refusal(
                .init("insufficient_scope", "The access token does not have the openid scope.", status: 403))
        }
        var out: [String: Any] = user.attributes
        out["username"] = user.username
        return .json(out)
    }

    /// `GET /logout`: to a registered `logout_uri`, or (with `redirect_uri` and `response_type`) back to the
    /// authorize endpoint with the same request. There is no browser session to end.
    func logout(_ route: OAuth2Route, _ fields: FormFields) -> OAuth2Answer {
        guard let id = fields["client_id"], let client = clients[id] else {
            return .html(OAuth2SignInPage.error("invalid_request", "Invalid client_id."), status: 400)
        }
        if let logoutURI = fields["logout_uri"] {
            guard client.logoutURLs.contains(logoutURI) else {
                return .html(
                    OAuth2SignInPage.error(
                        "redirect_mismatch", "logout_uri is not one of the app client's sign-out URLs."),
                    status: 400)
            }
            return .redirect(logoutURI)
        }
        guard fields["redirect_uri"] != nil, fields["response_type"] != nil else {
            return .html(
                OAuth2SignInPage.error(
                    "invalid_request", "logout needs logout_uri, or redirect_uri and response_type."),
                status: 400)
        }
        return .redirect("\(route.base)\(OAuth2Path.authorize)?\(route.query)")
    }
}
