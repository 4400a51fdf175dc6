/// The PostgreSQL advisory lock keys ``PostgresSessionStorage`` takes, from FNV-1a hashes of UTF-8 bytes
/// (stable across processes, machines and releases, unlike Swift's `Hasher`).
///
/// - A refresh lease (a session-level lock, held on a connection of its own) is the one-argument, 64-bit
///   key: `pg_advisory_lock(fnv1a64(lease name))`, the hash read as a signed `bigint`.
/// - A row lock (transaction-level, taken by each update for every key it touches) is the two-argument
///   key `pg_advisory_xact_lock(fnv1a32(table name), fnv1a32(storage key))`.
///
/// PostgreSQL keeps one-argument and two-argument keys apart, so a lease never collides with a row lock.
/// Two names with the same hash only share a lock: they wait for each other, nothing more.
enum AdvisoryLockKey {
    /// The key of the refresh lease `name`.
    static func lease(_ name: String) -> Int64 { Int64(bitPattern: fnv1a64(name.utf8)) }

    /// The first argument of the row locks of `table`.
    static func rowLockSpace(table: String) -> Int32 { Int32(bitPattern: fnv1a32(table.utf8)) }

    /// The second arguments of the row locks of `keys`, without repeats, in ascending order (so two
    /// updates take their common locks in the same order and never deadlock).
    static func rowLocks(keys: [String]) -> [Int32] {
        Set(keys.map { Int32(bitPattern: fnv1a32($0.utf8)) }).sorted()
    }

    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func fnv1a32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}
