import Foundation

/// A request body as the pool reads it: a JSON object with typed, validated access. Decoding is
/// deliberately independent of the library's own Codable types, so a wrong field name on the
/// client side fails here the way it would fail at the service.
struct WireObject {
    let fields: [String: Any]

    init(_ fields: [String: Any]) { self.fields = fields }

    init(body: Data) throws {
        guard !body.isEmpty else { self.fields = [:]; return }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw ServiceFault(
                name: "SerializationException", message: "Start of structure or map found where not expected.")
        }
        self.fields = object
    }

    var keys: [String] { fields.keys.sorted() }

    func optionalString(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, is NSNull: return nil
        case let value as String: return value
        default: throw ServiceFault(name: "SerializationException", message: "Expected a string for \(key).")
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key), !value.isEmpty else { throw ServiceFault.missing(key) }
        return value
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, is NSNull: return nil
        case let value as Bool: return value
        default: throw ServiceFault(name: "SerializationException", message: "Expected a boolean for \(key).")
        }
    }

    func optionalInt(_ key: String) throws -> Int? {
        switch fields[key] {
        case nil, is NSNull: return nil
        case let value as Int: return value
        default: throw ServiceFault(name: "SerializationException", message: "Expected a number for \(key).")
        }
    }

    func optionalObject(_ key: String) throws -> WireObject? {
        switch fields[key] {
        case nil, is NSNull: return nil
        case let value as [String: Any]: return WireObject(value)
        default: throw ServiceFault(name: "SerializationException", message: "Expected a structure for \(key).")
        }
    }

    /// A string map such as AuthParameters or ChallengeResponses; `null` members are dropped, as
    /// the service ignores them.
    func stringMap(_ key: String) throws -> [String: String] {
        guard let object = try optionalObject(key) else { return [:] }
        var out: [String: String] = [:]
        for (name, value) in object.fields {
            switch value {
            case is NSNull: continue
            case let string as String: out[name] = string
            default: throw ServiceFault(name: "SerializationException", message: "Expected strings in \(key).")
            }
        }
        return out
    }

    /// A list of `{Name, Value}` attributes.
    func attributes(_ key: String) throws -> [String: String] {
        guard let list = fields[key] else { return [:] }
        guard let items = list as? [[String: Any]] else {
            throw ServiceFault(name: "SerializationException", message: "Expected a list for \(key).")
        }
        var out: [String: String] = [:]
        for item in items {
            guard let name = item["Name"] as? String else { throw ServiceFault.missing("\(key).member.Name") }
            out[name] = item["Value"] as? String ?? ""
        }
        return out
    }

    func stringList(_ key: String) throws -> [String] {
        guard let list = fields[key] else { return [] }
        guard let items = list as? [String] else {
            throw ServiceFault(name: "SerializationException", message: "Expected a list of strings for \(key).")
        }
        return items
    }
}

/// `[{Name, Value}]`, sorted by name, as the service lists attributes.
func wireAttributes(_ attributes: [String: String]) -> [[String: String]] {
    attributes.keys.sorted().map { ["Name": $0, "Value": attributes[$0] ?? ""] }
}
