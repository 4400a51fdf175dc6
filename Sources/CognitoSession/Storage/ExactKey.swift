/// A storage key compared byte for byte.
///
/// Swift's `String` equality (and so `Dictionary<String, _>`) uses Unicode canonical
/// equivalence: "José" written with U+00E9 and "José" written as `e` + U+0301 are one key. A
/// user name is an exact byte string to Cognito and to the JS library, so the stores key their
/// dictionaries by this wrapper instead: two keys are equal when their UTF-8 bytes are, and
/// they sort by those bytes (the order of Unicode code points).
struct ExactKey: Hashable, Comparable, Sendable {
    /// The key as given.
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.string.utf8.elementsEqual(rhs.string.utf8) }

    static func < (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        // Always hash a contiguous buffer, so equal bytes hash equally whatever the storage.
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            Array(string.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

extension Dictionary where Key == ExactKey, Value == String {
    /// The items keyed by exact bytes.
    init(exactKeys items: [String: String]) {
        self.init(minimumCapacity: items.count)
        for (key, value) in items { self[ExactKey(key)] = value }
    }

    /// Every pair, in UTF-8 byte order of the keys.
    var sortedPairs: [(key: String, value: String)] {
        sorted { $0.key < $1.key }.map { (key: $0.key.string, value: $0.value) }
    }

    /// Whether every key in `expected` holds exactly the given value (nil: absent).
    func matches(_ expected: [String: String?]) -> Bool {
        expected.allSatisfy { key, value in sameStoredValue(self[ExactKey(key)], value) }
    }

    /// The items as a `[String: String]`. Keys that are byte-distinct but canonically equivalent
    /// are one `String` key there: the value kept is that of the first such key in byte order.
    var stringDictionary: [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(count)
        for (key, value) in sortedPairs where result[key] == nil { result[key] = value }
        return result
    }
}

/// Whether a stored value is exactly `expected`, byte for byte (nil: absent).
func sameStoredValue(_ stored: String?, _ expected: String?) -> Bool {
    switch (stored, expected) {
    case (nil, nil): true
    case (let stored?, let expected?): stored.utf8.elementsEqual(expected.utf8)
    default: false
    }
}
