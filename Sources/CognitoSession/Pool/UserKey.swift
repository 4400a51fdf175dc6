/// A user name compared byte for byte, as the service compares names.
///
/// Swift's `String` equality is canonical equivalence, so "José" precomposed and decomposed are
/// equal strings; to Cognito (and to the storage keys) they are two users. Everything the pool
/// keys by user (the refresh in flight, sessions not yet stored) uses this instead of `String`.
package struct UserKey: Hashable, Sendable {
    package let bytes: [UInt8]

    package init(_ name: String) { bytes = Array(name.utf8) }
}

extension String {
    /// Whether the two strings are the same UTF-8 bytes (not just canonically equivalent).
    package func isSameName(as other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}
