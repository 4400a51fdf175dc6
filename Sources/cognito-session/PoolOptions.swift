import ArgumentParser
import CognitoSession
import Foundation

/// Options every command for a real pool takes; each falls back to an environment variable.
struct PoolOptions: ParsableArguments {
    @Option(help: "The user pool id, <region>_<id> (or COGNITO_USER_POOL_ID).")
    var userPoolId: String?

    @Option(help: "The app client id (or COGNITO_CLIENT_ID).")
    var clientId: String?

    @Option(help: "The app client secret, if the client has one (or COGNITO_CLIENT_SECRET).")
    var clientSecret: String?

    @Option(help: "The service endpoint, e.g. http://127.0.0.1:5000/ for a local emulator (or COGNITO_ENDPOINT).")
    var endpoint: String?

    @Option(help: "The session file (or COGNITO_SESSION_FILE; default: ~/.config/cognito-session/sessions.json).")
    var storage: String?

    struct Missing: Error, CustomStringConvertible {
        let option: String
        let variable: String
        var description: String { "missing --\(option) (or the \(variable) environment variable)" }
    }

    private func value(_ option: String?, _ variable: String) -> String? {
        if let option, !option.isEmpty { return option }
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        return nil
    }

    /// The session file: the option, the environment, or the user's configuration folder.
    var storageURL: URL {
        if let path = value(storage, "COGNITO_SESSION_FILE") { return URL(fileURLWithPath: path) }
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("cognito-session/sessions.json")
    }

    func makePool() throws -> CognitoUserPool {
        guard let poolID = value(userPoolId, "COGNITO_USER_POOL_ID") else {
            throw Missing(option: "user-pool-id", variable: "COGNITO_USER_POOL_ID")
        }
        guard let client = value(clientId, "COGNITO_CLIENT_ID") else {
            throw Missing(option: "client-id", variable: "COGNITO_CLIENT_ID")
        }
        var url: URL?
        if let text = value(endpoint, "COGNITO_ENDPOINT") {
            guard let parsed = URL(string: text) else { throw CognitoConfigurationError.invalidEndpoint }
            url = parsed
        }
        return try CognitoUserPool(
            userPoolId: poolID, clientId: client, clientSecret: value(clientSecret, "COGNITO_CLIENT_SECRET"),
            endpoint: url, storage: FileStorage(fileURL: storageURL), transport: URLSessionTransport())
    }

    /// The user who signed in last, or a clear error.
    func currentUser() async throws -> CognitoUser {
        guard let user = try await makePool().currentUser() else { throw CognitoUserError.notSignedIn }
        return user
    }
}

/// Runs a command body and turns any error into one line on stderr and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Terminal.error("cognito-session: error: \(error)")
        throw ExitCode.failure
    }
}
