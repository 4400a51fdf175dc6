import Foundation

/// Opens the authorization URL: with `$BROWSER URL` when `BROWSER` is set, else with `xdg-open URL` when there
/// is a display (`DISPLAY` or `WAYLAND_DISPLAY`); otherwise the printed URL is all there is. The browser is not
/// waited for; its output goes to standard error, and it gets no standard input.
enum BrowserOpener {
    /// What was used to open the URL, or nil when nothing was tried.
    @discardableResult
    static func open(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let process = Process()
        let described: String
        if let browser = environment["BROWSER"], !browser.trimmingCharacters(in: .whitespaces).isEmpty {
            // BROWSER may hold arguments ("firefox --new-window"); the URL goes as a separate argument, never
            // through the shell's parsing.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(browser) \"$1\"", "cognito-session-browser", url.absoluteString]
            described = "$BROWSER"
        } else if environment["DISPLAY"].map({ !$0.isEmpty }) == true
            || environment["WAYLAND_DISPLAY"].map({ !$0.isEmpty }) == true
        {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xdg-open", url.absoluteString]
            described = "xdg-open"
        } else {
            return nil
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            Terminal.warning("could not start \(described) (\(error)); open the address above yourself")
            return nil
        }
        return described
    }
}
