import Foundation

/// Verifies the Cognito tokens a server receives (`Authorization: Bearer …`): the RS256 signature against
/// the pool's JWKS, then `iss`, `token_use`, the client id, `exp`/`nbf`/`iat` and any required scopes,
/// groups or custom check.
///
/// ```swift
/// let verifier = CognitoJWTVerifier(userPoolId: "us-east-1_AbC123", clientId: "client-id", tokenUse: .access,
///                                   transport: URLSessionTransport())
/// let claims = try await verifier.verify(bearer)   // throws CognitoJWTVerifierError
/// ```
///
/// The token is size-capped (32 KiB) and parsed in linear time before any key lookup; any `alg` but RS256
/// and a missing `kid` are refused before a key is used; no claim is trusted before the signature verifies.
/// Keys are fetched once however many verifications wait, cached per issuer, refetched for an unknown
/// `kid` at most once per ``Options/kidMissCooldown`` (failed fetches count too). Refresh tokens are
/// opaque: only Cognito can check them.
public final class CognitoJWTVerifier: Sendable {
    /// What a token must carry beyond a valid signature, issuer, use and client.
    public struct Requirements: Sendable {
        /// Scopes the token must hold (`scope` claim), if any.
        public var scopes: ScopeRequirement?
        /// Groups the user must be in (`cognito:groups`), if any.
        public var groups: ScopeRequirement?
        /// A last check over the verified claims; a thrown error refuses the token
        /// (``CognitoJWTVerifierError/customCheckFailed``).
        public var check: (@Sendable (CognitoVerifiedClaims) throws -> Void)?

        /// Requirements; none by default.
        public init(
            scopes: ScopeRequirement? = nil, groups: ScopeRequirement? = nil,
            check: (@Sendable (CognitoVerifiedClaims) throws -> Void)? = nil
        ) {
            self.scopes = scopes
            self.groups = groups
            self.check = check
        }
    }

    /// A set of names of which the token must hold any one, or all.
    public enum ScopeRequirement: Sendable, Hashable {
        /// At least one of these.
        case anyOf(Set<String>)
        /// Every one of these.
        case allOf(Set<String>)

        func isMet(by held: Set<String>) -> Bool {
            switch self {
            case .anyOf(let names): !names.isDisjoint(with: held)
            case .allOf(let names): names.isSubset(of: held)
            }
        }

        var summary: String {
            switch self {
            case .anyOf(let names): "any of " + names.sorted().joined(separator: ", ")
            case .allOf(let names): "all of " + names.sorted().joined(separator: ", ")
            }
        }
    }

    /// Which client ids a pool accepts.
    public enum ClientRequirement: Sendable, Hashable {
        /// The token's client (`aud` or `client_id`) must be one of these.
        case oneOf(Set<String>)
        /// Any client: the check is waived explicitly.
        case waived
    }

    /// One user pool a verifier accepts tokens from.
    public struct Pool: Sendable {
        /// The pool id, `<region>_<id>`.
        public var userPoolId: String
        /// The client ids accepted.
        public var clients: ClientRequirement
        /// The `token_use` required; nil waives the check explicitly (either use verifies).
        public var tokenUse: CognitoTokenUse?
        /// The `iss` required (nil: `https://cognito-idp.<region>.amazonaws.com/<poolId>`).
        public var issuer: String?
        /// Where the keys are (nil: `<issuer>/.well-known/jwks.json`).
        public var jwksURL: URL?
        /// Scopes, groups and a custom check.
        public var requirements: Requirements

        /// A pool; `issuer` and `jwksURL` override the AWS defaults (emulators, tests).
        public init(
            userPoolId: String, clients: ClientRequirement, tokenUse: CognitoTokenUse?, issuer: String? = nil,
            jwksURL: URL? = nil, requirements: Requirements = Requirements()
        ) {
            self.userPoolId = userPoolId
            self.clients = clients
            self.tokenUse = tokenUse
            self.issuer = issuer
            self.jwksURL = jwksURL
            self.requirements = requirements
        }
    }

    /// How the verifier reads time and keeps keys.
    public struct Options: Sendable {
        /// Where "now" comes from.
        public var clock: any WallClock
        /// Seconds of tolerance on `exp`, `nbf` and `iat` (default 0).
        public var leeway: TimeInterval
        /// Keys older than this are refetched (a failed refetch keeps them working); nil: kept until a `kid` misses.
        public var jwksMaximumAge: TimeInterval?
        /// After a fetch (successful or not), unknown `kid`s are refused without a request for this long.
        public var kidMissCooldown: TimeInterval

        /// Options; the system clock, no leeway, no maximum age, a 10 s cooldown by default.
        public init(
            clock: any WallClock = SystemWallClock(), leeway: TimeInterval = 0, jwksMaximumAge: TimeInterval? = nil,
            kidMissCooldown: TimeInterval = 10
        ) {
            self.clock = clock
            self.leeway = leeway
            self.jwksMaximumAge = jwksMaximumAge
            self.kidMissCooldown = kidMissCooldown
        }
    }

    private struct Resolved: Sendable {
        let pool: Pool
        let issuer: String
        let cache: JWKSCache
    }

    private let pools: [String: Resolved]
    private let configurationError: CognitoJWTVerifierError?
    private let options: Options

    /// A verifier for one pool at AWS, one client id and one token use.
    public convenience init(
        userPoolId: String, clientId: String, tokenUse: CognitoTokenUse, transport: any HTTPTransport,
        requirements: Requirements = Requirements(), options: Options = Options()
    ) {
        self.init(
            pools: [
                Pool(
                    userPoolId: userPoolId, clients: .oneOf([clientId]), tokenUse: tokenUse, requirements: requirements)
            ],
            transport: transport, options: options, throwing: false)
    }

    /// A verifier for one pool whose issuer and JWKS address are given (LocalUserPool, `serve`, emulators).
    public convenience init(
        userPoolId: String, clientId: String, tokenUse: CognitoTokenUse, issuer: String, jwksURL: URL,
        transport: any HTTPTransport, requirements: Requirements = Requirements(), options: Options = Options()
    ) {
        self.init(
            pools: [
                Pool(
                    userPoolId: userPoolId, clients: .oneOf([clientId]), tokenUse: tokenUse, issuer: issuer,
                    jwksURL: jwksURL, requirements: requirements)
            ], transport: transport, options: options, throwing: false)
    }

    /// A verifier for several pools (a multi-tenant server), each with its own issuer and keys.
    ///
    /// - Throws: ``CognitoJWTVerifierError/invalidConfiguration`` for no pool, a malformed pool id, an
    ///   empty client list, or two pools with one issuer.
    public convenience init(pools: [Pool], transport: any HTTPTransport, options: Options = Options()) throws {
        self.init(pools: pools, transport: transport, options: options, throwing: true)
        if let configurationError { throw configurationError }
    }

    private init(pools: [Pool], transport: any HTTPTransport, options: Options, throwing: Bool) {
        self.options = options
        var resolved: [String: Resolved] = [:]
        var problem: CognitoJWTVerifierError? = pools.isEmpty ? .invalidConfiguration("no pool") : nil
        for pool in pools {
            let parts = pool.userPoolId.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problem = .invalidConfiguration("malformed user pool id")
                continue
            }
            if case .oneOf(let ids) = pool.clients, ids.isEmpty { problem = .invalidConfiguration("no client id") }
            let issuer = pool.issuer ?? "https://cognito-idp.\(parts[0]).amazonaws.com/\(pool.userPoolId)"
            guard let url = pool.jwksURL ?? URL(string: issuer + "/.well-known/jwks.json") else {
                problem = .invalidConfiguration("no JWKS address")
                continue
            }
            if resolved[issuer] != nil { problem = .invalidConfiguration("two pools with one issuer") }
            let cache = JWKSCache(
                url: url, transport: transport, clock: options.clock, maximumAge: options.jwksMaximumAge,
                cooldown: options.kidMissCooldown)
            resolved[issuer] = Resolved(pool: pool, issuer: issuer, cache: cache)
        }
        self.pools = resolved
        self.configurationError = problem
    }

    /// Loads every pool's keys ahead of the first request (joining a fetch under way).
    public func hydrate() async throws(CognitoJWTVerifierError) {
        if let configurationError { throw configurationError }
        for pool in pools.values { try await pool.cache.hydrate() }
    }

    /// Verifies `token` and returns its claims; throws ``CognitoJWTVerifierError`` naming what failed.
    public func verify(_ token: String) async throws(CognitoJWTVerifierError) -> CognitoVerifiedClaims {
        let parsed = try parse(token)
        let key = try await parsed.pool.cache.key(parsed.kid)
        return try check(parsed, with: key)
    }

    /// Verifies `token` with cached keys only, without waiting or any request (for hot paths, after
    /// ``hydrate()``); a `kid` not cached is ``CognitoJWTVerifierError/unknownKeyID``.
    public func verifyCached(_ token: String) throws(CognitoJWTVerifierError) -> CognitoVerifiedClaims {
        let parsed = try parse(token)
        guard let key = parsed.pool.cache.cachedKey(parsed.kid) else { throw .unknownKeyID }
        return try check(parsed, with: key)
    }

    private struct Parsed {
        let pool: Resolved
        let kid: String
        let payload: [String: JSONValue]
        /// The token, its UTF-8 contiguous: the signing input is its first `signingLength` bytes.
        let token: String
        let signingLength: Int
        let signature: [UInt8]
    }

    /// Everything before a key is used: size, structure, `alg`, `kid`, the pool by `iss`.
    private func parse(_ token: String) throws(CognitoJWTVerifierError) -> Parsed {
        if let configurationError { throw configurationError }
        guard token.utf8.count <= JWT.maximumLength else { throw .tokenTooLarge }
        var token = token
        // One pass over contiguous bytes (a bridged or foreign string is copied once here).
        let parsed = token.withUTF8 { bytes in
            Result { () throws(CognitoJWTVerifierError) in try parse(bytes) }
        }
        let (pool, kid, payload, signingLength, signature) = try parsed.get()
        return Parsed(
            pool: pool, kid: kid, payload: payload, token: token, signingLength: signingLength, signature: signature)
    }

    private func parse(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(CognitoJWTVerifierError) -> (Resolved, String, [String: JSONValue], Int, [UInt8]) {
        let dot = UInt8(ascii: ".")
        guard let first = bytes.firstIndex(of: dot),
            let second = bytes[(first + 1)...].firstIndex(of: dot),
            !bytes[(second + 1)...].contains(dot)
        else { throw .malformedToken("not three segments") }
        guard let headerBytes = Base64URLBytes.decode(UnsafeBufferPointer(rebasing: bytes[..<first])),
            let header = try? JSONParser.parseObject(headerBytes)
        else { throw .malformedToken("header") }
        guard header["alg"]?.stringValue == "RS256" else { throw .unsupportedAlgorithm }
        guard let kid = header["kid"]?.stringValue, !kid.isEmpty else { throw .missingKeyID }
        guard let payloadBytes = Base64URLBytes.decode(UnsafeBufferPointer(rebasing: bytes[(first + 1)..<second])),
            let payload = try? JSONParser.parseObject(payloadBytes)
        else { throw .malformedToken("payload") }
        guard let signature = Base64URLBytes.decode(UnsafeBufferPointer(rebasing: bytes[(second + 1)...])) else {
            throw .malformedToken("signature")
        }
        // `iss` only selects which pool's keys to try; it is trusted after the signature verifies.
        guard let issuer = payload["iss"]?.stringValue, let pool = pools[issuer] else { throw .issuerMismatch }
        return (pool, kid, payload, second, signature)
    }

    private func check(
        _ parsed: Parsed, with key: RSAPublicKey
    ) throws(CognitoJWTVerifierError)
        -> CognitoVerifiedClaims
    {
        var token = parsed.token
        let verified = token.withUTF8 { bytes in
            key.verifies(signature: parsed.signature, of: UnsafeBufferPointer(rebasing: bytes[..<parsed.signingLength]))
        }
        guard verified else { throw .invalidSignature }
        let payload = parsed.payload, pool = parsed.pool.pool
        let claims = CognitoVerifiedClaims(payload: payload, issuer: parsed.pool.issuer, keyID: parsed.kid)

        let use = payload["token_use"]?.stringValue
        if let required = pool.tokenUse {
            guard use == required.rawValue else { throw .tokenUseMismatch("\(required.rawValue) required") }
        } else {
            guard use == "id" || use == "access" else { throw .tokenUseMismatch("id or access required") }
        }
        if case .oneOf(let allowed) = pool.clients {
            let claim = use == "id" ? "aud" : "client_id"
            guard let client = payload[claim]?.stringValue, allowed.contains(client) else {
                throw .clientMismatch("\(claim) not allowed")
            }
        }

        let now = options.clock.now().timeIntervalSince1970, leeway = options.leeway
        guard let exp = payload["exp"]?.numberValue, exp.isFinite else { throw .expired("exp missing") }
        guard now < exp + leeway else { throw .expired("exp passed") }
        if let nbf = payload["nbf"] {
            guard let value = nbf.numberValue, value.isFinite else { throw .notYetValid("nbf not a number") }
            guard value <= now + leeway else { throw .notYetValid("nbf in the future") }
        }
        if let iat = payload["iat"] {
            guard let value = iat.numberValue, value.isFinite else { throw .issuedInFuture("iat not a number") }
            guard value <= now + leeway else { throw .issuedInFuture("iat in the future") }
        }

        let requirements = pool.requirements
        if let scopes = requirements.scopes, !scopes.isMet(by: claims.scopes) { throw .missingScope(scopes.summary) }
        if let groups = requirements.groups, !groups.isMet(by: claims.groups) { throw .missingGroup(groups.summary) }
        if let custom = requirements.check {
            do { try custom(claims) } catch { throw .customCheckFailed(error) }
        }
        return claims
    }
}
