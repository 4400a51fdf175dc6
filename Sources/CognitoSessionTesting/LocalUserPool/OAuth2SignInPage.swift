/// The managed-login page of the authorize endpoint: a form with `username` and `password` that posts back,
/// carrying the authorization request in hidden fields. Everything echoed is HTML-escaped; the page holds no
/// secret (the request's parameters are the browser's own).
enum OAuth2SignInPage {
    /// The sign-in form, with `message` above it when there is one.
    static func form(
        action: String, fields: [(name: String, value: String)], loginHint: String?, message: String?
    )
        -> String
    {
        let hidden = fields.filter { !["username", "password", "signInSubmitButton"].contains($0.name) }
            .map { "<input type=\"hidden\" name=\"\(escape($0.name))\" value=\"\(escape($0.value))\">" }
            .joined(separator: "\n")
        let notice = message.map { "<p class=\"error\" id=\"error\">\(escape($0))</p>\n" } ?? ""
        return page(
            title: "Sign in",
            body: """
                <h1>Sign in</h1>
                \(notice)<form method="post" action="\(escape(action))">
                \(hidden)
                <label for="username">Username</label>
                <input id="username" name="username" type="text" autocomplete="username" \
                value="\(escape(loginHint ?? ""))" required autofocus>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit" name="signInSubmitButton" value="Sign in">Sign in</button>
                </form>
                """)
    }

    /// An error page: what went wrong, for a request that cannot be redirected back.
    static func error(_ code: String, _ description: String) -> String {
        page(
            title: "Error",
            body: """
                <h1>An error was encountered with the requested page.</h1>
                <p id="error" data-error="\(escape(code))">\(escape(code)): \(escape(description))</p>
                """)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title) · LocalUserPool</title>
        <style>body{font-family:sans-serif;max-width:22em;margin:3em auto}label,input,button{display:block;\
        width:100%;margin:.3em 0}.error{color:#b00}</style></head>
        <body>
        \(body)
        </body></html>
        """
    }

    /// Text safe inside an element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
