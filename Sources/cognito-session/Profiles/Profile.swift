/// One named profile of the profiles file: where a pool is and how to reach it. Never holds a
/// secret unless the file is private (see ``ProfileFile``).
struct Profile: Sendable, Equatable {
    /// The keys a profile may have, as spelled in config.toml.
    enum Key: String, CaseIterable, Sendable {
        case userPoolId = "user_pool_id"
        case clientId = "client_id"
        case region
        case endpoint
        case domain
        case redirectURI = "redirect_uri"
        case clientSecretEnv = "client_secret_env"
        case clientSecretFile = "client_secret_file"
        case clientSecretPrompt = "client_secret_prompt"
        case clientSecret = "client_secret"
        case storage

        /// What the key means, for `configure`'s prompts and the docs.
        var meaning: String {
            switch self {
            case .userPoolId: "user pool id (<region>_<id>)"
            case .clientId: "app client id"
            case .region: "region (default: from the pool id)"
            case .endpoint: "endpoint URL (default: the region's AWS endpoint)"
            case .domain: "OAuth2 domain URL (optional)"
            case .redirectURI: "OAuth2 redirect URI (optional)"
            case .clientSecretEnv: "environment variable holding the client secret (optional)"
            case .clientSecretFile: "file holding the client secret, chmod 600 (optional)"
            case .clientSecretPrompt: "ask for the client secret at each run (true/false)"
            case .clientSecret: "the client secret itself (only in a chmod 600 file)"
            case .storage: "session file (default: next to config.toml)"
            }
        }
    }

    /// The profile's name, the table it is under.
    let name: String
    /// Its string values (`client_secret_prompt` as `true` or `false`).
    var values: [Key: String] = [:]

    subscript(key: Key) -> String? {
        get { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        set { values[key] = newValue }
    }

    /// Whether the profile asks for the client secret at each run.
    var promptsForSecret: Bool { self[.clientSecretPrompt] == "true" }
}
