import CognitoSession
import Foundation

/// Everything a pool keeps that outlives a restart (`cognito-session serve --state`): settings, signing key,
/// clients, users with their verifiers and devices, refresh tokens, revocations, sent messages. Challenge
/// sessions (three minutes), injected faults and the request log are not kept.
struct PoolSnapshot: Codable, Sendable {
    struct Client: Codable, Sendable {
        var id: String, secret: String?, name: String
        var access: TimeInterval, idToken: TimeInterval, refresh: TimeInterval, rotationGrace: TimeInterval?
        var flows: [String], revocation: Bool, preventUserExistenceErrors: Bool
        var lists: [String: [String]], settings: [String: String], units: [String: String], oauthClient: Bool
        var created: Date, lastModified: Date
    }

    struct Device: Codable, Sendable {
        var key: String, groupKey: String, salt: String?, verifier: String?, name: String?, remembered: Bool
        var created: Date, lastModified: Date, lastAuthenticated: Date
    }

    struct User: Codable, Sendable {
        var username: String, sub: String, attributes: [String: String], status: String
        var salt: String, verifier: String, enabled: Bool
        var sms: Bool, totp: Bool, totpSecret: String?, pendingTOTPSecret: String?, preferredMFA: String?
        var devices: [Device], codes: [String: [String: String]], created: Date, lastModified: Date?
    }

    struct Token: Codable, Sendable {
        var username: String, clientId: String, originJTI: String, deviceKey: String?
        var issued: Date, expires: Date, authTime: Date, revoked: Bool, replacedAt: Date?
        /// The scopes of a hosted-UI session (absent from files written before the OAuth2 endpoints).
        var scope: String?
    }

    struct Message: Codable, Sendable {
        var username: String, purpose: String, attribute: String?, medium: String, code: String
    }

    var id: String, name: String, created: Date, lastModified: Date
    var minimumLength: Int, classes: [Bool], temporaryDays: Int
    var usernameAttributes: [String], aliasAttributes: [String], autoVerified: [String]
    var deviceConfiguration: [String: Bool]?
    var deviceTracking: String, mfa: String, requiredAttributes: [String], emailAlias: Bool
    var keyID: String, key: Data
    var clients: [Client], users: [User], tokens: [String: Token], revokedOrigins: [String], messages: [Message]
    /// The domain and resource servers (absent from files written before the OAuth2 endpoints). Authorization
    /// codes live five minutes and are not kept.
    var domain: String?
    var resourceServers: [LocalUserPool.ResourceServer]?
}

extension LocalUserPool {
    func snapshot() throws -> PoolSnapshot {
        let policy = administration.passwordPolicy
        return PoolSnapshot(
            id: userPoolId, name: administration.name, created: administration.created,
            lastModified: administration.lastModified, minimumLength: minimumPasswordLength,
            classes: [policy.requireUppercase, policy.requireLowercase, policy.requireNumbers, policy.requireSymbols],
            temporaryDays: policy.temporaryPasswordValidityDays, usernameAttributes: administration.usernameAttributes,
            aliasAttributes: administration.aliasAttributes, autoVerified: administration.autoVerifiedAttributes,
            deviceConfiguration: administration.deviceConfiguration, deviceTracking: "\(deviceTracking)",
            mfa: "\(mfaConfiguration)", requiredAttributes: requiredAttributes, emailAlias: allowsEmailAlias,
            keyID: signer.keyID, key: Data(try signer.privateKeyDER()),
            clients: clients.values.sorted { $0.created < $1.created }.map(Self.snapshot),
            users: users.values.map(Self.snapshot),
            tokens: refreshTokens.mapValues { record in
                PoolSnapshot.Token(
                    username: record.username, clientId: record.clientId, originJTI: record.originJTI,
                    deviceKey: record.deviceKey, issued: record.issued, expires: record.expires,
                    authTime: record.authTime, revoked: record.revoked, replacedAt: record.replacedAt,
                    scope: record.scope)
            },
            revokedOrigins: revokedOrigins.sorted(), messages: outbox.map(Self.snapshot), domain: oauth2.domain,
            resourceServers: oauth2.resourceServers.values.sorted { $0.identifier < $1.identifier })
    }

    /// A pool as it was when `snapshot` was taken.
    static func restored(_ snapshot: PoolSnapshot, clock: any WallClock, issuer: String?) throws -> LocalUserPool {
        let signer = try RS256Signer(privateKeyDER: Array(snapshot.key), keyID: snapshot.keyID)
        let pool = try LocalUserPool(
            userPoolId: snapshot.id, clock: clock, sleep: { try await Task.sleep(for: $0) },
            issuer: issuer, signer: signer)
        return pool
    }

    func apply(_ snapshot: PoolSnapshot) throws {
        administration.name = snapshot.name
        administration.created = snapshot.created
        administration.lastModified = snapshot.lastModified
        var policy = PasswordPolicy()
        policy.minimumLength = snapshot.minimumLength
        let classes = snapshot.classes + Array(repeating: false, count: max(0, 4 - snapshot.classes.count))
        (policy.requireUppercase, policy.requireLowercase, policy.requireNumbers, policy.requireSymbols) =
            (classes[0], classes[1], classes[2], classes[3])
        policy.temporaryPasswordValidityDays = snapshot.temporaryDays
        setPasswordPolicy(policy)
        administration.usernameAttributes = snapshot.usernameAttributes
        administration.aliasAttributes = snapshot.aliasAttributes
        administration.autoVerifiedAttributes = snapshot.autoVerified
        administration.deviceConfiguration = snapshot.deviceConfiguration
        deviceTracking =
            switch snapshot.deviceTracking {
            case "always": .always
            case "userOptIn": .userOptIn
            default: .off
            }
        mfaConfiguration =
            switch snapshot.mfa {
            case "off": .off
            case "required": .required
            default: .optional
            }
        requiredAttributes = snapshot.requiredAttributes
        allowsEmailAlias = snapshot.emailAlias
        for client in snapshot.clients { clients[client.id] = Self.client(client) }
        for user in snapshot.users { users[user.username] = try Self.user(user) }
        for (token, record) in snapshot.tokens {
            refreshTokens[token] = RefreshTokenRecord(
                username: record.username, clientId: record.clientId, originJTI: record.originJTI,
                deviceKey: record.deviceKey, issued: record.issued, expires: record.expires, authTime: record.authTime,
                revoked: record.revoked, replacedAt: record.replacedAt, scope: record.scope)
        }
        oauth2.domain = snapshot.domain
        for server in snapshot.resourceServers ?? [] { oauth2.resourceServers[server.identifier] = server }
        revokedOrigins = Set(snapshot.revokedOrigins)
        outbox = snapshot.messages.map(Self.message)
    }

    private static func snapshot(_ client: AppClient) -> PoolSnapshot.Client {
        PoolSnapshot.Client(
            id: client.id, secret: client.secret, name: client.name, access: client.accessTokenLifetime,
            idToken: client.idTokenLifetime, refresh: client.refreshTokenLifetime,
            rotationGrace: client.refreshTokenRotationGracePeriod, flows: client.explicitAuthFlows,
            revocation: client.enableTokenRevocation, preventUserExistenceErrors: client.preventUserExistenceErrors,
            lists: client.lists, settings: client.settings, units: client.validityUnits,
            oauthClient: client.allowedOAuthFlowsUserPoolClient, created: client.created,
            lastModified: client.lastModified)
    }

    private static func client(_ saved: PoolSnapshot.Client) -> AppClient {
        var client = AppClient(
            id: saved.id, secret: saved.secret, accessTokenLifetime: saved.access,
            idTokenLifetime: saved.idToken, refreshTokenLifetime: saved.refresh,
            refreshTokenRotationGracePeriod: saved.rotationGrace)
        client.name = saved.name
        client.explicitAuthFlows = saved.flows
        client.enableTokenRevocation = saved.revocation
        client.preventUserExistenceErrors = saved.preventUserExistenceErrors
        client.lists = saved.lists
        client.settings = saved.settings
        client.validityUnits = saved.units
        client.allowedOAuthFlowsUserPoolClient = saved.oauthClient
        client.created = saved.created
        client.lastModified = saved.lastModified
        return client
    }

    private static func snapshot(_ user: LocalUser) -> PoolSnapshot.User {
        PoolSnapshot.User(
            username: user.username, sub: user.sub, attributes: user.attributes, status: wireStatus(user.status),
            salt: user.verifier.salt.hexString, verifier: user.verifier.verifier.hexString, enabled: user.enabled,
            sms: user.smsMFAEnabled, totp: user.totpEnabled, totpSecret: user.totpSecret,
            pendingTOTPSecret: user.pendingTOTPSecret, preferredMFA: user.preferredMFA,
            devices: user.devices.values.map { device in
                PoolSnapshot.Device(
                    key: device.key, groupKey: device.groupKey, salt: device.verifier?.salt.hexString,
                    verifier: device.verifier?.verifier.hexString, name: device.name, remembered: device.remembered,
                    created: device.created, lastModified: device.lastModified,
                    lastAuthenticated: device.lastAuthenticated)
            },
            codes: user.pendingCodes.mapValues {
                ["code": $0.code, "expires": String($0.expires.timeIntervalSince1970)]
            },
            created: user.created, lastModified: user.lastModified)
    }

    private static func user(_ saved: PoolSnapshot.User) throws -> LocalUser {
        let status: UserStatus =
            switch saved.status {
            case "UNCONFIRMED": .unconfirmed
            case "FORCE_CHANGE_PASSWORD": .forceChangePassword
            default: .confirmed
            }
        var user = LocalUser(
            username: saved.username, sub: saved.sub, attributes: saved.attributes, status: status,
            verifier: SRPServer.Verifier(
                salt: try BigNumber(hexadecimal: saved.salt),
                verifier: try BigNumber(hexadecimal: saved.verifier)),
            enabled: saved.enabled, smsMFAEnabled: saved.sms, totpEnabled: saved.totp, totpSecret: saved.totpSecret,
            pendingTOTPSecret: saved.pendingTOTPSecret, preferredMFA: saved.preferredMFA)
        for device in saved.devices {
            var verifier: SRPServer.Verifier?
            if let salt = device.salt, let value = device.verifier {
                verifier = SRPServer.Verifier(
                    salt: try BigNumber(hexadecimal: salt),
                    verifier: try BigNumber(hexadecimal: value))
            }
            user.devices[device.key] = LocalDevice(
                key: device.key, groupKey: device.groupKey, verifier: verifier, name: device.name,
                remembered: device.remembered, created: device.created, lastModified: device.lastModified,
                lastAuthenticated: device.lastAuthenticated)
        }
        for (purpose, code) in saved.codes {
            if let value = code["code"], let expires = code["expires"].flatMap(Double.init) {
                user.pendingCodes[purpose] = (value, Date(timeIntervalSince1970: expires))
            }
        }
        user.created = saved.created
        user.lastModified = saved.lastModified
        return user
    }

    private static func snapshot(_ message: SentMessage) -> PoolSnapshot.Message {
        let (purpose, attribute): (String, String?) =
            switch message.purpose {
            case .signUp: ("signUp", nil)
            case .forgotPassword: ("forgotPassword", nil)
            case .smsMFA: ("smsMFA", nil)
            case .emailOTP: ("emailOTP", nil)
            case .smsOTP: ("smsOTP", nil)
            case .temporaryPassword: ("temporaryPassword", nil)
            case .attributeVerification(let name): ("attributeVerification", name)
            }
        return PoolSnapshot.Message(
            username: message.username, purpose: purpose, attribute: attribute,
            medium: message.medium, code: message.code)
    }

    private static func message(_ saved: PoolSnapshot.Message) -> SentMessage {
        let purpose: SentMessage.Purpose =
            switch saved.purpose {
            case "signUp": .signUp
            case "forgotPassword": .forgotPassword
            case "smsMFA": .smsMFA
            case "emailOTP": .emailOTP
            case "smsOTP": .smsOTP
            case "temporaryPassword": .temporaryPassword
            default: .attributeVerification(saved.attribute ?? "")
            }
        return SentMessage(username: saved.username, purpose: purpose, medium: saved.medium, code: saved.code)
    }
}
