import Foundation

/// The origin rule of WebAuthn (§5.1.4, §13.4.9) as Cognito applies it: an origin belongs to a relying
/// party when its scheme is `https` and its host is the RP id or a name below it; `http` only for
/// `localhost`, as browsers treat it as a secure context.
enum WebAuthnOrigin {
    /// The host of `origin` (`scheme://host[:port]`, nothing after), lowercased; nil if it is not one.
    static func host(of origin: String) -> String? {
        guard let parts = URLComponents(string: origin), let scheme = parts.scheme?.lowercased(),
            let host = parts.host?.lowercased(), !host.isEmpty, parts.path.isEmpty, parts.query == nil,
            parts.fragment == nil, parts.user == nil
        else { return nil }
        switch scheme {
        case "https": return host
        case "http" where host == "localhost": return host
        default: return nil
        }
    }

    /// Whether `origin` may use relying party `rpId`.
    static func belongs(_ origin: String, to rpId: String) -> Bool {
        guard let host = host(of: origin) else { return false }
        let id = rpId.lowercased()
        return host == id || host.hasSuffix("." + id)
    }
}
