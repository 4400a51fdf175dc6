import CognitoSession
import CognitoSessionTesting
import Foundation
import Hummingbird

/// The test controls under `/_local/` (CognitoSession.docc/Testing.md lists them): the codes the pools
/// "sent", the clock, injected faults, the request log. JSON in and out; a bad request is a 400 with
/// `__type` and `message`.
struct ServeControls: Sendable {
    static let prefix = "/_local/"

    let cognito: LocalCognito
    let clock: OffsetClock

    func respond(method: HTTPRequest.Method, path: String, query: String?, body: Data) async -> Response {
        let parts = path.dropFirst(Self.prefix.count).split(separator: "/").map(String.init)
        do {
            switch (method, parts.first ?? "", parts.count) {
            case (.get, "health", 1): return try ok(["Status": "ok"])
            case (.get, "clock", 1): return try ok(clockState())
            case (.post, "clock", 1):
                let object = try Self.object(body)
                guard let seconds = object["AdvanceSeconds"] as? Double, seconds.isFinite, seconds >= 0 else {
                    throw ControlError("AdvanceSeconds must be a number of seconds, 0 or more")
                }
                clock.advance(by: seconds)
                return try ok(clockState())
            case (.post, "faults", 1): return try await injectFault(Self.object(body))
            case (.delete, "faults", 1):
                await cognito.clearFaults()
                return try ok([:])
            case (.get, "requests", 1):
                let log = await cognito.requests.map { exchange -> [String: Any] in
                    var entry: [String: Any] = ["Operation": exchange.operation, "Status": exchange.status]
                    if let type = exchange.errorType { entry["ErrorType"] = type }
                    if let pool = exchange.userPoolId { entry["UserPoolId"] = pool }
                    return entry
                }
                return try ok(["Requests": log])
            case (.delete, "requests", 1):
                await cognito.clearRequestLog()
                return try ok([:])
            case (.get, "pools", 3) where parts[2] == "messages":
                let pool = try await pool(parts[1])
                let username = Self.queryValue("username", in: query)
                let messages = await pool.sentMessages.filter { username == nil || $0.username == username }
                return try ok(["Messages": messages.map(Self.wire)])
            case (.get, "pools", 3) where parts[2] == "authorization-code":
                guard let code = try await pool(parts[1]).lastAuthorizationCode else {
                    throw ControlError("The pool has issued no authorization code yet.")
                }
                return try ok(["Code": code])
            case (.get, "pools", 3) where parts[2] == "requests":
                let log = try await pool(parts[1]).requests.map { request -> [String: Any] in
                    var entry: [String: Any] = [
                        "Operation": request.operation, "FieldNames": request.fieldNames,
                        "ParameterNames": request.parameterNames,
                    ]
                    if let flow = request.authFlow { entry["AuthFlow"] = flow }
                    if let challenge = request.challengeName { entry["ChallengeName"] = challenge }
                    return entry
                }
                return try ok(["Requests": log])
            default:
                return ServeResponder.fault("ResourceNotFoundException", "No test control at \(path).", status: 404)
            }
        } catch let error as ControlError {
            return ServeResponder.fault("InvalidParameterException", error.message)
        } catch {
            return ServeResponder.fault("InvalidParameterException", "\(error)")
        }
    }

    private func pool(_ id: String) async throws -> LocalUserPool {
        guard let pool = await cognito.pool(id: id) else { throw ControlError("User pool \(id) does not exist.") }
        return pool
    }

    private func clockState() -> [String: Any] {
        ["OffsetSeconds": clock.currentOffset, "Now": clock.now().timeIntervalSince1970]
    }

    /// `{"Operation": "InitiateAuth" | "*", "Fault": "latency" | "throttle" | "serverError" | "dropConnection" |
    /// "malformedBody", "Count"?: 1, "Milliseconds"?: for latency, "Status"?: for serverError (500)}`.
    private func injectFault(_ object: [String: Any]) async throws -> Response {
        guard let operation = object["Operation"] as? String, !operation.isEmpty else {
            throw ControlError("Operation is required (an operation name, or * for any)")
        }
        let count = object["Count"] as? Int ?? 1
        guard (1...10_000).contains(count) else { throw ControlError("Count must be 1 to 10000") }
        let fault: LocalUserPool.Fault
        switch object["Fault"] as? String {
        case "latency":
            guard let milliseconds = object["Milliseconds"] as? Int, (0...60_000).contains(milliseconds) else {
                throw ControlError("latency needs Milliseconds, 0 to 60000")
            }
            fault = .latency(.milliseconds(milliseconds))
        case "throttle": fault = .throttle
        case "serverError":
            let status = object["Status"] as? Int ?? 500
            guard (500...599).contains(status) else { throw ControlError("Status must be 500 to 599") }
            fault = .serverError(status: status)
        case "dropConnection": fault = .dropConnection
        case "malformedBody": fault = .malformedBody
        default: throw ControlError("Fault must be latency, throttle, serverError, dropConnection or malformedBody")
        }
        await cognito.inject(fault, into: operation, count: count)
        return try ok([:])
    }

    private static func wire(_ message: LocalUserPool.SentMessage) -> [String: Any] {
        var out: [String: Any] = ["Username": message.username, "Medium": message.medium, "Code": message.code]
        switch message.purpose {
        case .signUp: out["Purpose"] = "SignUp"
        case .forgotPassword: out["Purpose"] = "ForgotPassword"
        case .smsMFA: out["Purpose"] = "SMS_MFA"
        case .emailOTP: out["Purpose"] = "EMAIL_OTP"
        case .smsOTP: out["Purpose"] = "SMS_OTP"
        case .temporaryPassword: out["Purpose"] = "TemporaryPassword"
        case .attributeVerification(let name):
            out["Purpose"] = "AttributeVerification"
            out["Attribute"] = name
        }
        return out
    }

    private static func object(_ body: Data) throws -> [String: Any] {
        if body.isEmpty { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw ControlError("The body must be a JSON object.")
        }
        return object
    }

    private static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            }
        }
        return nil
    }

    private func ok(_ object: [String: Any]) throws -> Response {
        ServeResponder.json(try JSONSerialization.data(withJSONObject: object, options: .sortedKeys))
    }
}

/// A test-control request that makes no sense.
struct ControlError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
