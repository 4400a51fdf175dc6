/// A user pool id, `<region>_<id>`, split into its parts.
///
/// Accepts what the service's pattern `[\w-]+_[0-9a-zA-Z]+` (at most 55 characters) accepts,
/// except that the region, which becomes part of a host name, is limited to letters, digits
/// and `-`. The region is the text before the first underscore, as the JS library takes it.
package struct UserPoolID: Hashable, Sendable, CustomStringConvertible {
    /// The whole id, e.g. `us-east-1_AbC123`.
    package let rawValue: String
    /// The AWS region, e.g. `us-east-1`.
    package let region: String
    /// The part after the underscore, e.g. `AbC123`.
    package let poolName: String

    package init(_ rawValue: String) throws(CognitoConfigurationError) {
        guard rawValue.utf8.count <= 55, let underscore = rawValue.firstIndex(of: "_") else {
            throw .invalidUserPoolId
        }
        let region = rawValue[..<underscore]
        let poolName = rawValue[rawValue.index(after: underscore)...]
        let isRegionCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let isPoolCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard !region.isEmpty, !poolName.isEmpty,
            region.allSatisfy(isRegionCharacter), poolName.allSatisfy(isPoolCharacter)
        else { throw .invalidUserPoolId }
        self.rawValue = rawValue
        self.region = String(region)
        self.poolName = String(poolName)
    }

    package var description: String { rawValue }
}
