/// An error whose values compare by their kind (`code`) alone; everything else an error carries
/// (paths, messages, limits) is diagnostic. The equality and hashing of every error type of the
/// library, written once.
package protocol CodedError: Hashable {
    associatedtype Code: Hashable & Sendable
    /// The kind of error.
    var code: Code { get }
}

extension CodedError {
    /// Compares the kind of error only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes the kind of error only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
