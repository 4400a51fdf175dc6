import Foundation
import Hummingbird
import Logging

/// The one-shot HTTP listener of RFC 8252 §7.3 on 127.0.0.1 at the redirect URI's port: the first request to
/// the redirect path is handed over and answered with the page the handler returns; other paths get 404.
/// The listener stops as soon as that page is written.
struct LoopbackRedirectListener: Sendable {
    /// What the handler decided: the page for the browser, and what `run` returns (or throws).
    struct Outcome<Value: Sendable>: Sendable {
        let page: CallbackPage
        let result: Result<Value, any Error>
    }

    let port: Int
    let path: String

    /// Listens; calls `ready` once the port is bound (open the browser then), hands the first callback's
    /// query to `handle`, writes its page and returns its result. Cancelling the calling task stops the listener.
    ///
    /// - Throws: ``ToolError`` when the port cannot be bound; whatever `handle`'s result holds.
    func run<Value: Sendable>(
        ready: @escaping @Sendable () async -> Void,
        handle: @escaping @Sendable ([String: String]) async -> Outcome<Value>
    ) async throws -> Value {
        let (finished, finish) = AsyncStream.makeStream(of: Result<Value, any Error>.self)
        let gate = FirstCallback()
        let path = path
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            guard request.uri.path == path else {
                return CallbackPage.notFound.response(then: {})
            }
            guard await gate.claim() else { return CallbackPage.alreadyDone.response(then: {}) }
            let outcome = await handle(RedirectQuery.parse(request.uri.query ?? ""))
            return outcome.page.response {
                finish.yield(outcome.result)
                finish.finish()
            }
        }
        var logger = Logger(label: "cognito-session-login")
        logger.logLevel = .critical
        let bound = Bound()
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in
                await bound.set()
                await ready()
            }, logger: logger)
        let port = port
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                do {
                    try await app.runService(gracefulShutdownSignals: [])
                } catch {
                    let listening = await bound.isSet
                    if error is CancellationError || listening { throw error }
                    throw ToolError(
                        "cannot listen on 127.0.0.1:\(port) for the redirect (\(error)); is another sign-in "
                            + "running? Use another callback URL registered on the app client.")
                }
                return nil
            }
            group.addTask {
                for await result in finished { return try result.get() }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }
}

/// Lets exactly one request through.
private actor FirstCallback {
    private var claimed = false

    func claim() -> Bool {
        defer { claimed = true }
        return !claimed
    }
}

/// Whether the listener got its port.
private actor Bound {
    private(set) var isSet = false
    func set() { isSet = true }
}

/// The small pages the listener answers the browser with.
struct CallbackPage: Sendable {
    let status: HTTPResponse.Status
    let message: String

    static let notFound = CallbackPage(status: .notFound, message: "This is not the sign-in callback.")
    static let alreadyDone = CallbackPage(
        status: .conflict, message: "cognito-session already took a sign-in on this address. You can close this tab.")

    static func signedIn(as name: String) -> CallbackPage {
        CallbackPage(status: .ok, message: "Signed in as \(name). You can close this tab and return to the terminal.")
    }

    static func failed(_ reason: String) -> CallbackPage {
        CallbackPage(
            status: .badRequest,
            message: "The sign-in did not complete: \(reason). You can close this tab; the terminal says more.")
    }

    /// The page as HTML (the message escaped), answered with `Connection: close`; `then` runs once the body is
    /// written.
    func response(then: @escaping @Sendable () -> Void) -> Response {
        let html =
            "<!doctype html><meta charset=\"utf-8\"><title>cognito-session</title>"
            + "<p style=\"font-family:sans-serif\">\(Self.escapeHTML(message))</p>\n"
        let bytes = ByteBuffer(string: html)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.connection] = "close"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(contentLength: bytes.readableBytes) { writer in
                try await writer.write(bytes)
                try await writer.finish(nil)
                then()
            })
    }

    static func escapeHTML(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
