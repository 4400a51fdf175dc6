// The libFuzzer entry: `cognito-fuzz <target> [libFuzzer flags] [corpus dirs]` (or the target in FUZZ_TARGET).
//
// SwiftPM renames an executable's entry point to `cognito_fuzz_main`, and `-sanitize=fuzzer`
// links libFuzzer's own `main` as well, so this program hands its arguments (less the target
// name) to `LLVMFuzzerRunDriver` itself. `LLVMFuzzerTestOneInput` is defined too, for the
// linker and for a libFuzzer `main` that might end up running instead: it runs the same target.
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// One fuzz target: runs one input and checks its oracles, calling ``Fuzz/fail(_:)`` on a violation.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void
}

enum Fuzz {
    static let targets: [FuzzTarget] = [
        FuzzTarget(
            name: "token-decoding", summary: "CognitoAccessToken/CognitoIdToken(jwtToken:) on raw and wrapped bytes",
            run: TokenDecodingTarget.run),
        FuzzTarget(
            name: "refresh-response",
            summary: "getSession() refreshes answered by a MockTransport built from the input",
            run: RefreshResponseTarget.run),
        FuzzTarget(
            name: "file-storage", summary: "FileStorage reading and updating a session file holding the input",
            run: FileStorageTarget.run),
    ]

    /// The target this process runs; set once, before libFuzzer starts.
    nonisolated(unsafe) static var selected: FuzzTarget?

    /// Inputs up to this size must finish within ``slowLimit`` (the 32 KiB token limit).
    static let boundedSize = 32 * 1024

    /// The per-input time bound, from `FUZZ_SLOW_MS` (default 100 ms; 0 turns it off).
    static let slowLimit: Duration = {
        let milliseconds = ProcessInfo.processInfo.environment["FUZZ_SLOW_MS"].flatMap(Int.init) ?? 100
        return .milliseconds(milliseconds)
    }()

    /// Reports an oracle failure and aborts, so libFuzzer saves the input as a crash artifact.
    static func fail(_ message: String) -> Never {
        let target = selected?.name ?? "?"
        FileHandle.standardError.write(Data("\n==FUZZ ORACLE FAILURE== [\(target)] \(message)\n".utf8))
        FileStorageTarget.removeDirectory()
        abort()
    }

    /// Runs the selected target on one input, timing it: an input of at most ``boundedSize``
    /// bytes slower than ``slowLimit`` twice in a row (the second run rules out a scheduling
    /// hiccup on a busy machine), or ten times slower once, is a failure.
    static func runOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        guard let target = selected else { fail("no target selected") }
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let clock = ContinuousClock()
        let first = clock.measure { target.run(bytes) }
        if slowLimit > .zero, bytes.count <= boundedSize, first > slowLimit {
            if first > slowLimit * 10 {
                fail("slow input: \(bytes.count) bytes took \(first) (limit \(slowLimit))")
            }
            let second = clock.measure { target.run(bytes) }
            if second > slowLimit {
                fail("slow input: \(bytes.count) bytes took \(first) then \(second) (limit \(slowLimit))")
            }
        }
        return 0
    }

    /// Runs `body` to completion from synchronous code (libFuzzer's callback thread).
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { fail("async body produced no value") }
        return value
    }
}

/// Hands a value from a task back to the thread waiting on the semaphore.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // @unchecked: written once by the task before it signals, read after the wait.
    var value: T?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzz.runOne(data, size)
}

@main
struct CognitoFuzzMain {
    static func main() {
        // Swift's crash backtracer would take the signal libFuzzer must see (and trips ASan):
        // start again with it off, before the runtime reads the setting.
        if getenv("SWIFT_BACKTRACE") == nil {
            setenv("SWIFT_BACKTRACE", "enable=no", 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            let message = "cognito-fuzz: re-exec failed (errno \(errno)); set SWIFT_BACKTRACE=enable=no\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
        // The target is the first argument, or FUZZ_TARGET: libFuzzer's -fork and -jobs modes start
        // this program again with the flags only, and the children find the name there.
        var arguments = CommandLine.arguments
        if arguments.count >= 2, Fuzz.targets.contains(where: { $0.name == arguments[1] }) {
            setenv("FUZZ_TARGET", arguments[1], 1)
            arguments.remove(at: 1)
        }
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = Fuzz.targets.first(where: { $0.name == name }) else {
            var usage =
                "usage: cognito-fuzz <target> [libFuzzer flags] [corpus directories] (or FUZZ_TARGET=<target>)\ntargets:\n"
            for target in Fuzz.targets { usage += "  \(target.name)  \(target.summary)\n" }
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
        Fuzz.selected = target

        // argv without the target name; libFuzzer keeps pointers into it for the whole run.
        var kept = arguments
        let cArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: kept.count + 1)
        for (index, argument) in kept.enumerated() { cArguments[index] = strdup(argument) }
        cArguments[kept.count] = nil
        var argc = Int32(kept.count)
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = cArguments
        kept.removeAll()
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in Fuzz.runOne(data, size) })
    }
}
