import CognitoSession
import PostgresNIO

/// A failure of ``PostgresSessionStorage``.
///
/// Two values are equal when they have the same kind; the other properties are diagnostics. No stored
/// value (token, device secret) and no query parameter is ever placed in an error or its description:
/// the table name, the operation, the SQLSTATE code and the kind of failure are.
public struct PostgresSessionStorageError: CognitoSessionError, CodedError {
    package enum Code: Hashable, Sendable {
        case invalidTableName, unavailable, serverError, failed
    }

    package let code: Code

    /// What was being done (`getItem`, `updateItems`, `migrate`, `withRefreshLease`, ...), when known.
    public let operation: String?

    /// The table concerned.
    public let tableName: String?

    /// The SQLSTATE code the server answered with (e.g. `42P01`: the table does not exist), for ``serverError``.
    public let sqlState: String?

    /// What happened, in words (never a stored value).
    public let reason: String?

    private init(
        _ code: Code, operation: String? = nil, tableName: String? = nil, sqlState: String? = nil,
        reason: String? = nil
    ) {
        self.code = code
        self.operation = operation
        self.tableName = tableName
        self.sqlState = sqlState
        self.reason = reason
    }

    /// The table name is not an identifier this store accepts: one or two (`schema.table`) parts, each a
    /// letter or `_` followed by up to 62 letters, digits or `_` (ASCII). Nothing was sent to the server.
    public static let invalidTableName = PostgresSessionStorageError(.invalidTableName)

    /// The database could not be reached: no connection within the store's `operationTimeout`, or the
    /// connection was lost (the server stopped, restarted or the network failed). Nothing stored is lost:
    /// an update that failed so was applied whole or not at all. Retryable.
    public static let unavailable = PostgresSessionStorageError(.unavailable)

    /// The server refused a statement; ``sqlState`` says why. Retryable when the SQLSTATE says the same
    /// statement may succeed later (a connection, resource, shutdown, deadlock or serialization failure).
    public static let serverError = PostgresSessionStorageError(.serverError)

    /// Anything else that went wrong talking to the database (a protocol or client failure).
    public static let failed = PostgresSessionStorageError(.failed)

    /// Whether the same call may succeed later, unchanged.
    public var isRetryable: Bool {
        switch code {
        case .unavailable: true
        case .serverError: sqlState.map(Self.isRetryable(sqlState:)) ?? false
        case .invalidTableName, .failed: false
        }
    }

    public var description: String {
        let kind =
            switch code {
            case .invalidTableName: "PostgresSessionStorageError.invalidTableName: the table name is not accepted"
            case .unavailable: "PostgresSessionStorageError.unavailable: the database could not be reached"
            case .serverError: "PostgresSessionStorageError.serverError: the database refused a statement"
            case .failed: "PostgresSessionStorageError.failed: talking to the database failed"
            }
        var details: [String] = []
        if let operation { details.append(operation) }
        if let tableName { details.append("table \(tableName)") }
        if let sqlState { details.append("SQLSTATE \(sqlState)") }
        if let reason { details.append(reason) }
        return details.isEmpty ? kind : kind + " (" + details.joined(separator: "; ") + ")"
    }

    package static func invalidTableName(_ name: String) -> Self {
        // The name is shown escaped and shortened: it is not a secret, but it is arbitrary input.
        let shown = String(name.prefix(80)).debugDescription
        return Self(
            .invalidTableName, tableName: shown,
            reason: "use one or two (schema.table) ASCII identifiers: a letter or _, then letters, digits or _")
    }

    package static func unavailable(_ operation: String, table: String, reason: String) -> Self {
        Self(.unavailable, operation: operation, tableName: table, reason: reason)
    }

    /// The store's error for `error`, thrown by PostgresNIO while doing `operation`.
    package static func from(_ error: any Error, operation: String, table: String) -> any Error {
        switch error {
        case let error as PostgresSessionStorageError: return error
        case is CancellationError: return error
        case let error as PostgresTransactionError:
            let cause = error.beginError ?? error.closureError ?? error.commitError
            return cause.map { from($0, operation: operation, table: table) }
                ?? Self(.failed, operation: operation, tableName: table, reason: "the transaction failed")
        case let error as PSQLError:
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState]
                return Self(
                    .serverError, operation: operation, tableName: table, sqlState: state,
                    reason: state.flatMap(Self.hint(sqlState:)))
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return Self(.unavailable, operation: operation, tableName: table, reason: "\(error.code)")
            case .queryCancelled:
                return Self(.unavailable, operation: operation, tableName: table, reason: "the query was cancelled")
            case .poolClosed:
                return Self(
                    .failed, operation: operation, tableName: table,
                    reason: "the PostgresClient was shut down (its run() returned)")
            default:
                return Self(.failed, operation: operation, tableName: table, reason: "\(error.code)")
            }
        default:
            // NIO's connection errors (connection refused, reset) come here: the database is unreachable.
            // Only the type is named: another library's description is not known to be free of values.
            return Self(.unavailable, operation: operation, tableName: table, reason: "\(type(of: error))")
        }
    }

    private static func isRetryable(sqlState: String) -> Bool {
        // 08 connection exception, 40 transaction rollback (deadlock, serialization), 53 insufficient
        // resources, 57P0x shutdown or not yet accepting, 55P03 lock not available, 57014 query canceled.
        ["08", "40", "53"].contains(String(sqlState.prefix(2)))
            || ["57P01", "57P02", "57P03", "55P03", "57014"].contains(sqlState)
    }

    private static func hint(sqlState: String) -> String? {
        switch sqlState {
        case "42P01": "the table does not exist: call migrate() first"
        case "42501": "the database user lacks a privilege on the table"
        case "3D000": "the database does not exist"
        case "28000", "28P01": "the server refused the user or password"
        case "57P01", "57P02", "57P03": "the server is shutting down or starting"
        default: nil
        }
    }
}
