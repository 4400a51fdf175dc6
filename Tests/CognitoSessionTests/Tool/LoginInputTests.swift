import Foundation
import Testing

/// What `login` refuses before it sends anything.
@Suite("cognito-session login: input it refuses")
struct LoginInputTests {
    @Test("--password-stdin with empty input or an empty first line is refused", arguments: ["", "\n", "\nlater\n"])
    func emptyPassword(stdin: String) async throws {
        let variables = ToolProcess.offlinePool.mapValues { Optional($0) }
        let run = try await ToolProcess.run(
            ["login", "--username", "x", "--password-stdin"], stdin: stdin, environment: variables)
        #expect(run.status == 2)
        #expect(
            run.stderr == "cognito-session: error: --password-stdin: standard input is empty; "
                + "give the password on its first line\n")
    }

    @Test("an IPv6 literal endpoint is refused with the reason (URLSession on Linux cannot reach one)")
    func ipv6Endpoint() async throws {
        #if os(Linux)
            var variables = ToolProcess.offlinePool.mapValues { Optional($0) }
            variables["COGNITO_ENDPOINT"] = "http://[::1]:1/"
            let run = try await ToolProcess.run(["token"], environment: variables)
            #expect(run.status == 2)
            #expect(run.stderrLines.count == 1)
            #expect(run.stderr.contains("cannot reach an IPv6 address such as [::1]"), "\(run.stderr)")
        #endif
    }
}
