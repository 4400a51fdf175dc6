import Foundation

extension LocalUserPool {
    func handleAdminUsers(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        switch operation {
        case "AdminCreateUser": return try adminCreateUser(request)
        case "AdminSetUserPassword": return try adminSetUserPassword(request)
        case "AdminConfirmSignUp":
            try withAdminUser(request) { user in
                guard user.status == .unconfirmed else {
                    throw ServiceFault.notAuthorized("User cannot be confirmed. Current status is CONFIRMED")
                }
                user.status = .confirmed
            }
            return [:]
        case "AdminGetUser": return try adminGetUser(request)
        case "AdminDeleteUser":
            let user = try adminUser(request)
            users[user.username] = nil
            revokeEverything(of: user.username)
            return [:]
        case "AdminDisableUser":
            try withAdminUser(request) { $0.enabled = false }
            return [:]
        case "AdminEnableUser":
            try withAdminUser(request) { $0.enabled = true }
            return [:]
        case "AdminUpdateUserAttributes":
            let attributes = try request.attributes("UserAttributes")
            guard attributes["sub"] == nil else { throw ServiceFault.immutableSub }
            try withAdminUser(request) { user in
                for (name, value) in attributes { user.attributes[name] = value }
                user.lastModified = now()
            }
            return [:]
        case "ListUsers": return try listUsers(request)
        default: return try handleAdminAuth(operation, request)
        }
    }

    /// The user an Admin operation names by `Username` (a name or, when allowed, an alias).
    func adminUser(_ request: WireObject) throws -> LocalUser {
        guard let name = resolveUser(try request.string("Username")), let user = users[name] else {
            throw ServiceFault.userNotFound
        }
        return user
    }

    private func withAdminUser(_ request: WireObject, _ body: (inout LocalUser) throws -> Void) throws {
        var user = try adminUser(request)
        try body(&user)
        users[user.username] = user
    }

    func revokeEverything(of username: String) {
        for (token, record) in refreshTokens where record.username == username {
            refreshTokens[token]?.revoked = true
            revokedOrigins.insert(record.originJTI)
        }
    }

    private func adminCreateUser(_ request: WireObject) throws -> [String: Any] {
        let username = try request.string("Username")
        let attributes = try request.attributes("UserAttributes")
        guard attributes["sub"] == nil else { throw ServiceFault.immutableSub }
        let action = try request.optionalString("MessageAction")
        if action == "RESEND" {
            guard let name = resolveUser(username), let user = users[name] else { throw ServiceFault.userNotFound }
            return ["User": wireUser(user)]
        }
        guard resolveUser(username) == nil else {
            throw ServiceFault(name: "UsernameExistsException", message: "User account already exists")
        }
        let temporary: String
        if let given = try request.optionalString("TemporaryPassword") {
            try checkPasswordPolicy(given)
            temporary = given
        } else {
            temporary = Self.randomToken(alphabet: Self.alphanumerics, count: 10) + "a1A!"
        }
        try createUser(username: username, password: temporary, attributes: attributes, status: .forceChangePassword)
        if action != "SUPPRESS" {
            outbox.append(
                SentMessage(
                    username: username, purpose: .temporaryPassword,
                    medium: attributes["email"] == nil ? "SMS" : "EMAIL", code: temporary))
        }
        return ["User": wireUser(try users[username].orThrow())]
    }

    private func adminSetUserPassword(_ request: WireObject) throws -> [String: Any] {
        let password = try request.string("Password")
        let permanent = try request.optionalBool("Permanent") ?? false
        var user = try adminUser(request)
        try checkPasswordPolicy(password)
        user.verifier = try makeVerifier(username: user.username, password: password)
        if permanent {
            user.status = .confirmed
        } else if user.status != .unconfirmed {
            user.status = .forceChangePassword
        }
        user.lastModified = now()
        users[user.username] = user
        return [:]
    }

    private func adminGetUser(_ request: WireObject) throws -> [String: Any] {
        let user = try adminUser(request)
        var result = wireUser(user)
        result["UserAttributes"] = result["Attributes"]
        result["Attributes"] = nil
        addMFASettings(of: user, to: &result)
        return result
    }

    /// A user as ListUsers and AdminCreateUser show it.
    func wireUser(_ user: LocalUser, attributesToGet: [String]? = nil) -> [String: Any] {
        var attributes = user.attributes
        if let names = attributesToGet { attributes = attributes.filter { names.contains($0.key) } }
        return [
            "Username": user.username, "Attributes": wireAttributes(attributes), "Enabled": user.enabled,
            "UserStatus": Self.wireStatus(user.status),
            "UserCreateDate": user.created.timeIntervalSince1970,
            "UserLastModifiedDate": (user.lastModified ?? user.created).timeIntervalSince1970,
        ]
    }

    static func wireStatus(_ status: UserStatus) -> String {
        switch status {
        case .confirmed: "CONFIRMED"
        case .unconfirmed: "UNCONFIRMED"
        case .forceChangePassword: "FORCE_CHANGE_PASSWORD"
        }
    }

    private func listUsers(_ request: WireObject) throws -> [String: Any] {
        let limit = try request.optionalInt("Limit") ?? 60
        guard (0...60).contains(limit) else { throw ServiceFault.invalidParameter("Limit must be between 0 and 60.") }
        let start = Int(try request.optionalString("PaginationToken") ?? "0") ?? -1
        let filter = try UserFilter(try request.optionalString("Filter"))
        let names = request.fields["AttributesToGet"] == nil ? nil : try request.stringList("AttributesToGet")
        let matching = users.values.filter { filter.matches($0) }
            .sorted { ($0.created, $0.username) < ($1.created, $1.username) }
        guard start >= 0, start <= matching.count else {
            throw ServiceFault.invalidParameter("Invalid pagination token.")
        }
        let page = matching[start..<min(start + max(limit, 1), matching.count)]
        var result: [String: Any] = ["Users": page.map { wireUser($0, attributesToGet: names) }]
        if start + page.count < matching.count { result["PaginationToken"] = String(start + page.count) }
        return result
    }
}

extension ServiceFault {
    static let immutableSub = invalidParameter("Cannot modify an immutable attribute: sub")
}

/// ListUsers' `Filter`: `name = "value"` or `name ^= "value"` on one of the attributes the service allows.
struct UserFilter {
    private static let names: Set<String> = [
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    ]
    private let attribute: String?
    private let prefix: Bool
    private let value: String

    init(_ text: String?) throws {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            attribute = nil
            prefix = false
            value = ""
            return
        }
        let pattern = #"^\s*([a-z_:]+)\s*(\^?=)\s*"(.*)"\s*$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }),
            let operation = Range(match.range(at: 2), in: text).map({ String(text[$0]) }),
            let value = Range(match.range(at: 3), in: text).map({ String(text[$0]) }),
            Self.names.contains(name)
        else { throw ServiceFault.invalidParameter("Invalid search filter: \(text.prefix(100))") }
        attribute = name
        prefix = operation == "^="
        self.value = value
    }

    func matches(_ user: LocalUser) -> Bool {
        guard let attribute else { return true }
        let actual: String? =
            switch attribute {
            case "username": user.username
            case "cognito:user_status": LocalUserPool.wireStatus(user.status)
            case "status": user.enabled ? "Enabled" : "Disabled"
            default: user.attributes[attribute]
            }
        guard let actual else { return false }
        return prefix ? actual.hasPrefix(value) : actual == value
    }
}
