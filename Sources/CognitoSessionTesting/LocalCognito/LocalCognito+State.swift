import Foundation

/// The whole registry as `cognito-session serve --state` keeps it.
struct CognitoSnapshot: Codable, Sendable {
    var version = 1
    var clockOffset: TimeInterval?
    var pools: [PoolSnapshot]
}

extension LocalCognito {
    /// Everything the pools keep that outlives a restart — settings, signing keys, clients and their secrets,
    /// users with their SRP verifiers and devices, refresh tokens, revocations, sent codes — as JSON.
    /// Treat it as a secret: it holds the pools' private keys.
    public func state() async throws -> Data {
        var pools: [PoolSnapshot] = []
        for pool in allPools { pools.append(try await pool.snapshot()) }
        let snapshot = CognitoSnapshot(clockOffset: (clock as? OffsetClock)?.currentOffset, pools: pools)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return try encoder.encode(snapshot)
    }

    /// Adds the pools of a saved ``state()``; tokens they issued before stay valid. An ``OffsetClock`` is moved
    /// forward to where it was.
    public func restore(state data: Data) async throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let snapshot: CognitoSnapshot
        do {
            snapshot = try decoder.decode(CognitoSnapshot.self, from: data)
        } catch {
            throw ConfigurationError(description: "the state file is not one cognito-session serve wrote: \(error)")
        }
        guard snapshot.version == 1 else {
            throw ConfigurationError(description: "the state file has version \(snapshot.version), not 1")
        }
        if let offset = snapshot.clockOffset, let clock = clock as? OffsetClock, offset > clock.currentOffset {
            clock.advance(by: offset - clock.currentOffset)
        }
        for saved in snapshot.pools {
            guard pool(id: saved.id) == nil else { continue }
            let pool = try LocalUserPool.restored(saved, clock: clock, issuer: issuer(for: saved.id))
            try await pool.apply(saved)
            await register(pool)
        }
    }
}
