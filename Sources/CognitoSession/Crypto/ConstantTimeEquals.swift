import CCognitoOpenSSL

/// Whether `lhs` and `rhs` hold the same bytes, compared with `CRYPTO_memcmp`: the time taken
/// depends on the lengths only, never on where the first difference is.
///
/// Use it for every comparison of a secret (a signature, a SECRET_HASH, a client secret, a code).
/// Inputs of different lengths are unequal; the lengths themselves are not hidden.
package func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard !lhs.isEmpty else { return true }
    return lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
    }
}

/// Whether two strings have the same UTF-8 bytes, compared in constant time (see the byte form).
///
/// Unlike `==`, which compares strings by canonical equivalence, this compares the exact bytes,
/// as a service compares a secret.
package func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    var left = Array(lhs.utf8)
    var right = Array(rhs.utf8)
    defer {
        left.secureClear()
        right.secureClear()
    }
    return constantTimeEquals(left, right)
}

/// ``constantTimeEquals(_:_:)-(String,String)`` where either side may be missing: equal when both
/// are missing, or both present and equal.
package func constantTimeEquals(_ lhs: String?, _ rhs: String?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): true
    case (let lhs?, let rhs?): constantTimeEquals(lhs, rhs)
    default: false
    }
}
