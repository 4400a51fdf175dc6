#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The host of an endpoint override, classified strictly so that what counts as loopback is
/// exactly what a reader of the URL sees.
///
/// - An IPv4 address is a plain dotted quad of decimal octets 0...255 without leading zeros.
///   Hosts that a resolver or URL parser might read as a number in another spelling
///   (`0127.0.0.1`, `127.1`, `0x7f.0.0.1`, `2130706433`, `127.000.0.1`) are ``numericOther``.
/// - An IPv6 address is written in brackets (`[::1]`); only `::1` is loopback.
/// - A name is dot-separated labels of ASCII letters, digits, `-` (not first or last) and `_`;
///   only `localhost` is loopback.
package enum EndpointHost: Hashable, Sendable {
    /// A canonical dotted quad, e.g. `127.0.0.1`.
    case ipv4([UInt8])
    /// An IPv6 address, without brackets, lowercased, e.g. `::1`.
    case ipv6(String)
    /// A DNS name, lowercased, e.g. `localhost` or `cognito-idp.us-east-1.amazonaws.com`.
    case name(String)
    /// A host that ends in a number but is not a canonical dotted quad, e.g. `127.1`.
    case numericOther(String)

    /// Classifies a host as it appears in a URL (percent-encoded form, brackets optional for
    /// IPv6); `nil` for anything else: empty, a percent sign, or characters no host may hold.
    package init?(_ text: String) {
        let host = text.lowercased()
        guard !host.isEmpty, !host.contains("%"), host.utf8.count <= 255 else { return nil }
        if host.hasPrefix("[") || host.contains(":") {
            guard let address = Self.ipv6(host) else { return nil }
            self = .ipv6(address)
            return
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let last = labels.last(where: { !$0.isEmpty }) ?? ""
        if Self.isNumber(last) {
            if let octets = Self.dottedQuad(labels) { self = .ipv4(octets) } else { self = .numericOther(host) }
            return
        }
        guard labels.allSatisfy(Self.isNameLabel) else { return nil }
        self = .name(host)
    }

    /// Whether the host is `localhost`, in 127.0.0.0/8, or `::1`.
    package var isLoopback: Bool {
        switch self {
        case .ipv4(let octets): octets[0] == 127
        case .ipv6(let address): address == "::1"
        case .name(let name): name == "localhost"
        case .numericOther: false
        }
    }

    /// The host as written in an authority: IPv6 addresses in brackets.
    package var authorityForm: String {
        switch self {
        case .ipv4(let octets): octets.map(String.init).joined(separator: ".")
        case .ipv6(let address): "[\(address)]"
        case .name(let name), .numericOther(let name): name
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Whether a label reads as a number to a WHATWG URL parser: decimal digits, or `0x`
    /// followed by hexadecimal digits (or nothing).
    private static func isNumber(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") {
            return bytes.dropFirst(2).allSatisfy(isHexDigit)
        }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// Four decimal octets 0...255, each `0` or without a leading zero; `nil` otherwise.
    private static func dottedQuad(_ labels: [Substring]) -> [UInt8]? {
        guard labels.count == 4 else { return nil }
        var octets: [UInt8] = []
        for label in labels {
            let bytes = Array(label.utf8)
            guard (1...3).contains(bytes.count), bytes.allSatisfy(isDigit),
                bytes.count == 1 || bytes[0] != UInt8(ascii: "0"),
                let value = UInt8(label)
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    private static func isNameLabel(_ label: Substring) -> Bool {
        (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.utf8.allSatisfy { byte in
                isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    /// The address inside optional brackets, if `inet_pton` reads it as IPv6.
    private static func ipv6(_ host: String) -> String? {
        var text = Substring(host)
        if text.hasPrefix("[") {
            guard text.hasSuffix("]"), text.count > 2 else { return nil }
            text = text.dropFirst().dropLast()
        }
        var address = in6_addr()
        guard inet_pton(AF_INET6, String(text), &address) == 1 else { return nil }
        return String(text)
    }
}
