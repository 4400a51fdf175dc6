import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session whoami`: the signed-in user's claims.
struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who is signed in: claims and expiry.")

    @OptionGroup var pool: PoolOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let (user, session) = try await pool.currentSession(self.user.username)
        let access = session.accessToken
        let id = session.idToken
        if output.json {
            var object: [String: Any] = [
                "username": user.username, "sub": id.sub ?? NSNull(), "email": id.email ?? NSNull(),
                "groups": access.groups, "device": access.deviceKey ?? NSNull(), "client": access.clientId ?? NSNull(),
                "expiresAt": TimeText.iso(access.expiration),
                "expiresIn": max(0, Int(access.expiration.timeIntervalSinceNow.rounded(.down))),
                "clockDrift": session.clockDrift,
            ]
            object["claims"] = id.payload.mapValues(\.foundationObject)
            try JSONOutput.write(object)
            return
        }
        Terminal.output("user:        \(user.username)")
        Terminal.output("sub:         \(id.sub ?? "-")")
        if let email = id.email { Terminal.output("email:       \(email)") }
        if !access.groups.isEmpty { Terminal.output("groups:      \(access.groups.joined(separator: ", "))") }
        if let device = access.deviceKey { Terminal.output("device:      \(device)") }
        Terminal.output("client:      \(access.clientId ?? "-")")
        Terminal.output("expires:     \(TimeText.local(access.expiration)) (\(TimeText.expiry(access.expiration)))")
        if session.clockDrift != 0 { Terminal.output("clock drift: \(session.clockDrift) s") }
        Terminal.output("ID token claims:")
        for (name, value) in id.payload.sorted(by: { $0.key < $1.key }) {
            Terminal.output("  \(name): \(Self.show(name, value))")
        }
    }

    /// A claim for people: times as local times, numbers without a trailing `.0`.
    private static func show(_ name: String, _ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number) where ["exp", "iat", "auth_time"].contains(name):
            TimeText.local(Date(timeIntervalSince1970: number))
        case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array(let items): "[" + items.map { show("", $0) }.joined(separator: ", ") + "]"
        case .object: "{…}"
        }
    }
}

extension JSONValue {
    /// The value as JSONSerialization takes it.
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let flag): flag
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? Int(number) as Any : number
        case .string(let text): text
        case .array(let items): items.map(\.foundationObject)
        case .object(let members): members.mapValues(\.foundationObject)
        }
    }
}
