// N concurrent getSession() callers on one expired session, against the floor they cannot beat: N tasks
// awaiting one shared task.
//
//   swift run -c release --package-path Benchmarks session-burst-benchmark [rounds] [callers] [latency-ms]
//
// Each round, interleaved: (1) the library: a pool over a MockTransport whose refresh answer takes
// `latency` ms, a MemoryStorage holding an expired session, `callers` tasks calling getSession() on one
// CognitoUser; (2) the floor: `callers` tasks awaiting one Task that sleeps `latency` ms. For each it
// measures the CPU time the process spent (getrusage, user + system), the wall time, and the heap in use
// (glibc mallinfo2) at the moment every caller is waiting — sampled inside the refresh answer and inside
// the shared task — less the heap in use before the callers start. It prints the medians and the ratios,
// and checks that every library round sent exactly one refresh request. A third row, for reference: N
// continuations resumed at once by one actor (the mechanism the library's flight uses), nothing else.
import CognitoSessionTesting
import Foundation

#if canImport(Glibc)
    import CBenchmarkMalloc
    import Glibc
#endif

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rounds = arguments.first ?? 11
let callers = arguments.dropFirst().first ?? 10_000
let latency = Duration.milliseconds(arguments.dropFirst(2).first ?? 100)

/// Heap bytes in use now.
func heapInUse() -> Int {
    #if canImport(Glibc)
        return Int(mallinfo2().uordblks)
    #else
        return 0
    #endif
}

/// CPU seconds the process has used (user + system).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The heap in use when every caller waits, sampled once by whoever holds the answer.
final class HeapSample: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    func take() { lock.withLock { bytes = heapInUse() } }
    var value: Int { lock.withLock { bytes } }
}

struct Measurement {
    var cpu: Double
    var wall: Double
    var heapPerCaller: Double
}

// MARK: - Tokens: unsigned JWTs (the library decodes, the service verifies)

func base64URL(_ text: String) -> String {
    Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

func jwt(_ claims: String) -> String {
    base64URL(#"{"alg":"RS256","kid":"bench"}"#) + "." + base64URL(claims) + "." + base64URL("signature")
}

let clientId = "benchclient"
let sub = "11111111-2222-4333-8444-555555555555"
let now = Date(timeIntervalSince1970: 1_767_225_600)

func idToken(issued: Int) -> String {
    jwt(
        #"{"sub":"\#(sub)","cognito:username":"alice","aud":"\#(clientId)","token_use":"id","exp":\#(issued + 3600),"iat":\#(issued)}"#
    )
}

func accessToken(issued: Int) -> String {
    jwt(
        #"{"sub":"\#(sub)","username":"alice","client_id":"\#(clientId)","token_use":"access","exp":\#(issued + 3600),"iat":\#(issued),"origin_jti":"o"}"#
    )
}

struct FixedClock: WallClock {
    func now() -> Date { benchmarkNow }
}
let benchmarkNow = now

// MARK: - The two sides

func library() async throws -> Measurement {
    let keys = StorageKeys(clientId: clientId)
    let expired = Int(now.timeIntervalSince1970) - 7200
    let storage = MemoryStorage([
        keys.idToken(username: "alice"): idToken(issued: expired),
        keys.accessToken(username: "alice"): accessToken(issued: expired),
        keys.refreshToken(username: "alice"): "refresh-token",
        keys.clockDrift(username: "alice"): "0",
        keys.lastAuthUser: "alice",
    ])
    let issued = Int(now.timeIntervalSince1970)
    let answer = MockResponse.json(
        #"{"AuthenticationResult":{"AccessToken":"\#(accessToken(issued: issued))","IdToken":"\#(idToken(issued: issued))","ExpiresIn":3600,"TokenType":"Bearer"}}"#
    )
    let sample = HeapSample()
    let mock = MockTransport()
    await mock.setHandler(for: "InitiateAuth") { _ in
        try await Task.sleep(for: latency)
        sample.take()
        return answer
    }
    let pool = try CognitoUserPool(
        userPoolId: "us-east-1_Bench", clientId: clientId, storage: storage, transport: mock, clock: FixedClock(),
        retryPolicy: .none)
    let user = pool.user(named: "alice")

    let heapBefore = heapInUse()
    let cpuBefore = cpuSeconds()
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<callers {
            group.addTask { _ = try await user.getSession() }
        }
        try await group.waitForAll()
    }
    let wall = start.duration(to: .now)
    let cpu = cpuSeconds() - cpuBefore
    let refreshes = await mock.requests(for: "InitiateAuth").count
    guard refreshes == 1 else { fatalError("\(refreshes) refresh requests, expected 1") }
    return Measurement(
        cpu: cpu, wall: Double(wall.components.attoseconds) / 1e18 + Double(wall.components.seconds),
        heapPerCaller: Double(sample.value - heapBefore) / Double(callers))
}

func floor() async throws -> Measurement {
    let sample = HeapSample()
    let heapBefore = heapInUse()
    let cpuBefore = cpuSeconds()
    let start = ContinuousClock.now
    let shared = Task {
        try await Task.sleep(for: latency)
        sample.take()
        return "session"
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<callers {
            group.addTask { _ = try await shared.value }
        }
        try await group.waitForAll()
    }
    let wall = start.duration(to: .now)
    let cpu = cpuSeconds() - cpuBefore
    return Measurement(
        cpu: cpu, wall: Double(wall.components.attoseconds) / 1e18 + Double(wall.components.seconds),
        heapPerCaller: Double(sample.value - heapBefore) / Double(callers))
}

/// N continuations resumed at once by an actor, the mechanism the library's flight uses, with nothing else.
actor Continuations {
    private var waiters: [CheckedContinuation<String, Never>] = []
    private var started = false

    func join(sample: HeapSample) async -> String {
        if !started {
            started = true
            Task {
                try? await Task.sleep(for: latency)
                sample.take()
                self.finish()
            }
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func finish() { for waiter in waiters { waiter.resume(returning: "session") } }
}

func continuations() async -> Measurement {
    let sample = HeapSample()
    let joiner = Continuations()
    let heapBefore = heapInUse()
    let cpuBefore = cpuSeconds()
    let start = ContinuousClock.now
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<callers { group.addTask { _ = await joiner.join(sample: sample) } }
        await group.waitForAll()
    }
    let wall = start.duration(to: .now)
    return Measurement(
        cpu: cpuSeconds() - cpuBefore,
        wall: Double(wall.components.attoseconds) / 1e18 + Double(wall.components.seconds),
        heapPerCaller: Double(sample.value - heapBefore) / Double(callers))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

// One warm-up of each, then interleaved rounds.
_ = try await library()
_ = try await floor()
_ = await continuations()
var libraryRuns: [Measurement] = []
var floorRuns: [Measurement] = []
var continuationRuns: [Measurement] = []
for _ in 0..<rounds {
    libraryRuns.append(try await library())
    floorRuns.append(try await floor())
    continuationRuns.append(await continuations())
}

func row(_ name: String, _ runs: [Measurement]) -> (cpu: Double, wall: Double, heap: Double) {
    let cpu = median(runs.map(\.cpu)) * 1000
    let wall = median(runs.map(\.wall)) * 1000
    let heap = median(runs.map(\.heapPerCaller))
    print(String(format: "%-28@ cpu %8.1f ms   wall %8.1f ms   heap %7.0f B/caller", name as NSString, cpu, wall, heap))
    return (cpu, wall, heap)
}

print("\(callers) callers, refresh latency \(latency), \(rounds) interleaved rounds (medians):")
let lib = row("library getSession()", libraryRuns)
let base = row("floor (await one Task)", floorRuns)
_ = row("continuations (one actor)", continuationRuns)
print(
    String(
        format: "ratio library/floor: cpu %.2f ×, wall %.2f ×, heap %.2f ×", lib.cpu / base.cpu, lib.wall / base.wall,
        lib.heap / base.heap))
