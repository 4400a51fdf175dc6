/// The subset of CBOR (RFC 8949) that WebAuthn uses: integers, byte and text strings, arrays, maps,
/// booleans and null. Attestation objects, COSE keys and authenticator extensions are made of nothing else.
package enum CBOR: Hashable, Sendable {
    case integer(Int)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    case map([CBOR: CBOR])
    case bool(Bool)
    case null

    /// The member `key` of a map, or nil.
    package subscript(key: CBOR) -> CBOR? {
        if case .map(let members) = self { members[key] } else { nil }
    }

    package var integerValue: Int? { if case .integer(let value) = self { value } else { nil } }
    package var bytesValue: [UInt8]? { if case .bytes(let value) = self { value } else { nil } }
    package var textValue: String? { if case .text(let value) = self { value } else { nil } }
}

/// Why a CBOR item could not be read.
package enum CBORError: Error, Hashable, Sendable {
    /// The input ended inside an item.
    case truncated
    /// Bytes were left after the item.
    case trailingBytes
    /// Nested deeper than ``CBORDecoder/maximumDepth``, or longer than the input could hold.
    case tooLarge
    /// An indefinite length, a tag, a float, an undefined or unassigned simple value, a length or
    /// integer not in its shortest form, a duplicate map key, or text that is not UTF-8.
    case notAllowed
}

/// A strict CBOR decoder: definite lengths only, shortest-form heads, no tags or floats, no
/// duplicate map keys, nesting at most ``maximumDepth`` levels. Never traps on any input.
package struct CBORDecoder {
    /// The deepest nesting read; a COSE key inside an attestation object is three levels deep.
    package static let maximumDepth = 16

    private let bytes: [UInt8]
    private(set) var offset: Int

    private init(_ bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The one item that `bytes` holds, nothing after it.
    package static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBOR {
        let (item, end) = try decodePrefix(bytes, from: 0)
        guard end == bytes.count else { throw .trailingBytes }
        return item
    }

    /// The item starting at `start`, and the offset just past it.
    package static func decodePrefix(_ bytes: [UInt8], from start: Int) throws(CBORError) -> (CBOR, Int) {
        var decoder = CBORDecoder(bytes, offset: start)
        let item = try decoder.item(depth: 0)
        return (item, decoder.offset)
    }

    private mutating func byte() throws(CBORError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func take(_ count: Int) throws(CBORError) -> [UInt8] {
        guard count <= bytes.count - offset else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// The argument of a head whose low five bits are `info`, in shortest form.
    private mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
        let width: Int
        switch info {
        case 0..<24: return UInt64(info)
        case 24: width = 1
        case 25: width = 2
        case 26: width = 4
        case 27: width = 8
        default: throw .notAllowed
        }
        var value: UInt64 = 0
        for byte in try take(width) { value = value << 8 | UInt64(byte) }
        let smallest: UInt64 = width == 1 ? 24 : 1 << (UInt64(width) * 4)
        guard value >= smallest else { throw .notAllowed }
        return value
    }

    /// A length that the rest of the input can hold (each element takes at least one byte).
    private mutating func length(_ info: UInt8) throws(CBORError) -> Int {
        let value = try argument(info)
        guard value <= UInt64(bytes.count - offset) else { throw .tooLarge }
        return Int(value)
    }

    private mutating func item(depth: Int) throws(CBORError) -> CBOR {
        guard depth < Self.maximumDepth else { throw .tooLarge }
        let head = try byte()
        let info = head & 0x1F
        switch head >> 5 {
        case 0:
            let value = try argument(info)
            guard value <= UInt64(Int.max) else { throw .tooLarge }
            return .integer(Int(value))
        case 1:
            let value = try argument(info)
            guard value <= UInt64(Int.max) else { throw .tooLarge }
            return .integer(-1 - Int(value))
        case 2:
            return .bytes(try take(try length(info)))
        case 3:
            let raw = try take(try length(info))
            let text = String(decoding: raw, as: UTF8.self)
            guard text.utf8.elementsEqual(raw) else { throw .notAllowed }
            return .text(text)
        case 4:
            let count = try length(info)
            var elements: [CBOR] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try item(depth: depth + 1)) }
            return .array(elements)
        case 5:
            let count = try length(info)
            var members: [CBOR: CBOR] = [:]
            for _ in 0..<count {
                let key = try item(depth: depth + 1)
                let value = try item(depth: depth + 1)
                guard members.updateValue(value, forKey: key) == nil else { throw .notAllowed }
            }
            return .map(members)
        case 7:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            default: throw .notAllowed
            }
        default:
            throw .notAllowed
        }
    }
}

extension CBOR {
    /// The canonical encoding (RFC 8949 §4.2.1, as CTAP2 requires): shortest heads, map keys
    /// sorted by their encoded bytes.
    package var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    private func encode(into out: inout [UInt8]) {
        switch self {
        case .integer(let value) where value >= 0: Self.head(0, UInt64(value), into: &out)
        case .integer(let value): Self.head(1, UInt64(-1 - value), into: &out)
        case .bytes(let value):
            Self.head(2, UInt64(value.count), into: &out)
            out += value
        case .text(let value):
            Self.head(3, UInt64(value.utf8.count), into: &out)
            out += value.utf8
        case .array(let elements):
            Self.head(4, UInt64(elements.count), into: &out)
            for element in elements { element.encode(into: &out) }
        case .map(let members):
            Self.head(5, UInt64(members.count), into: &out)
            let sorted = members.map { (key: $0.key.encoded, value: $0.value) }.sorted {
                $0.key.lexicographicallyPrecedes($1.key)
            }
            for member in sorted {
                out += member.key
                member.value.encode(into: &out)
            }
        case .bool(let value): out.append(value ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        }
    }

    private static func head(_ major: UInt8, _ value: UInt64, into out: inout [UInt8]) {
        let type = major << 5
        switch value {
        case 0..<24: out.append(type | UInt8(value))
        case 24...0xFF: out += [type | 24, UInt8(value)]
        case 0x100...0xFFFF: out += [type | 25] + bigEndian(value, width: 2)
        case 0x1_0000...0xFFFF_FFFF: out += [type | 26] + bigEndian(value, width: 4)
        default: out += [type | 27] + bigEndian(value, width: 8)
        }
    }

    private static func bigEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }
}
