/// Where the service sent a code: a masked destination, the medium and the attribute used.
public struct CodeDeliveryDetails: Codable, Sendable, Hashable {
    /// The masked destination, e.g. `a***@e***.com` or `+*******1234`.
    public var destination: String?
    /// `SMS` or `EMAIL`.
    public var deliveryMedium: String?
    /// The attribute the code went to, e.g. `email` or `phone_number`.
    public var attributeName: String?

    /// Creates delivery details.
    public init(destination: String? = nil, deliveryMedium: String? = nil, attributeName: String? = nil) {
        self.destination = destination
        self.deliveryMedium = deliveryMedium
        self.attributeName = attributeName
    }

    private enum CodingKeys: String, CodingKey {
        case destination = "Destination", deliveryMedium = "DeliveryMedium", attributeName = "AttributeName"
    }
}
