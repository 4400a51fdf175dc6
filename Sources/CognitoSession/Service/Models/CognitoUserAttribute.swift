/// A user attribute: a name such as `email` or `custom:team` and its value.
public struct CognitoUserAttribute: Codable, Sendable, Hashable {
    /// The attribute name, e.g. `email`.
    public var name: String
    /// The attribute value (empty when the service sent none).
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name", value = "Value"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    }
}
