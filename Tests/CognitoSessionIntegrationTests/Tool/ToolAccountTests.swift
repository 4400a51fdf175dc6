import CognitoSession
import CognitoSessionTesting
import Foundation
import Testing

/// signup, confirm, resend-code, forgot-password, change-password through the tool against serve,
/// answers on standard input (the codes read from serve's message log).
@Suite(
    "cognito-session account commands against serve",
    .enabled(if: ServeServer.isAvailable, "the cognito-session tool is not built (or set COGNITO_SESSION_BIN)"))
struct ToolAccountTests {
    static let newPassword = "Better-h0rse-2"

    @Test("signup shows the policy of a refused password and asks again; resend-code; confirm retries a wrong code")
    func signUpAndConfirm() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = workspace.tool
            let signup = try await tool.run(
                ["signup", "--username", "carol", "--attribute", "email=carol@example.com"],
                stdin: "short-pw\nshort-pw\n\(Self.newPassword)\n\(Self.newPassword)\n")
            #expect(signup.status == 0, "\(signup.stderr)")
            #expect(
                signup.stderr.contains("The pool refused it: Password did not conform with policy"), "\(signup.stderr)")
            #expect(signup.stderr.hasPrefix("Username: ") == false, "the name came from --username")
            #expect(signup.stderr.contains("New password: \nAgain: \n"), "\(signup.stderr)")
            let done = try #require(signup.stderrLines.last.map(String.init))
            #expect(done.hasPrefix("Signed up carol; a code was sent to "), "\(done)")
            #expect(done.hasSuffix(": run `cognito-session confirm --username carol`."), "\(done)")

            let resend = try await tool.run(["resend-code", "--username", "carol"])
            #expect(resend.status == 0, "\(resend.stderr)")
            #expect(resend.stderr.hasSuffix(": run `cognito-session confirm --username carol`.\n"), "\(resend.stderr)")
            let code = try await workspace.code(for: "carol", purpose: "SignUp")

            let confirm = try await tool.run(
                ["confirm", "--username", "carol"], stdin: "\(ServeToolWorkspace.wrong(code))\n\(code)\n")
            #expect(confirm.status == 0, "\(confirm.stderr)")
            #expect(confirm.stderr.contains("That code is wrong; try again (2 of 3).\n"), "\(confirm.stderr)")
            #expect(confirm.stderr.hasSuffix("Confirmed carol: run `cognito-session login --username carol`.\n"))
            try await workspace.login("carol", password: Self.newPassword)
        }
    }

    @Test("login of an unconfirmed user says to confirm; confirm with three wrong codes ends with exit 4")
    func unconfirmed() async throws {
        try await ServeToolWorkspace.with { workspace in
            let tool = workspace.tool
            let signup = try await tool.run(
                ["signup", "--username", "dave", "--password-stdin", "--attribute", "email=dave@example.com"],
                stdin: Self.newPassword + "\n")
            #expect(signup.status == 0, "\(signup.stderr)")
            let login = try await tool.run(
                ["login", "--username", "dave", "--password-stdin"], stdin: Self.newPassword + "\n")
            #expect(login.status == 4)
            #expect(
                login.stderr
                    == "cognito-session: error: dave has not confirmed the sign-up: run `cognito-session confirm "
                    + "--username dave` with the code that was sent, or `cognito-session resend-code --username dave`\n"
            )
            let code = ServeToolWorkspace.wrong(try await workspace.code(for: "dave", purpose: "SignUp"))
            let confirm = try await tool.run(["confirm", "--username", "dave"], stdin: "\(code)\n\(code)\n\(code)\n")
            #expect(confirm.status == 4)
            #expect(confirm.stderrLines.last == "cognito-session: error: the code is wrong: check it and try again")
        }
    }

    @Test("forgot-password at a terminal: new password twice without echo, the code, then login with it")
    func forgotPassword() async throws {
        try await ServeToolWorkspace.with { workspace in
            let (terminal, process) = try workspace.startOnTerminal(["forgot-password", "--username", "alice"])
            defer { if process.isRunning { process.terminate() } }
            #expect(await terminal.waitFor("New password: "), "\(terminal.output)")
            #expect(terminal.output.contains("A code was sent to "), "\(terminal.output)")
            #expect(try terminal.echoes == false)
            terminal.type(Self.newPassword + "\n")
            #expect(await terminal.waitFor("Again: "), "\(terminal.output)")
            terminal.type(Self.newPassword + "\n")
            #expect(await terminal.waitFor("Code: "), "\(terminal.output)")
            #expect(try terminal.echoes)
            terminal.type(try await workspace.code(for: "alice", purpose: "ForgotPassword") + "\n")
            #expect(await terminal.waitFor("The password of alice is reset"), "\(terminal.output)")
            #expect(await ServeToolWorkspace.exit(of: process) == 0)
            #expect(!terminal.output.contains(Self.newPassword))
            try await workspace.login("alice", password: Self.newPassword)
        }
    }

    @Test("change-password asks the new one twice, again when they differ")
    func changePassword() async throws {
        try await ServeToolWorkspace.with { workspace in
            try await workspace.login("alice")
            let change = try await workspace.tool.run(
                ["change-password"],
                stdin: "\(ServeToolWorkspace.password)\nOne-h0rse-3\nOther-h0rse-3\nNew-h0rse-33\nNew-h0rse-33\n")
            #expect(change.status == 0, "\(change.stderr)")
            #expect(change.stderr.contains("The two passwords differ; try again.\n"))
            #expect(change.stderr.hasSuffix("Password changed for alice.\n"))
            try await workspace.login("alice", password: "New-h0rse-33")
        }
    }
}
