import Foundation

extension LocalUserPool {
    /// The operations beyond what the library itself calls: pool and client administration and the
    /// Admin* user operations that test suites use to set pools up (boto3, the AWS SDKs and CLI).
    func handleAdministration(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        switch operation {
        case "DescribeUserPool": return ["UserPool": describePool()]
        case "UpdateUserPool": return try updateUserPool(request)
        case "CreateUserPoolClient": return ["UserPoolClient": try createUserPoolClient(request)]
        case "DescribeUserPoolClient": return ["UserPoolClient": try describeClient(client(request.string("ClientId")))]
        case "UpdateUserPoolClient": return ["UserPoolClient": try updateUserPoolClient(request)]
        case "ListUserPoolClients": return try listUserPoolClients(request)
        case "DeleteUserPoolClient":
            _ = try client(request.string("ClientId"))
            clients[try request.string("ClientId")] = nil
            return [:]
        default:
            if Self.oauth2Operations.contains(operation) { return try handleOAuth2Administration(operation, request) }
            return try handleAdminUsers(operation, request)
        }
    }

    /// Applies the settings of a CreateUserPool request: name, password policy, MFA, devices, aliases,
    /// required attributes. Called once, by ``LocalCognito``, on a fresh pool.
    func configure(fromCreateRequest request: WireObject) throws {
        administration.name = try request.string("PoolName")
        administration.created = now()
        administration.lastModified = now()
        var policy = PasswordPolicy.serviceDefault
        if let given = try request.optionalObject("Policies")?.optionalObject("PasswordPolicy") {
            policy.minimumLength = try given.optionalInt("MinimumLength") ?? 8
            policy.requireUppercase = try given.optionalBool("RequireUppercase") ?? false
            policy.requireLowercase = try given.optionalBool("RequireLowercase") ?? false
            policy.requireNumbers = try given.optionalBool("RequireNumbers") ?? false
            policy.requireSymbols = try given.optionalBool("RequireSymbols") ?? false
            policy.temporaryPasswordValidityDays = try given.optionalInt("TemporaryPasswordValidityDays") ?? 7
            guard (6...99).contains(policy.minimumLength) else {
                throw ServiceFault.invalidParameter("Password policy minimum length must be between 6 and 99.")
            }
        }
        setPasswordPolicy(policy)
        try applySignInPolicy(from: request)
        switch try request.optionalString("MfaConfiguration") ?? "OFF" {
        case "OFF": mfaConfiguration = .off
        case "ON": mfaConfiguration = .required
        case "OPTIONAL": mfaConfiguration = .optional
        case let other: throw ServiceFault.invalidParameter("Invalid MfaConfiguration \(other).")
        }
        if let devices = try request.optionalObject("DeviceConfiguration") {
            let challenge = try devices.optionalBool("ChallengeRequiredOnNewDevice") ?? false
            let prompt = try devices.optionalBool("DeviceOnlyRememberedOnUserPrompt") ?? false
            administration.deviceConfiguration = [
                "ChallengeRequiredOnNewDevice": challenge,
                "DeviceOnlyRememberedOnUserPrompt": prompt,
            ]
            deviceTracking = prompt ? .userOptIn : .always
        }
        administration.usernameAttributes = try request.stringList("UsernameAttributes")
        administration.aliasAttributes = try request.stringList("AliasAttributes")
        administration.autoVerifiedAttributes = try request.stringList("AutoVerifiedAttributes")
        allowsEmailAlias = (administration.usernameAttributes + administration.aliasAttributes).contains("email")
        if let schema = request.fields["Schema"] as? [[String: Any]] {
            requiredAttributes = schema.compactMap { entry in
                entry["Required"] as? Bool == true ? entry["Name"] as? String : nil
            }
        }
        try configurePasskeys(from: request)
    }

    /// The pool as DescribeUserPool, CreateUserPool and ListUserPools show it.
    func describePool() -> [String: Any] {
        let mfa: String =
            switch mfaConfiguration {
            case .off: "OFF"
            case .optional: "OPTIONAL"
            case .required: "ON"
            }
        var pool: [String: Any] = [
            "Id": userPoolId, "Name": administration.name.isEmpty ? poolName : administration.name,
            "Arn": "arn:aws:cognito-idp:\(region):000000000000:userpool/\(userPoolId)",
            "Policies": ["PasswordPolicy": administration.passwordPolicy.wire, "SignInPolicy": signInPolicyWire],
            "MfaConfiguration": mfa,
            "CreationDate": administration.created.timeIntervalSince1970,
            "LastModifiedDate": administration.lastModified.timeIntervalSince1970,
            "EstimatedNumberOfUsers": users.count, "Status": "Enabled",
            "UsernameAttributes": administration.usernameAttributes, "AliasAttributes": administration.aliasAttributes,
            "AutoVerifiedAttributes": administration.autoVerifiedAttributes,
        ]
        if let devices = administration.deviceConfiguration { pool["DeviceConfiguration"] = devices }
        return pool
    }

    /// CreateUserPoolClient; a configuration file may fix the id and the secret.
    func createUserPoolClient(
        _ request: WireObject, fixedID: String? = nil, fixedSecret: String? = nil
    )
        throws -> [String: Any]
    {
        let name = try request.string("ClientName")
        let generate = try request.optionalBool("GenerateSecret") ?? false
        if let fixedID, clients[fixedID] != nil { throw ServiceFault.invalidParameter("Client \(fixedID) exists.") }
        var client = AppClient(
            id: fixedID ?? Self.randomToken(alphabet: "abcdefghijklmnopqrstuvwxyz0123456789", count: 26),
            secret: generate ? (fixedSecret ?? Self.randomToken(alphabet: Self.alphanumerics, count: 51)) : nil,
            accessTokenLifetime: 3600, idTokenLifetime: 3600, refreshTokenLifetime: 30 * 86_400,
            refreshTokenRotationGracePeriod: nil)
        client.name = name
        client.explicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        client.created = now()
        try apply(request, to: &client)
        clients[client.id] = client
        return describeClient(client)
    }

    private func updateUserPoolClient(_ request: WireObject) throws -> [String: Any] {
        var client = try client(request.string("ClientId"))
        // UpdateUserPoolClient resets what the request leaves out, as the service does.
        client.explicitAuthFlows = []
        client.lists = [:]
        client.settings = [:]
        client.allowedOAuthFlowsUserPoolClient = false
        client.refreshTokenRotationGracePeriod = nil
        client.validityUnits = [:]
        client.accessTokenLifetime = 3600
        client.idTokenLifetime = 3600
        client.refreshTokenLifetime = 30 * 86_400
        if let name = try request.optionalString("ClientName") { client.name = name }
        try apply(request, to: &client)
        clients[client.id] = client
        return describeClient(client)
    }

    /// The settings CreateUserPoolClient and UpdateUserPoolClient share.
    private func apply(_ request: WireObject, to client: inout AppClient) throws {
        let units = try request.stringMap("TokenValidityUnits")
        client.validityUnits = units
        if let access = try request.optionalInt("AccessTokenValidity") {
            client.accessTokenLifetime = try Self.validity(
                access, unit: units["AccessToken"] ?? "hours",
                range: 300...86_400, name: "AccessTokenValidity")
        }
        if let id = try request.optionalInt("IdTokenValidity") {
            client.idTokenLifetime = try Self.validity(
                id, unit: units["IdToken"] ?? "hours",
                range: 300...86_400, name: "IdTokenValidity")
        }
        if let refresh = try request.optionalInt("RefreshTokenValidity") {
            client.refreshTokenLifetime = try Self.validity(
                refresh, unit: units["RefreshToken"] ?? "days",
                range: 3600...(3650 * 86_400), name: "RefreshTokenValidity")
        }
        if request.fields["ExplicitAuthFlows"] != nil {
            client.explicitAuthFlows = try request.stringList("ExplicitAuthFlows")
        }
        client.enableTokenRevocation = try request.optionalBool("EnableTokenRevocation") ?? true
        switch try request.optionalString("PreventUserExistenceErrors") ?? "LEGACY" {
        case "ENABLED": client.preventUserExistenceErrors = true
        case "LEGACY": client.preventUserExistenceErrors = false
        case let other: throw ServiceFault.invalidParameter("Invalid PreventUserExistenceErrors \(other).")
        }
        if let rotation = try request.optionalObject("RefreshTokenRotation") {
            let grace = try rotation.optionalInt("RetryGracePeriodSeconds") ?? 0
            guard (0...60).contains(grace) else {
                throw ServiceFault.invalidParameter("RetryGracePeriodSeconds must be between 0 and 60.")
            }
            client.refreshTokenRotationGracePeriod =
                try rotation.optionalString("Feature") == "ENABLED"
                ? TimeInterval(grace) : nil
        }
        for key in Self.clientListKeys where request.fields[key] != nil {
            client.lists[key] = try request.stringList(key)
        }
        for key in ["DefaultRedirectURI", "AuthSessionValidity"] {
            if let value = request.fields[key] { client.settings[key] = "\(value)" }
        }
        client.allowedOAuthFlowsUserPoolClient = try request.optionalBool("AllowedOAuthFlowsUserPoolClient") ?? false
        try checkOAuthSettings(client)
        client.lastModified = now()
    }

    static let clientListKeys = [
        "CallbackURLs", "LogoutURLs", "AllowedOAuthFlows", "AllowedOAuthScopes",
        "SupportedIdentityProviders", "ReadAttributes", "WriteAttributes",
    ]

    private static func validity(
        _ value: Int, unit: String, range: ClosedRange<Int>, name: String
    )
        throws -> TimeInterval
    {
        let scale: Int
        switch unit {
        case "seconds": scale = 1
        case "minutes": scale = 60
        case "hours": scale = 3600
        case "days": scale = 86_400
        default: throw ServiceFault.invalidParameter("Invalid time unit \(unit) for \(name).")
        }
        let seconds = value.multipliedReportingOverflow(by: scale)
        guard !seconds.overflow, range.contains(seconds.partialValue) else {
            throw ServiceFault.invalidParameter("\(name) is out of range.")
        }
        return TimeInterval(seconds.partialValue)
    }

    private static func seconds(_ lifetime: TimeInterval, unit: String) -> Int {
        switch unit {
        case "minutes": Int(lifetime / 60)
        case "hours": Int(lifetime / 3600)
        case "days": Int(lifetime / 86_400)
        default: Int(lifetime)
        }
    }

    /// A client as DescribeUserPoolClient shows it (the secret included, as the service does).
    func describeClient(_ client: AppClient) -> [String: Any] {
        let units = Self.displayUnits(client)
        var out: [String: Any] = [
            "UserPoolId": userPoolId, "ClientId": client.id, "ClientName": client.name,
            "CreationDate": client.created.timeIntervalSince1970,
            "LastModifiedDate": client.lastModified.timeIntervalSince1970,
            "AccessTokenValidity": Self.seconds(client.accessTokenLifetime, unit: units.access),
            "IdTokenValidity": Self.seconds(client.idTokenLifetime, unit: units.id),
            "RefreshTokenValidity": Self.seconds(client.refreshTokenLifetime, unit: units.refresh),
            "TokenValidityUnits": ["AccessToken": units.access, "IdToken": units.id, "RefreshToken": units.refresh],
            "ExplicitAuthFlows": client.explicitAuthFlows, "EnableTokenRevocation": client.enableTokenRevocation,
            "PreventUserExistenceErrors": client.preventUserExistenceErrors ? "ENABLED" : "LEGACY",
            "AllowedOAuthFlowsUserPoolClient": client.allowedOAuthFlowsUserPoolClient,
        ]
        if let secret = client.secret { out["ClientSecret"] = secret }
        if let grace = client.refreshTokenRotationGracePeriod {
            out["RefreshTokenRotation"] = ["Feature": "ENABLED", "RetryGracePeriodSeconds": Int(grace)]
        } else {
            out["RefreshTokenRotation"] = ["Feature": "DISABLED"]
        }
        for (key, list) in client.lists { out[key] = list }
        for (key, value) in client.settings { out[key] = Int(value).map { $0 as Any } ?? value }
        return out
    }

    /// The units the client was made with (the service's defaults otherwise), or the largest unit that shows
    /// a lifetime exactly.
    private static func displayUnits(_ client: AppClient) -> (access: String, id: String, refresh: String) {
        func unit(_ lifetime: TimeInterval, _ key: String, _ standard: String) -> String {
            let seconds = Int(lifetime)
            let given = client.validityUnits[key] ?? standard
            if seconds % Self.unitSeconds(given) == 0 { return given }
            if seconds % 86_400 == 0 { return "days" }
            if seconds % 3600 == 0 { return "hours" }
            if seconds % 60 == 0 { return "minutes" }
            return "seconds"
        }
        return (
            unit(client.accessTokenLifetime, "AccessToken", "hours"),
            unit(client.idTokenLifetime, "IdToken", "hours"),
            unit(client.refreshTokenLifetime, "RefreshToken", "days")
        )
    }

    private static func unitSeconds(_ unit: String) -> Int {
        switch unit {
        case "minutes": 60
        case "hours": 3600
        case "days": 86_400
        default: 1
        }
    }

    private func listUserPoolClients(_ request: WireObject) throws -> [String: Any] {
        let limit = min(max(try request.optionalInt("MaxResults") ?? 60, 1), 60)
        let start = Int(try request.optionalString("NextToken") ?? "0") ?? -1
        let all = clients.values.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
        guard start >= 0, start <= all.count else { throw ServiceFault.invalidParameter("Invalid NextToken.") }
        let page = all[start..<min(start + limit, all.count)]
        var result: [String: Any] = [
            "UserPoolClients": page.map {
                ["ClientId": $0.id, "ClientName": $0.name, "UserPoolId": userPoolId]
            }
        ]
        if start + limit < all.count { result["NextToken"] = String(start + limit) }
        return result
    }

    /// Whether this pool has an app client with that id (``LocalCognito`` routes by it).
    func hasClient(_ id: String) -> Bool { clients[id] != nil }
}
