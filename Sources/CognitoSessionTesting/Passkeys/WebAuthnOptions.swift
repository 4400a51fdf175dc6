import CognitoSession

/// `PublicKeyCredentialCreationOptionsJSON` or `PublicKeyCredentialRequestOptionsJSON` as the
/// software passkey reads them (also wrapped in `{"publicKey": ...}`, as `navigator.credentials` takes them).
struct WebAuthnOptions {
    enum Kind { case creation, request }

    private let members: [String: JSONValue]

    init(_ json: String, kind: Kind) throws(SoftwarePasskeyError) {
        guard var object = try? JSONParser.parseObject(Array(json.utf8)) else {
            throw .malformedOptions(
                kind == .creation ? "creation options: not a JSON object" : "request options: not a JSON object")
        }
        if case .object(let inner)? = object["publicKey"] { object = inner }
        members = object
    }

    private func value(_ path: [String]) -> JSONValue? {
        var current: JSONValue = .object(members)
        for name in path {
            guard let next = current[name] else { return nil }
            current = next
        }
        return current
    }

    /// The string at `path`; nil when absent, an error when it is not a string.
    func string(_ path: String...) throws(SoftwarePasskeyError) -> String? {
        switch value(path) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .malformedOptions(path.joined(separator: "."))
        }
    }

    /// The base64url bytes at `path`.
    func bytes(_ path: String...) throws(SoftwarePasskeyError) -> [UInt8]? {
        guard case .string(let text)? = value(path) else { return nil }
        guard let bytes = Base64URL.decode(text), !bytes.isEmpty else {
            throw .malformedOptions(path.joined(separator: "."))
        }
        return bytes
    }

    /// The algorithms of `pubKeyCredParams` of type `public-key`.
    func algorithms() throws(SoftwarePasskeyError) -> [COSEAlgorithm] {
        guard case .array(let entries)? = value(["pubKeyCredParams"]) else {
            throw .malformedOptions("pubKeyCredParams")
        }
        return entries.compactMap { entry in
            guard entry["type"]?.stringValue == "public-key", let alg = entry["alg"]?.numberValue,
                let whole = Int(exactly: alg)
            else { return nil }
            return COSEAlgorithm(rawValue: whole)
        }
    }

    /// The ids of a credential descriptor list (`excludeCredentials`, `allowCredentials`).
    func credentialIds(_ name: String) throws(SoftwarePasskeyError) -> [[UInt8]] {
        switch value([name]) {
        case nil, .null?: return []
        case .array(let entries)?:
            var ids: [[UInt8]] = []
            for entry in entries {
                guard let text = entry["id"]?.stringValue, let id = Base64URL.decode(text) else {
                    throw .malformedOptions("\(name).id")
                }
                ids.append(id)
            }
            return ids
        default: throw .malformedOptions(name)
        }
    }
}
