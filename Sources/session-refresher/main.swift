// A child process for the cross-process refresh tests: one pool, over real HTTP, on a shared store,
// many concurrent getSession() calls for one user. Not a product.
//
//   session-refresher --endpoint URL --pool ID --client ID --user NAME (--file PATH | --postgres URL --table NAME)
//                     [--tasks 50] [--clock-offset SECONDS] [--lease-timeout SECONDS] [--no-rotation]
//
// --postgres postgres://USER@HOST:PORT/DATABASE (no password, no TLS: a test server) stores the sessions in
// PostgresSessionStorage's table --table instead of a FileStorage file.
//
// Prints one line per task: `ok <fingerprint>` (the SHA-256 of the access token it got, in hex: never
// the token) or `error <retryable|terminal> <description>`, then `done`. Exit status 0 when every task
// got a session.
import CognitoSession
import CognitoSessionPostgres
import CognitoSessionTesting
import Foundation
import PostgresNIO

struct Options {
    var endpoint: URL?
    var pool = ""
    var client = ""
    var user = ""
    var file = ""
    var postgres: URLComponents?
    var table = ""
    var tasks = 50
    var clockOffset: TimeInterval = 0
    var leaseTimeout: Double = 30
    var rotation = true

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--endpoint": endpoint = URL(string: try value(flag))
            case "--pool": pool = try value(flag)
            case "--client": client = try value(flag)
            case "--user": user = try value(flag)
            case "--file": file = try value(flag)
            case "--postgres": postgres = URLComponents(string: try value(flag))
            case "--table": table = try value(flag)
            case "--tasks": tasks = try Self.number(value(flag), flag)
            case "--clock-offset": clockOffset = TimeInterval(try Self.number(value(flag), flag))
            case "--lease-timeout": leaseTimeout = Double(try Self.number(value(flag), flag))
            case "--no-rotation": rotation = false
            default: throw UsageError("unknown option \(flag)")
            }
        }
        guard endpoint != nil, !pool.isEmpty, !client.isEmpty, !user.isEmpty, tasks > 0,
            !file.isEmpty || (postgres?.host != nil && postgres?.user != nil && !table.isEmpty)
        else {
            throw UsageError(
                "--endpoint, --pool, --client, --user and --file (or --postgres postgres://USER@HOST:PORT/DB and --table) are required"
            )
        }
    }

    private static func number(_ text: String, _ flag: String) throws -> Int {
        guard let number = Int(text) else { throw UsageError("\(flag) needs a whole number") }
        return number
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The SHA-256 of `token` in hexadecimal: comparable between processes, and no secret.
func fingerprint(_ token: String) -> String {
    let digest = (try? SHA256.hash(Array(token.utf8))) ?? []
    return digest.map { String(format: "%02x", $0) }.joined()
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let clock = OffsetClock()
    clock.advance(by: options.clockOffset)
    let configuration = CognitoUserPool.Configuration(
        endpoint: options.endpoint, retryPolicy: .none, refreshTokenRotation: options.rotation, clock: clock,
        refreshLeaseTimeout: .seconds(options.leaseTimeout))
    let storage: any SessionStorage
    if let url = options.postgres, let host = url.host, let user = url.user {
        let client = PostgresClient(
            configuration: .init(
                host: host, port: url.port ?? 5432, username: user, password: nil,
                database: String(url.path.drop { $0 == "/" }), tls: .disable))
        Task { await client.run() }  // for the life of the process
        storage = PostgresSessionStorage(client: client, tableName: options.table)
    } else {
        storage = FileStorage(fileURL: URL(fileURLWithPath: options.file))
    }
    let pool = try CognitoUserPool(
        userPoolId: options.pool, clientId: options.client, clientSecret: nil, storage: storage,
        transport: URLSessionTransport(requestTimeout: .seconds(30)), configuration: configuration)
    let lines = await withTaskGroup(of: String.self) { group in
        for _ in 0..<options.tasks {
            group.addTask {
                do {
                    let session = try await pool.user(named: options.user).getSession()
                    return "ok " + fingerprint(session.accessToken.jwtToken)
                } catch let error as any CognitoSessionError {
                    return "error \(error.isRetryable ? "retryable" : "terminal") \(error)"
                } catch {
                    return "error terminal \(error)"
                }
            }
        }
        var lines: [String] = []
        for await line in group { lines.append(line) }
        return lines
    }
    print(lines.joined(separator: "\n"))
    print("done")
    exit(lines.allSatisfy { $0.hasPrefix("ok ") } ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("session-refresher: \(error)\n".utf8))
    exit(64)
}
