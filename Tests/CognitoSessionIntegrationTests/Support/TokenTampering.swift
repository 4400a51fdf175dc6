import CognitoSessionTesting

enum TokenTampering {
    /// `token` with one bit of the first signature byte flipped, re-encoded: the same header and claims.
    static func flippingSignature(_ token: String) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, var signature = Base64URL.decode(parts[2]), !signature.isEmpty else { return token }
        signature[0] ^= 0x01
        parts[2] = Base64URL.encode(signature)
        return parts.joined(separator: ".")
    }
}
