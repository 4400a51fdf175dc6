/// A request body of one Cognito operation, tied to its operation and its response shape.
///
/// Every shape is `Codable` both ways: the client encodes requests and decodes responses, and
/// the testing module's doubles do the reverse. Optional members are left out of the JSON when
/// nil; unknown members in a response are ignored.
package protocol CognitoRequest: Codable, Sendable {
    /// What the service answers with.
    associatedtype Response: Codable, Sendable
    /// The operation this body is sent to.
    static var operation: CognitoOperation { get }
}

/// The response of operations that return nothing (`{}`).
package struct EmptyResponse: Codable, Sendable, Hashable {
    package init() {}
}
