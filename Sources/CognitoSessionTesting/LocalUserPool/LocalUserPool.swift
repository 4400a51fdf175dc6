import CognitoSession
import Foundation
import HTTPTypes

/// A faithful in-process Cognito user pool for tests and demos.
///
/// `LocalUserPool` is an `HTTPTransport`: hand it to `CognitoUserPool(..., transport:)` and the
/// library talks to it exactly as it talks to the service — JSON in, JSON out, with the service's
/// exception names and messages. Unlike other emulators it runs the service's side of SRP for real
/// (a wrong password fails the PASSWORD_CLAIM_SIGNATURE check), confirms and remembers devices
/// (DEVICE_SRP_AUTH is checked against the verifier from ConfirmDevice), binds refresh tokens to
/// the device they were issued with, checks SECRET_HASH, signs RS256 tokens, and revokes them.
///
/// ```swift
/// let clock = ManualClock(now: Date())
/// let local = try LocalUserPool(clock: clock)
/// let client = await local.addClient(id: "test-client")
/// try await local.createUser(username: "alice", password: "Correct-Horse-1", attributes: ["email": "a@example.com"])
/// let pool = try CognitoUserPool(userPoolId: local.userPoolId, clientId: client.id, clientSecret: nil,
///                                endpoint: nil, storage: MemoryStorage(), transport: local)
/// clock.advance(by: 3601)   // tokens expire without waiting
/// ```
///
/// Time comes from the injected `WallClock` (share it with the library under test). Faults can
/// be injected per operation (``inject(_:into:count:)``), and ``requests`` logs what arrived —
/// operation, flow or challenge, parameter names, never values.
public actor LocalUserPool: HTTPTransport {
    /// The pool id, `<region>_<id>`.
    public nonisolated let userPoolId: String
    /// The region part of the pool id.
    public nonisolated let region: String
    /// The JSON Web Key Set that verifies the pool's tokens (as `/.well-known/jwks.json`).
    /// After ``rotateSigningKey()`` it holds the new key and the old ones, as Cognito publishes both.
    public nonisolated var jwks: Data { keyRing.jwks }
    /// The token issuer: `https://cognito-idp.<region>.amazonaws.com/<pool id>` unless `init` was given another.
    public nonisolated let issuer: String

    /// Whether devices are remembered.
    public var deviceTracking: DeviceTracking = .off
    /// The pool's MFA setting.
    public var mfaConfiguration: MFAConfiguration = .optional
    /// Attributes a user must have; NEW_PASSWORD_REQUIRED asks for missing ones.
    public var requiredAttributes: [String] = []
    /// Whether users may sign in with their `email` attribute instead of their user name.
    public var allowsEmailAlias = false
    /// Minimum password length (the service's default policy is 8).
    public var minimumPasswordLength = 8
    /// Custom authentication triggers (define / create / verify).
    public var customAuth: CustomAuthTriggers?

    nonisolated let keyRing: SigningKeyRing
    /// The key that signs new tokens.
    nonisolated var signer: RS256Signer { keyRing.current }
    let clock: any WallClock
    let sleep: @Sendable (Duration) async throws -> Void
    var users: [String: LocalUser] = [:]
    var clients: [String: AppClient] = [:]
    var sessions: [String: ChallengeState] = [:]
    var refreshTokens: [String: RefreshTokenRecord] = [:]
    var revokedOrigins: Set<String> = []
    var faults: [String: [Fault]] = [:]
    var log: [LoggedRequest] = []
    var outbox: [SentMessage] = []
    var administration = PoolAdministration()
    var unsignedTokens: [(placeholder: String, claims: [String: AnyEncodable])] = []
    var passwordChecks = PasswordCheckCache()
    var oauth2 = OAuth2State()
    var passkeys = PasskeyStore()

    /// Creates an empty pool.
    ///
    /// - Parameters:
    ///   - userPoolId: `<region>_<id>`; the region names the token issuer.
    ///   - clock: where "now" comes from; advance it to expire tokens and codes.
    ///   - sleep: how injected latency waits (default `Task.sleep`).
    ///   - issuer: the tokens' `iss` (nil: the service's form, `https://cognito-idp.<region>.amazonaws.com/<id>`).
    public init(
        userPoolId: String = "us-east-1_LocalPool1",
        clock: any WallClock = SystemWallClock(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        issuer: String? = nil
    ) throws {
        try self.init(userPoolId: userPoolId, clock: clock, sleep: sleep, issuer: issuer, signer: RS256Signer())
    }

    init(
        userPoolId: String, clock: any WallClock, sleep: @escaping @Sendable (Duration) async throws -> Void,
        issuer: String?, signer: RS256Signer
    ) throws {
        let parts = userPoolId.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw LocalUserPoolError.invalidUserPoolId(userPoolId)
        }
        self.userPoolId = userPoolId
        self.region = String(parts[0])
        self.issuer = issuer ?? "https://cognito-idp.\(parts[0]).amazonaws.com/\(userPoolId)"
        self.clock = clock
        self.sleep = sleep
        self.keyRing = SigningKeyRing(signer)
    }

    var poolName: String { String(userPoolId.split(separator: "_", maxSplits: 1)[1]) }

    // MARK: Administration

    /// Sets whether devices are remembered.
    public func setDeviceTracking(_ tracking: DeviceTracking) { deviceTracking = tracking }
    /// Sets the pool's MFA configuration.
    public func setMFAConfiguration(_ configuration: MFAConfiguration) { mfaConfiguration = configuration }
    /// Sets the attributes every user must have.
    public func setRequiredAttributes(_ names: [String]) { requiredAttributes = names }
    /// Lets users sign in with their `email` attribute.
    public func setAllowsEmailAlias(_ allowed: Bool) { allowsEmailAlias = allowed }
    /// Installs custom-authentication triggers.
    public func setCustomAuth(_ triggers: CustomAuthTriggers?) { customAuth = triggers }

    /// Adds an app client.
    ///
    /// - Parameters:
    ///   - id: the client id (random when nil).
    ///   - generateSecret: whether the client has a secret (then SECRET_HASH is required).
    ///   - accessTokenLifetime: seconds an access token is valid.
    ///   - idTokenLifetime: seconds an ID token is valid.
    ///   - refreshTokenLifetime: seconds a refresh token is valid.
    ///   - refreshTokenRotationGracePeriod: nil for no rotation; otherwise GetTokensFromRefreshToken
    ///     returns a new refresh token and the old one keeps working for this long.
    ///   - allowedOAuthFlows: `code` and/or `implicit`, or `client_credentials` alone (with a secret); not empty
    ///     turns on `AllowedOAuthFlowsUserPoolClient` with the `COGNITO` identity provider.
    ///   - allowedOAuthScopes: standard scopes (`openid`, `email`, ...) and custom `<resource server>/<scope>` ones.
    ///   - callbackURLs: the redirect URIs the authorize endpoint accepts, matched exactly.
    ///   - logoutURLs: the `logout_uri`s the logout endpoint accepts.
    /// - Throws: the service's refusal (`InvalidOAuthFlowException`, ...) when the OAuth settings do not go
    ///   together.
    @discardableResult
    public func addClient(
        id: String? = nil, generateSecret: Bool = false,
        accessTokenLifetime: TimeInterval = 3600, idTokenLifetime: TimeInterval = 3600,
        refreshTokenLifetime: TimeInterval = 30 * 86_400, refreshTokenRotationGracePeriod: TimeInterval? = nil,
        allowedOAuthFlows: [String] = [], allowedOAuthScopes: [String] = [], callbackURLs: [String] = [],
        logoutURLs: [String] = []
    ) throws -> AppClient {
        var client = AppClient(
            id: id ?? Self.randomToken(alphabet: "abcdefghijklmnopqrstuvwxyz0123456789", count: 26),
            secret: generateSecret ? Self.randomToken(alphabet: Self.alphanumerics, count: 51) : nil,
            accessTokenLifetime: accessTokenLifetime, idTokenLifetime: idTokenLifetime,
            refreshTokenLifetime: refreshTokenLifetime, refreshTokenRotationGracePeriod: refreshTokenRotationGracePeriod
        )
        if !allowedOAuthFlows.isEmpty {
            client.allowedOAuthFlowsUserPoolClient = true
            client.lists = [
                "AllowedOAuthFlows": allowedOAuthFlows, "AllowedOAuthScopes": allowedOAuthScopes,
                "CallbackURLs": callbackURLs, "LogoutURLs": logoutURLs,
                "SupportedIdentityProviders": [OAuth2Value.cognitoProvider],
            ]
            try checkOAuthSettings(client)
        }
        clients[client.id] = client
        return client
    }

    /// Creates a user, as AdminCreateUser (``UserStatus/forceChangePassword``) or SignUp would.
    ///
    /// `password` is the user's password, or the temporary one for `.forceChangePassword`.
    /// Returns the user's `sub`.
    @discardableResult
    public func createUser(
        username: String, password: String, attributes: [String: String] = [:], status: UserStatus = .confirmed
    ) throws -> String {
        guard resolveUser(username) == nil else { throw LocalUserPoolError.userExists(username) }
        let sub = UUID().uuidString.lowercased()
        var all = attributes
        all["sub"] = sub
        users[username] = LocalUser(
            username: username, sub: sub, attributes: all, status: status,
            verifier: try makeVerifier(username: username, password: password), created: now())
        return sub
    }

    /// Replaces or adds attributes of a user.
    public func setAttributes(_ attributes: [String: String], forUser username: String) throws {
        try withUser(username) { user in
            for (name, value) in attributes where name != "sub" { user.attributes[name] = value }
        }
    }

    /// The attributes of a user, `sub` included.
    public func attributes(ofUser username: String) throws -> [String: String] {
        guard let name = resolveUser(username), let user = users[name] else {
            throw LocalUserPoolError.userNotFound(username)
        }
        return user.attributes
    }

    /// Enables SMS MFA for a user (the user needs a `phone_number`).
    public func enableSMSMFA(forUser username: String, preferred: Bool = false) throws {
        try withUser(username) { user in
            user.smsMFAEnabled = true
            if preferred { user.preferredMFA = "SMS_MFA" }
        }
    }

    /// Enables TOTP MFA for a user with a known base32 secret (random when nil); returns it, so
    /// the test can compute codes with ``TOTP``.
    @discardableResult
    public func enableTOTPMFA(forUser username: String, secret: String? = nil, preferred: Bool = false) throws -> String
    {
        let secret = secret ?? Self.newTOTPSecret()
        try withUser(username) { user in
            user.totpEnabled = true
            user.totpSecret = secret
            if preferred { user.preferredMFA = "SOFTWARE_TOKEN_MFA" }
        }
        return secret
    }

    /// The TOTP secret a user registered through AssociateSoftwareToken, if any.
    public func totpSecret(forUser username: String) -> String? {
        resolveUser(username).flatMap { users[$0]?.totpSecret ?? users[$0]?.pendingTOTPSecret }
    }

    /// Whether a user has a device with this key, and whether it is remembered.
    public func deviceStatus(forUser username: String, deviceKey: String) -> (confirmed: Bool, remembered: Bool)? {
        guard let name = resolveUser(username), let device = users[name]?.devices[deviceKey] else { return nil }
        return (device.verifier != nil, device.remembered)
    }

    /// Forgets a device server-side, as if an administrator removed it (AdminForgetDevice).
    public func removeDevice(forUser username: String, deviceKey: String) throws {
        try withUser(username) { $0.devices[deviceKey] = nil }
    }

    /// Every message the pool sent, oldest first.
    public var sentMessages: [SentMessage] { outbox }

    /// The newest code sent to `username` for `purpose`.
    public func lastCode(for username: String, purpose: SentMessage.Purpose) -> String? {
        let name = resolveUser(username) ?? username
        return outbox.last { $0.username == name && $0.purpose == purpose }?.code
    }

    /// Every request received so far, oldest first.
    public var requests: [LoggedRequest] { log }

    /// The requests for one operation.
    public func requests(for operation: String) -> [LoggedRequest] { log.filter { $0.operation == operation } }

    /// Forgets the request log.
    public func clearRequestLog() { log.removeAll() }

    /// Injects `fault` into the next `count` requests for `operation` (`"*"` for any operation).
    public func inject(_ fault: Fault, into operation: String, count: Int = 1) {
        faults[operation, default: []].append(contentsOf: Array(repeating: fault, count: count))
    }

    // MARK: HTTPTransport

    /// Answers one AWS JSON 1.1 request as the service would.
    ///
    /// Requests for the domain's OAuth2 paths (`/oauth2/authorize`, `/login`, `/oauth2/token`, `/oauth2/revoke`,
    /// `/oauth2/userInfo`, `/logout`, `/.well-known/openid-configuration`) and for the keys
    /// (`/.well-known/jwks.json`) are answered as the pool's domain
    /// would, whatever the host and any path before them.
    public func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        if request.path != "/", let route = OAuth2Route(request) {
            return try await answerOAuth2(route, request, body: body)
        }
        guard request.method == .post, let operation = request.cognitoOperationName else {
            return errorResponse(ServiceFault(name: "UnknownOperationException", message: "Unknown operation."))
        }
        let object: WireObject
        do {
            object = try WireObject(body: body)
        } catch let fault as ServiceFault {
            return errorResponse(fault)
        }
        record(operation, object)

        // Latency first, then the first failure: a slow answer can also be a refusal.
        let taken = takeFaults(for: operation)
        for case .latency(let duration) in taken { try await sleep(duration) }
        for fault in taken {
            switch fault {
            case .latency: continue
            case .throttle:
                return errorResponse(ServiceFault(name: "TooManyRequestsException", message: "Rate exceeded"))
            case .serverError(let status):
                return errorResponse(
                    ServiceFault(name: "InternalErrorException", message: "Internal error.", status: status))
            case .dropConnection: throw HTTPTransportError.connectionFailed
            case .malformedBody: return (HTTPResponse(status: .ok, headerFields: jsonHeaders()), Data("{\"Auth".utf8))
            }
        }
        do {
            unsignedTokens.removeAll()
            let answer = try handleApplyingClientRules(operation, object)
            let body = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
            return (HTTPResponse(status: .ok, headerFields: jsonHeaders()), try await signingTokens(in: body))
        } catch let fault as ServiceFault {
            unsignedTokens.removeAll()
            return errorResponse(fault)
        }
    }

    func handle(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        switch operation {
        case "InitiateAuth": return try initiateAuth(request)
        case "RespondToAuthChallenge": return try respondToAuthChallenge(request)
        case "GetTokensFromRefreshToken": return try getTokensFromRefreshToken(request)
        case "RevokeToken": return try revokeToken(request)
        case "GlobalSignOut": return try globalSignOut(request)
        case "SignUp": return try signUp(request)
        case "ConfirmSignUp": return try confirmSignUp(request)
        case "ResendConfirmationCode": return try resendConfirmationCode(request)
        case "ForgotPassword": return try forgotPassword(request)
        case "ConfirmForgotPassword": return try confirmForgotPassword(request)
        case "ChangePassword": return try changePassword(request)
        case "GetUser": return try getUser(request)
        case "UpdateUserAttributes": return try updateUserAttributes(request)
        case "DeleteUserAttributes": return try deleteUserAttributes(request)
        case "DeleteUser": return try deleteUser(request)
        case "GetUserAttributeVerificationCode": return try getUserAttributeVerificationCode(request)
        case "VerifyUserAttribute": return try verifyUserAttribute(request)
        case "SetUserMFAPreference": return try setUserMFAPreference(request)
        case "SetUserSettings": return try setUserSettings(request)
        case "AssociateSoftwareToken": return try associateSoftwareToken(request)
        case "VerifySoftwareToken": return try verifySoftwareToken(request)
        case "ConfirmDevice": return try confirmDevice(request)
        case "UpdateDeviceStatus": return try updateDeviceStatus(request)
        case "ForgetDevice": return try forgetDevice(request)
        case "GetDevice": return try getDevice(request)
        case "ListDevices": return try listDevices(request)
        default:
            if let answer = try handlePasskeys(operation, request) { return answer }
            return try handleAdministration(operation, request)
        }
    }

    private func record(_ operation: String, _ request: WireObject) {
        let parameters = (request.fields["AuthParameters"] ?? request.fields["ChallengeResponses"]) as? [String: Any]
        log.append(
            LoggedRequest(
                operation: operation, authFlow: request.fields["AuthFlow"] as? String,
                challengeName: request.fields["ChallengeName"] as? String, fieldNames: request.keys,
                parameterNames: parameters.map { $0.keys.sorted() } ?? []))
    }

    func takeFaults(for operation: String) -> [Fault] {
        var taken: [Fault] = []
        for key in [operation, "*"] {
            if var queue = faults[key], !queue.isEmpty {
                taken.append(queue.removeFirst())
                faults[key] = queue
            }
        }
        return taken
    }

    private func jsonHeaders() -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-amz-json-1.1"
        fields[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        return fields
    }

    private func errorResponse(_ fault: ServiceFault) -> (HTTPResponse, Data) {
        var fields = jsonHeaders()
        fields[HTTPField.Name("x-amzn-ErrorType")!] = "\(fault.name):"
        let body =
            (try? JSONSerialization.data(
                withJSONObject: ["__type": fault.name, "message": fault.message], options: [.sortedKeys])) ?? Data()
        return (HTTPResponse(status: .init(code: fault.status), headerFields: fields), body)
    }

    // MARK: Shared helpers

    func makeVerifier(username: String, password: String) throws -> SRPServer.Verifier {
        let salt = try BigNumber(bigEndian: SecureRandom.bytes(count: 16))
        return try SRPServer.Verifier(poolName: poolName, username: username, password: password, salt: salt)
    }

    /// The canonical user name for a name or (when allowed) an email alias.
    func resolveUser(_ name: String) -> String? {
        if users[name] != nil { return name }
        guard allowsEmailAlias else { return nil }
        return users.values.first { $0.attributes["email"]?.lowercased() == name.lowercased() }?.username
    }

    func withUser(_ name: String, _ body: (inout LocalUser) throws -> Void) throws {
        guard let key = resolveUser(name), var user = users[key] else { throw LocalUserPoolError.userNotFound(name) }
        try body(&user)
        users[key] = user
    }

    func client(_ id: String) throws -> AppClient {
        guard let client = clients[id] else {
            throw ServiceFault.resourceNotFound("User pool client \(id) does not exist.")
        }
        return client
    }
}
