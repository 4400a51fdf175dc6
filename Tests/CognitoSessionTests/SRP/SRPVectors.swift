import Foundation

/// The pycognito-generated fixture (scripts/generate_srp_vectors.py).
struct SRPVectors: Decodable {
    struct Server: Decodable {
        let verifier, b, B, S: String
    }

    struct Exchange: Decodable {
        let poolName, userIdForSRP, password: String
        let a, A, APadded, B, BPadded, salt, saltPadded: String
        let u, uPadded, x, S, SPadded, key: String
        let secretBlock, timestamp, signature: String
        let server: Server
    }

    struct PasswordCase: Decodable {
        let name, poolId: String
        let exchange: Exchange

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            poolId = try container.decode(String.self, forKey: .poolId)
            exchange = try Exchange(from: decoder)
        }

        private enum CodingKeys: String, CodingKey { case name, poolId }
    }

    struct DeviceCase: Decodable {
        let name, deviceGroupKey, deviceKey: String
        let randomPasswordBytesHex, randomPassword, saltBytesHex, saltPaddedHex, verifierPaddedHex: String
        let saltBase64, verifierBase64: String
        let exchange: Exchange
    }

    struct Timestamp: Decodable {
        let unix: Int
        let string: String
    }

    let N, g, k: String
    let passwordCases: [PasswordCase]
    let deviceCases: [DeviceCase]
    let timestamps: [Timestamp]

    static let shared: SRPVectors = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/srp_vectors.json")
        do {
            return try JSONDecoder().decode(SRPVectors.self, from: Data(contentsOf: url))
        } catch {
            preconditionFailure("cannot read the SRP fixture at \(url.path): \(error)")
        }
    }()
}
