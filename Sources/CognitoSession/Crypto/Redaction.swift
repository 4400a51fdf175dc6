/// How `customMirror`s show secrets: as ``marker``, so `dump`, `Mirror` and `String(reflecting:)`
/// say a value is there without showing it.
package enum Redaction {
    /// What a secret is shown as.
    package static let marker = "<redacted>"

    /// The names of `AuthParameters`, `ChallengeParameters` and `ChallengeResponses` whose values
    /// are not secret; every other value is shown as ``marker``.
    package static let publicParameterNames: Set<String> = [
        "USERNAME", "USER_ID_FOR_SRP", "DEVICE_KEY", "CODE_DELIVERY_DELIVERY_MEDIUM", "CODE_DELIVERY_DESTINATION",
        "MFAS_CAN_SETUP", "MFAS_CAN_CHOOSE", "requiredAttributes",
    ]

    /// ``marker`` for a secret that is there, nil for one that is not.
    package static func secret(_ value: (some Any)?) -> String? { value.map { _ in marker } }

    /// ``marker`` for a secret string, or `""` when it is empty (so an absent token shows as absent).
    package static func secret(_ value: String) -> String { value.isEmpty ? "" : marker }

    /// The same keys, with every value not named in ``publicParameterNames`` shown as ``marker``.
    package static func parameters(_ parameters: [String: String]) -> [String: String] {
        var shown: [String: String] = [:]
        for (name, value) in parameters { shown[name] = publicParameterNames.contains(name) ? value : marker }
        return shown
    }

    /// ``parameters(_:)`` of an optional dictionary.
    package static func parameters(_ parameters: [String: String]?) -> [String: String]? {
        parameters.map { Self.parameters($0) }
    }
}
