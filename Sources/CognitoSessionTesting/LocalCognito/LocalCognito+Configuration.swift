import Foundation

extension LocalCognito {
    /// A configuration that could not be loaded: what is wrong, and where.
    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, and where.
        public let description: String
    }

    /// Creates the pools, app clients and users a configuration file describes (the schema is in
    /// CognitoSession.docc/Testing.md):
    /// `{"UserPools": [{<CreateUserPool members>, "Id"?, "Domain"?,`
    /// `"ResourceServers": [{<CreateResourceServer members>}],`
    /// `"Clients": [{<CreateUserPoolClient members>, "ClientId"?, "ClientSecret"?}],`
    /// `"Users": [{"Username", "Password", "Attributes"?, "Status"?}]}]}`.
    ///
    /// Returns the ids of the pools created.
    @discardableResult
    public func load(configuration data: Data) async throws -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigurationError(description: "the configuration is not a JSON object")
        }
        guard let list = root["UserPools"] as? [[String: Any]] else {
            throw ConfigurationError(description: "the configuration needs \"UserPools\": a list of objects")
        }
        var created: [String] = []
        for (index, entry) in list.enumerated() {
            let place = "UserPools[\(index)]"
            guard let name = entry["PoolName"] as? String, !name.isEmpty else {
                throw ConfigurationError(description: "\(place) needs a PoolName")
            }
            let id = entry["Id"] as? String
            let pool: LocalUserPool
            do {
                pool = try await addPool(id: id, name: name)
                try await pool.configure(fromCreateRequestJSON: try JSONSerialization.data(withJSONObject: entry))
            } catch let fault as ServiceFault {
                throw ConfigurationError(description: "\(place): \(fault.name): \(fault.message)")
            } catch {
                throw ConfigurationError(description: "\(place): \(error)")
            }
            do {
                try await configureDomain(of: pool, entry)
            } catch let fault as ServiceFault {
                throw ConfigurationError(description: "\(place): \(fault.name): \(fault.message)")
            }
            for (clientIndex, client) in (entry["Clients"] as? [[String: Any]] ?? []).enumerated() {
                do {
                    _ = try await pool.createClient(
                        fromJSON: try JSONSerialization.data(withJSONObject: client),
                        fixedID: client["ClientId"] as? String, fixedSecret: client["ClientSecret"] as? String)
                } catch let fault as ServiceFault {
                    throw ConfigurationError(description: "\(place).Clients[\(clientIndex)]: \(fault.message)")
                }
            }
            for (userIndex, user) in (entry["Users"] as? [[String: Any]] ?? []).enumerated() {
                guard let username = user["Username"] as? String, let password = user["Password"] as? String else {
                    throw ConfigurationError(description: "\(place).Users[\(userIndex)] needs Username and Password")
                }
                let status: LocalUserPool.UserStatus =
                    switch user["Status"] as? String ?? "CONFIRMED" {
                    case "UNCONFIRMED": .unconfirmed
                    case "FORCE_CHANGE_PASSWORD": .forceChangePassword
                    default: .confirmed
                    }
                try await pool.createUser(
                    username: username, password: password,
                    attributes: user["Attributes"] as? [String: String] ?? [:], status: status)
            }
            created.append(pool.userPoolId)
        }
        return created
    }

    /// `Domain` (CreateUserPoolDomain) and `ResourceServers` (CreateResourceServer) of a configured pool, made
    /// before its clients, whose scopes may name them.
    private func configureDomain(of pool: LocalUserPool, _ entry: [String: Any]) async throws {
        if let domain = entry["Domain"] {
            guard let domain = domain as? String else { throw ServiceFault.invalidParameter("Domain must be a string") }
            for other in allPools where await other.domain == domain {
                throw ServiceFault.invalidParameter("Domain \(domain) is another pool's.")
            }
            try await pool.setDomain(domain)
        }
        guard let servers = entry["ResourceServers"] else { return }
        guard let list = servers as? [[String: Any]] else {
            throw ServiceFault.invalidParameter("ResourceServers must be a list of objects")
        }
        for server in list {
            var request = server
            request["UserPoolId"] = pool.userPoolId
            try await pool.createResourceServer(fromJSON: try JSONSerialization.data(withJSONObject: request))
        }
    }
}
