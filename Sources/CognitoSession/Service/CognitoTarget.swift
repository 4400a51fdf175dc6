import HTTPTypes

extension HTTPRequest {
    /// The Cognito user pools operation this request calls, from its `X-Amz-Target` header
    /// (`AWSCognitoIdentityProviderService.<Operation>`); nil for any other request.
    ///
    /// The one parser of the header, for transports, test doubles and emulators.
    public var cognitoOperationName: String? {
        guard let target = headerFields[.amzTarget], target.hasPrefix(CognitoOperation.targetPrefix) else {
            return nil
        }
        let name = target.dropFirst(CognitoOperation.targetPrefix.count)
        return name.isEmpty ? nil : String(name)
    }

    /// Sets `X-Amz-Target` for the operation `name`.
    public mutating func setCognitoOperation(_ name: String) {
        headerFields[.amzTarget] = CognitoOperation.targetPrefix + name
    }
}

extension HTTPField.Name {
    /// `X-Amz-Target`: which operation of the JSON 1.1 protocol a request calls.
    package static let amzTarget = HTTPField.Name("X-Amz-Target")!
}
