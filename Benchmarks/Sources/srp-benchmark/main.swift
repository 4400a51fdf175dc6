// Client-side SRP cost of one USER_SRP_AUTH sign-in, against the raw libcrypto cost it cannot beat.
//
//   swift run -c release --package-path Benchmarks srp-benchmark [rounds] [iterations-per-round]
//
// Each round times `iterations` library sign-ins (A, u, x, S, HKDF key, signature, from hex
// challenge parameters to base64 signature) and, interleaved in the same round, `iterations`
// runs of the three bare `BN_mod_exp_mont_consttime` calls that computation needs (g^a, g^x and
// (B − k·g^x)^(a + u·x), all mod the 3072-bit N, with a cached Montgomery context). It prints
// the median per-sign-in time of each and their ratio.
import CBenchmarkOpenSSL
@_spi(Benchmarks) import CognitoSession
import Foundation

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rounds = arguments.first ?? 31
let iterations = arguments.dropFirst().first ?? 10

/// Deterministic bytes so every run does the same work.
func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

let poolName = "AbC123xyz"
let username = "3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b"
let password = "correct horse battery staple"
let smallA = bytes(128, seed: 1)
let salt = hex(bytes(16, seed: 2))
// Any B in 1..<N costs the client the same work (the proof is not checked here), so B is a
// full-size residue below N rather than one computed from a verifier.
let serverB = hex([0x7f] + bytes(383, seed: 3))
let secretBlock = Data(bytes(172, seed: 4)).base64EncodedString()
let timestamp = "Sun Jan 7 05:06:07 UTC 2024"

// The baseline: three constant-time exponentiations of the sizes the sign-in needs.
let primeHex =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"

func bn(_ bytes: [UInt8]) -> OpaquePointer {
    bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil)! }
}

var nPointer: OpaquePointer? = nil
_ = BN_hex2bn(&nPointer, primeHex)
let n = nPointer!
let context = BN_CTX_new()!
let montgomery = BN_MONT_CTX_new()!
_ = BN_MONT_CTX_set(montgomery, n, context)
let g = bn([2])
let a = bn(smallA)
let x = bn([0x80] + bytes(31, seed: 5))  // x is a SHA-256 output: up to 256 bits
let base = bn([0x7f] + bytes(383, seed: 6))  // (B − k·g^x) mod N: a full-size residue below N
// a + u·x: u·x has at most 512 bits, so the exponent has the bit length of a (1024 bits).
let exponent = bn(smallA)
_ = BN_add_word(exponent, 0xffff_ffff)
let result = BN_new()!

@MainActor func rawExponentiations() {
    _ = BN_mod_exp_mont_consttime(result, g, a, n, context, montgomery)
    _ = BN_mod_exp_mont_consttime(result, g, x, n, context, montgomery)
    _ = BN_mod_exp_mont_consttime(result, base, exponent, n, context, montgomery)
}

@MainActor func librarySignIn() throws {
    _ = try SRPBenchmarkSupport.userSRPSignIn(
        poolName: poolName, smallA: smallA, username: username, password: password,
        serverB: serverB, salt: salt, secretBlock: secretBlock, timestamp: timestamp)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let clock = ContinuousClock()
@MainActor func perIteration(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try clock.measure { for _ in 0..<iterations { try body() } }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return seconds * 1e6 / Double(iterations)  // microseconds
}

// Warm up both paths (page faults, lazy group set-up, EVP fetches).
for _ in 0..<3 { try librarySignIn(); rawExponentiations() }

var library: [Double] = [], raw: [Double] = []
for round in 0..<rounds {
    // Alternate the order so neither side always runs second.
    if round % 2 == 0 {
        library.append(try perIteration(librarySignIn))
        raw.append(perIteration(rawExponentiations))
    } else {
        raw.append(perIteration(rawExponentiations))
        library.append(try perIteration(librarySignIn))
    }
}

let libraryMedian = median(library), rawMedian = median(raw)
print("srp-benchmark: \(rounds) rounds × \(iterations) iterations, medians per sign-in")
print(String(format: "  library USER_SRP_AUTH client work  %9.1f µs", libraryMedian))
print(String(format: "  raw libcrypto (3 consttime modexp) %9.1f µs", rawMedian))
print(String(format: "  ratio library / raw                %9.3f ×  (target ≤ 1.2)", libraryMedian / rawMedian))
