import CognitoSession
import Foundation
import HTTPTypes

/// Many ``LocalUserPool``s behind one Cognito endpoint: what `cognito-session serve` puts on HTTP, and an
/// `HTTPTransport` a Swift test can use in-process the same way.
///
/// It answers CreateUserPool, ListUserPools and DeleteUserPool itself and routes every other operation
/// to its pool: by `UserPoolId`, else by `ClientId`, else by the issuer of the `AccessToken`. Each pool
/// then applies its own rules (SRP, devices, SECRET_HASH, rotation, revocation) exactly as in-process.
///
/// ```swift
/// let cognito = LocalCognito()
/// let pool = try await cognito.addPool(name: "tests")
/// let client = try await pool.addClient(id: "app")
/// let library = try CognitoUserPool(userPoolId: pool.userPoolId, clientId: client.id, clientSecret: nil,
///                                   endpoint: nil, storage: MemoryStorage(), transport: cognito)
/// ```
public actor LocalCognito: HTTPTransport {
    /// One request as the registry saw it: names and statuses only, never values.
    public struct Exchange: Sendable, Equatable {
        /// The operation, e.g. `InitiateAuth` (empty when the target was not a Cognito one).
        public let operation: String
        /// The HTTP status answered.
        public let status: Int
        /// The exception name, for a refusal.
        public let errorType: String?
        /// The pool the request went to, when one was found.
        public let userPoolId: String?
    }

    /// The region of pools made without a signed request (`--region`).
    public nonisolated let defaultRegion: String
    /// The clock every pool reads.
    public nonisolated let clock: any WallClock
    private var issuerBase: String?
    private var serverBase: String?
    private var pools: [String: LocalUserPool] = [:]
    private var order: [String] = []
    private var clientIndex: [String: String] = [:]
    private var faults: [String: [LocalUserPool.Fault]] = [:]
    private var log: [Exchange] = []
    private var changeCount = 0

    /// Creates an endpoint with no pools.
    ///
    /// - Parameters:
    ///   - defaultRegion: the region of a pool made by an unsigned CreateUserPool.
    ///   - clock: shared by every pool; move it to expire tokens and codes.
    ///   - issuerBase: when set (`http://127.0.0.1:9229`), tokens' `iss` is `<issuerBase>/<pool id>`, so verifiers
    ///     fetch the keys from this endpoint; nil gives the service's
    ///     `https://cognito-idp.<region>.amazonaws.com/<id>`.
    public init(
        defaultRegion: String = "us-east-1", clock: any WallClock = SystemWallClock(), issuerBase: String? = nil
    ) {
        self.defaultRegion = defaultRegion
        self.clock = clock
        self.issuerBase = issuerBase
    }

    /// Sets the issuer base of pools made from now on (see ``init(defaultRegion:clock:issuerBase:)``).
    public func setIssuerBase(_ base: String?) { issuerBase = base }

    /// Adds a pool, as CreateUserPool would (but with the in-process defaults of ``LocalUserPool``).
    ///
    /// - Parameters:
    ///   - id: `<region>_<id>`; a fresh `<region>_<9 characters>` when nil.
    ///   - region: the region of a fresh id (``defaultRegion`` when nil).
    ///   - name: the pool's name.
    @discardableResult
    public func addPool(id: String? = nil, region: String? = nil, name: String = "") async throws -> LocalUserPool {
        let suffix = LocalUserPool.randomToken(alphabet: LocalUserPool.alphanumerics, count: 9)
        let poolId = id ?? "\(region ?? defaultRegion)_\(suffix)"
        guard pools[poolId] == nil else { throw LocalUserPoolError.userExists(poolId) }
        let pool = try LocalUserPool(userPoolId: poolId, clock: clock, issuer: issuer(for: poolId))
        await pool.setName(name)
        await register(pool)
        return pool
    }

    func issuer(for poolId: String) -> String? { issuerBase.map { "\($0)/\(poolId)" } }

    /// Tells every pool, now and later, where a server puts this registry (`http://127.0.0.1:PORT`), so their
    /// domains are `<serverBase>/<domain>` (see ``LocalUserPool/domainURL``).
    public func setServerBase(_ base: String?) async {
        serverBase = base
        for pool in pools.values { await pool.setServerBase(base) }
    }

    /// The pool whose domain a request is for: the host `<prefix>.auth.<region>.amazoncognito.com` or a custom
    /// domain, else the first path segment (`/<prefix>/oauth2/token`, as `cognito-session serve` routes it).
    public func domainPool(for request: HTTPRequest) async -> LocalUserPool? {
        let host = (request.authority ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        let first = (request.path ?? "").split(separator: "/").first.map { String($0.prefix { $0 != "?" }) }
        var candidates: [String] = []
        if host.hasSuffix(".amazoncognito.com"), let prefix = host.split(separator: ".").first {
            candidates.append(String(prefix))
        } else if host.contains("."), !host.allSatisfy({ $0.isNumber || $0 == "." }) {
            candidates.append(host)  // a custom domain; never a bare name or an IPv4 address
        }
        if let first, !first.isEmpty { candidates.append(first) }
        for id in order {
            if let pool = pools[id], let domain = await pool.domain, candidates.contains(domain) { return pool }
        }
        return nil
    }

    func register(_ pool: LocalUserPool) async {
        await pool.setServerBase(serverBase)
        pools[pool.userPoolId] = pool
        order.append(pool.userPoolId)
        changeCount += 1
    }

    /// The pool with this id.
    public func pool(id: String) -> LocalUserPool? { pools[id] }

    /// Every pool, oldest first.
    public var allPools: [LocalUserPool] { order.compactMap { pools[$0] } }

    /// Injects `fault` into the next `count` requests for `operation` (`"*"` for any), whatever their pool.
    public func inject(_ fault: LocalUserPool.Fault, into operation: String, count: Int = 1) {
        faults[operation, default: []].append(contentsOf: Array(repeating: fault, count: count))
    }

    /// Forgets the injected faults that have not fired yet.
    public func clearFaults() { faults.removeAll() }

    /// Every request so far, oldest first.
    public var requests: [Exchange] { log }

    /// Forgets the request log.
    public func clearRequestLog() { log.removeAll() }

    /// A number that grows whenever a request may have changed a pool (for `cognito-session serve --state`).
    public var generation: Int { changeCount }

    // MARK: HTTPTransport

    /// Answers one AWS JSON 1.1 request as the service would; throws `HTTPTransportError.connectionFailed` when
    /// an injected fault drops the connection.
    ///
    /// A request for a pool domain's OAuth2 paths (see ``domainPool(for:)``) goes to that pool.
    public func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        if request.path?.hasPrefix("/?") == false, request.path != "/", let pool = await domainPool(for: request) {
            let route = OAuth2Route(request)
            let answer =
                if let route {
                    try await pool.answerOAuth2(
                        route, request, body: body, faults: popFaults(for: String(route.endpointPath)))
                } else {
                    try await pool.send(request, body: body)
                }
            if request.method == .post { changeCount += 1 }
            let path = (request.path ?? "").prefix { $0 != "?" }
            log.append(
                Exchange(
                    operation: "\(request.method.rawValue) \(path)", status: answer.0.status.code, errorType: nil,
                    userPoolId: pool.userPoolId))
            return answer
        }
        let operation = request.cognitoOperationName ?? ""
        var poolId: String?
        let answer: (HTTPResponse, Data)
        do {
            guard request.method == .post, Self.operations.contains(operation) else {
                throw ServiceFault(
                    name: "UnknownOperationException",
                    message: operation.isEmpty ? "Unknown operation." : "Unknown operation \(operation).")
            }
            let object = try WireObject(body: body)
            if let fault = try await takeFaults(for: operation) {
                answer = fault
            } else {
                let routed = try await route(operation, object, request: request, body: body)
                poolId = routed.poolId
                answer = routed.answer
            }
        } catch let fault as ServiceFault {
            answer = fault.response()
        }
        if !Self.isReadOnly(operation) { changeCount += 1 }
        let errorType = answer.0.headerFields[HTTPField.Name("x-amzn-ErrorType")!]
            .map { String($0.prefix { $0 != ":" }) }
        log.append(
            Exchange(
                operation: operation, status: answer.0.status.code, errorType: errorType,
                userPoolId: poolId))
        return answer
    }

    private func route(
        _ operation: String, _ object: WireObject, request: HTTPRequest, body: Data
    )
        async throws -> (answer: (HTTPResponse, Data), poolId: String?)
    {
        switch operation {
        case "CreateUserPool":
            let pool = try await createUserPool(object, request: request, body: body)
            let described = try JSONSerialization.jsonObject(with: try await pool.describeJSON())
            return (Self.ok(["UserPool": described]), pool.userPoolId)
        case "ListUserPools":
            guard let limit = try object.optionalInt("MaxResults") else { throw ServiceFault.missing("maxResults") }
            guard (1...60).contains(limit) else { throw ServiceFault.invalidParameter("MaxResults must be 1 to 60.") }
            let start = Int(try object.optionalString("NextToken") ?? "0") ?? -1
            guard start >= 0, start <= order.count else { throw ServiceFault.invalidParameter("Invalid NextToken.") }
            var listed: [Data] = []
            for id in order[start..<min(start + limit, order.count)] {
                if let pool = pools[id] { listed.append(try await pool.summaryJSON()) }
            }
            var result: [String: Any] = ["UserPools": try listed.map { try JSONSerialization.jsonObject(with: $0) }]
            if start + limit < order.count { result["NextToken"] = String(start + limit) }
            return (Self.ok(result), nil)
        case "DescribeUserPoolDomain":
            let domain = try object.string("Domain")
            for id in order {
                if let pool = pools[id], await pool.domain == domain {
                    return (try await pool.send(request, body: body), id)
                }
            }
            return (Self.ok(["DomainDescription": [String: Any]()]), nil)
        case "CreateUserPoolDomain":
            let domain = try object.string("Domain")
            for id in order {
                if let pool = pools[id], await pool.domain == domain {
                    throw ServiceFault.invalidParameter("Domain already associated with another user pool.")
                }
            }
            let pool = try await findPool(operation, object)
            return (try await pool.send(request, body: body), pool.userPoolId)
        case "DeleteUserPool":
            let id = try object.string("UserPoolId")
            guard pools.removeValue(forKey: id) != nil else { throw Self.noPool(id) }
            order.removeAll { $0 == id }
            clientIndex = clientIndex.filter { $0.value != id }
            return (Self.ok([:]), id)
        default:
            let pool = try await findPool(operation, object)
            return (try await pool.send(request, body: body), pool.userPoolId)
        }
    }

    private func createUserPool(_ object: WireObject, request: HTTPRequest, body: Data) async throws -> LocalUserPool {
        _ = try object.string("PoolName")
        let signed = request.headerFields[.authorization].flatMap(Self.signingRegion)
        let pool = try await addPool(region: signed ?? defaultRegion)
        do {
            try await pool.configure(fromCreateRequestJSON: body)
        } catch {
            pools[pool.userPoolId] = nil
            order.removeAll { $0 == pool.userPoolId }
            throw error
        }
        return pool
    }

    /// The pool an operation is for: by `UserPoolId`, `ClientId`, or the access token's issuer.
    private func findPool(_ operation: String, _ object: WireObject) async throws -> LocalUserPool {
        if let id = try object.optionalString("UserPoolId") {
            guard let pool = pools[id] else { throw Self.noPool(id) }
            return pool
        }
        if let clientId = try object.optionalString("ClientId") {
            if let id = clientIndex[clientId], let pool = pools[id], await pool.hasClient(clientId) { return pool }
            for id in order {
                if let pool = pools[id], await pool.hasClient(clientId) {
                    clientIndex[clientId] = id
                    return pool
                }
            }
            throw ServiceFault.resourceNotFound("User pool client \(clientId) does not exist.")
        }
        if let token = try object.optionalString("AccessToken") {
            guard let id = Self.issuerPool(of: token), let pool = pools[id] else {
                throw ServiceFault.notAuthorized("Invalid Access Token")
            }
            return pool
        }
        if Self.needsUserPoolId.contains(where: operation.hasPrefix) || operation.hasSuffix("UserPoolClients")
            || operation == "ListUsers"
        {
            throw ServiceFault.missing("userPoolId")
        }
        if Self.needsAccessToken.contains(operation) { throw ServiceFault.missing("accessToken") }
        throw ServiceFault.missing("clientId")
    }

    private func popFaults(for operation: String) -> [LocalUserPool.Fault] {
        var taken: [LocalUserPool.Fault] = []
        for key in [operation, "*"] {
            if var queue = faults[key], !queue.isEmpty {
                taken.append(queue.removeFirst())
                faults[key] = queue
            }
        }
        return taken
    }

    private func takeFaults(for operation: String) async throws -> (HTTPResponse, Data)? {
        let taken = popFaults(for: operation)
        for case .latency(let duration) in taken { try await Task.sleep(for: duration) }
        for fault in taken {
            switch fault {
            case .latency: continue
            case .throttle: return ServiceFault(name: "TooManyRequestsException", message: "Rate exceeded").response()
            case .serverError(let status):
                return ServiceFault(name: "InternalErrorException", message: "Internal error.", status: status)
                    .response()
            case .dropConnection: throw HTTPTransportError.connectionFailed
            case .malformedBody:
                return (HTTPResponse(status: .ok, headerFields: ServiceFault.headers()), Data("{\"Auth".utf8))
            }
        }
        return nil
    }
}
