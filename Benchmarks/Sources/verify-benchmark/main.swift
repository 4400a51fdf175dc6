// Verifying one cached-key RS256 Cognito access token, against the raw libcrypto check it cannot beat
// and against vapor/jwt-kit verifying the same token with the same key.
//
//   swift run -c release --package-path Benchmarks verify-benchmark [rounds] [iterations-per-round]
//
// The token is shaped as Cognito issues access tokens (2048-bit key, a base64 `kid`, the usual claims,
// about 1 KB). Each round times `iterations` verifications by each of: CognitoJWTVerifier.verifyCached,
// CognitoJWTVerifier.verify with a hydrated cache, the floor (a fresh EVP_MD_CTX, EVP_DigestVerifyInit,
// EVP_DigestVerify of the same signing input with the same key, in C) and jwt-kit's
// JWTKeyCollection.verify with a payload that checks the same claims; the order rotates every round.
// It prints the median of each, then throughput with 1, 2, 4 and 8 concurrent verifying tasks, then the
// time to refuse forged tokens of the largest size the verifier reads.
import CBenchmarkOpenSSL
import CognitoSession
import Foundation
import HTTPTypes
import JWTKit

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rounds = arguments.first ?? 21
let iterations = arguments.dropFirst().first ?? 2000

let poolId = "us-east-1_AbC123xyz"
let issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + poolId
let clientId = "4kq9v2mhd0pq7fj3c1n8r5s6tu"
let keyID = "Xhq6Dq2lSR0uxfPl0Zyf6pHzGJ9oo6U0ZtJXu7pJ2Ck="

func base64URL(_ bytes: some Sequence<UInt8>) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

/// The signing key, shared read-only by every task (libcrypto allows concurrent use of one EVP_PKEY).
final class Key: @unchecked Sendable {
    let pointer: OpaquePointer = CBench_RSA_generate(2048)!

    func parameter(_ name: String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 512)
        let count = CBench_RSA_parameter(pointer, name, &out, out.count)
        return Array(out[..<count])
    }

    func sign(_ input: String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 512)
        let bytes = Array(input.utf8)
        return Array(out[..<CBench_RS256_sign(pointer, bytes, bytes.count, &out)])
    }

    /// The floor: libcrypto's one-shot check of `signature` over `input`.
    func floorVerifies(_ signature: [UInt8], _ input: [UInt8]) -> Bool {
        CBench_RS256_verify(pointer, signature, signature.count, input, input.count) == 1
    }
}

let key = Key()
let now = Int(Date().timeIntervalSince1970)

/// A token with `header` and `payload` (JSON text), signed with the key unless a signature is given.
func token(header: String, payload: String, signature: [UInt8]? = nil) -> String {
    let input = base64URL(header.utf8) + "." + base64URL(payload.utf8)
    return input + "." + base64URL(signature ?? key.sign(input))
}

let header = #"{"kid":"\#(keyID)","alg":"RS256"}"#
func accessPayload(extra: String = "") -> String {
    #"{"sub":"3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b","cognito:groups":["admins","editors"],"iss":"\#(issuer)","#
        + #""version":2,"client_id":"\#(clientId)","origin_jti":"9d1c3e2a-5b4f-4a6e-8c7d-0e1f2a3b4c5d","#
        + #""event_id":"b7a6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d","token_use":"access","#
        + #""scope":"aws.cognito.signin.user.admin openid email","auth_time":\#(now),"exp":\#(now + 3600),"#
        + #""iat":\#(now),"jti":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","username":"alice"\#(extra)}"#
}
let accessToken = token(header: header, payload: accessPayload())
let tokenParts = accessToken.split(separator: ".")
let signingInput = Array(accessToken.utf8.prefix(tokenParts[0].utf8.count + 1 + tokenParts[1].utf8.count))
let signature = key.sign(String(decoding: signingInput, as: UTF8.self))

/// Serves the pool's JWKS for the one fetch `hydrate()` makes.
struct JWKSTransport: HTTPTransport {
    let body: Data
    func send(_ request: HTTPRequest, body: Data) async throws -> (HTTPResponse, Data) {
        (HTTPResponse(status: .ok), self.body)
    }
}
let modulus = base64URL(key.parameter("n")), exponent = base64URL(key.parameter("e"))
let jwks = #"{"keys":[{"alg":"RS256","e":"\#(exponent)","kid":"\#(keyID)","kty":"RSA","n":"\#(modulus)","use":"sig"}]}"#
let verifier = CognitoJWTVerifier(
    userPoolId: poolId, clientId: clientId, tokenUse: .access, transport: JWKSTransport(body: Data(jwks.utf8)))
try await verifier.hydrate()

/// jwt-kit's payload for the same token, checking what the library checks: exp, iat, iss, token_use, client_id.
struct CognitoAccessPayload: JWTPayload {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var client_id: String
    var token_use: String
    var scope: String
    var username: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim

    struct Refused: Error {}

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iat.value <= Date(), iss.value == issuer, token_use == "access", client_id == clientId else {
            throw Refused()
        }
    }
}
let keys = JWTKeyCollection()
await keys.add(
    rsa: try Insecure.RSA.PublicKey(modulus: modulus, exponent: exponent), digestAlgorithm: .sha256,
    kid: JWKIdentifier(string: keyID))

// Every side must accept the token before it is timed.
let cachedClaims = try verifier.verifyCached(accessToken)
let awaitedClaims = try await verifier.verify(accessToken)
let jwtKitPayload = try await keys.verify(accessToken, as: CognitoAccessPayload.self)
precondition(cachedClaims.username == "alice" && awaitedClaims.username == "alice")
precondition(jwtKitPayload.username == "alice" && key.floorVerifies(signature, signingInput))

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let clock = ContinuousClock()
/// Microseconds per call of `body`, over `count` calls; nonisolated, so the loop runs off the main actor, as a
/// server's request handlers do, and an async side pays no hop back to the main thread per call.
func perCall(_ count: Int, _ body: @Sendable () async throws -> Void) async rethrows -> Double {
    let start = clock.now
    for _ in 0..<count { try await body() }
    return seconds(clock.now - start) * 1e6 / Double(count)
}

struct Side {
    let name: String
    let run: @Sendable () async throws -> Void
    var samples: [Double] = []
}
var sides = [
    Side(name: "CognitoJWTVerifier.verifyCached") { _ = try verifier.verifyCached(accessToken) },
    Side(name: "CognitoJWTVerifier.verify (hydrated)") { _ = try await verifier.verify(accessToken) },
    Side(name: "floor: EVP_DigestVerify (libcrypto)") { precondition(key.floorVerifies(signature, signingInput)) },
    Side(name: "vapor/jwt-kit 5 JWTKeyCollection.verify") {
        _ = try await keys.verify(accessToken, as: CognitoAccessPayload.self)
    },
]

// Warm up every path.
for index in sides.indices { _ = try await perCall(iterations / 10 + 1, sides[index].run) }
for round in 0..<rounds {
    for step in sides.indices {
        let index = (round + step) % sides.count
        sides[index].samples.append(try await perCall(iterations, sides[index].run))
    }
}

let floorMedian = median(sides[2].samples)
print("verify-benchmark: \(accessToken.utf8.count)-byte RS256 access token, 2048-bit key,")
print("  \(rounds) rounds × \(iterations) verifications per side, order rotating; medians")
for side in sides {
    let value = median(side.samples)
    print(
        side.name.padding(toLength: 42, withPad: " ", startingAt: 0)
            + String(format: "%8.2f µs  %9.0f /s  %6.3f × floor", value, 1e6 / value, value / floorMedian))
}

// Throughput with concurrent tasks, each verifying `iterations` times; the library and the floor alternate.
func concurrentThroughput(tasks: Int, _ body: @escaping @Sendable () -> Void) async -> Double {
    let start = clock.now
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<tasks { group.addTask { for _ in 0..<iterations { body() } } }
    }
    return Double(tasks * iterations) / seconds(clock.now - start)
}
let libraryOnce: @Sendable () -> Void = { precondition((try? verifier.verifyCached(accessToken)) != nil) }
let floorOnce: @Sendable () -> Void = { precondition(key.floorVerifies(signature, signingInput)) }
print("concurrent tasks (\(ProcessInfo.processInfo.activeProcessorCount) cores), verifications per second, medians:")
let concurrencyRounds = max(3, rounds / 4)
var singleTask = 0.0
for tasks in [1, 2, 4, 8] {
    var library: [Double] = [], floor: [Double] = []
    for round in 0..<concurrencyRounds {
        if round % 2 == 0 {
            library.append(await concurrentThroughput(tasks: tasks, libraryOnce))
            floor.append(await concurrentThroughput(tasks: tasks, floorOnce))
        } else {
            floor.append(await concurrentThroughput(tasks: tasks, floorOnce))
            library.append(await concurrentThroughput(tasks: tasks, libraryOnce))
        }
    }
    let libraryMedian = median(library), floorMedian = median(floor)
    if tasks == 1 { singleTask = libraryMedian }
    print(
        String(
            format: "  %d task%@  verifyCached %8.0f /s (%.2f × 1 task)   floor %8.0f /s   ratio %.3f", tasks,
            tasks == 1 ? " " : "s", libraryMedian, libraryMedian / singleTask, floorMedian,
            floorMedian / libraryMedian))
}

// Forged tokens of the largest size the verifier reads, refused by verifyCached.
let maximum = CognitoAccessToken.maximumLength
/// A token of exactly `maximum` bytes: `header` (with up to 3 spaces added) and the access claims plus a filler claim.
func padded(header: String, signature: [UInt8]) -> String {
    let bare = token(header: header, payload: accessPayload(extra: #","pad":"""#), signature: signature)
    let estimate = (maximum - bare.utf8.count) * 3 / 4  // every 3 bytes of filler add 4 base64url characters
    for spaces in 0..<4 {
        let spaced = String(header.dropLast()) + String(repeating: " ", count: spaces) + "}"
        for count in max(0, estimate - 8)...(estimate + 8) {
            let filler = String(repeating: "a", count: count)
            let forged = token(
                header: spaced, payload: accessPayload(extra: #","pad":"\#(filler)""#), signature: signature)
            if forged.utf8.count == maximum { return forged }
        }
    }
    preconditionFailure("no filler gives \(maximum) bytes")
}
var generator = SystemRandomNumberGenerator()
let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
var randomBytes = (0..<maximum).map { _ in alphabet.randomElement(using: &generator)! }
randomBytes[maximum / 3] = UInt8(ascii: ".")
randomBytes[2 * maximum / 3] = UInt8(ascii: ".")
var randomSignature = (0..<256).map { _ in UInt8.random(in: 0...255, using: &generator) }
randomSignature[0] &= 0x7f  // below the modulus, so libcrypto does the whole exponentiation
let forgeries: [(String, String, CognitoJWTVerifierError)] = [
    ("random base64url, three segments", String(decoding: randomBytes, as: UTF8.self), .malformedToken),
    ("valid claims, random signature", padded(header: header, signature: randomSignature), .invalidSignature),
    (
        "alg HS256", padded(header: #"{"kid":"\#(keyID)","alg":"HS256"}"#, signature: randomSignature),
        .unsupportedAlgorithm
    ),
    ("unknown kid", padded(header: #"{"kid":"forged","alg":"RS256"}"#, signature: randomSignature), .unknownKeyID),
]
print("refusing a forged \(maximum)-byte token (verifyCached), medians:")
for (name, forged, expected) in forgeries {
    precondition(forged.utf8.count == maximum)
    do {
        _ = try verifier.verifyCached(forged)
        preconditionFailure("\(name): accepted")
    } catch {
        precondition(error == expected, "\(name): \(error)")
    }
    var samples: [Double] = []
    for _ in 0..<rounds {
        samples.append(await perCall(iterations / 10 + 1) { _ = try? verifier.verifyCached(forged) })
    }
    print("  " + name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.2f µs", median(samples)))
}
