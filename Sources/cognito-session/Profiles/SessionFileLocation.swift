import Foundation

/// Where the session file lives when neither `--storage` nor `COGNITO_SESSION_FILE` says.
enum SessionFileLocation {
    /// `$XDG_CONFIG_HOME/cognito-session/sessions.json` when `XDG_CONFIG_HOME` is an absolute
    /// path, else `$HOME/.config/cognito-session/sessions.json`. `HOME` is read from the
    /// environment, not the password database, so `HOME=/tmp/x cognito-session ...` is honoured.
    ///
    /// - Throws: ``ToolError`` when neither variable is an absolute path.
    static func defaultURL(environment: [String: String]) throws -> URL {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config, isDirectory: true)
                .appendingPathComponent("cognito-session/sessions.json")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw ToolError(
                "no place for the session file: HOME is not set to an absolute path; "
                    + "set HOME, XDG_CONFIG_HOME or COGNITO_SESSION_FILE, or pass --storage")
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".config/cognito-session/sessions.json")
    }
}
