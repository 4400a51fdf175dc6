import CognitoSession
import Foundation
import HTTPTypes

extension LocalCognito {
    /// Every operation the endpoint answers; any other target is an `UnknownOperationException`.
    static let operations = Set<String>([
        // What the library calls (LocalUserPool's own operations).
        "InitiateAuth", "RespondToAuthChallenge", "GetTokensFromRefreshToken", "RevokeToken", "GlobalSignOut",
        "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword",
        "ChangePassword", "GetUser", "UpdateUserAttributes", "DeleteUserAttributes", "DeleteUser",
        "GetUserAttributeVerificationCode", "VerifyUserAttribute", "SetUserMFAPreference", "SetUserSettings",
        "AssociateSoftwareToken", "VerifySoftwareToken", "ConfirmDevice", "UpdateDeviceStatus", "ForgetDevice",
        "GetDevice", "ListDevices",
        // Passkeys.
        "StartWebAuthnRegistration", "CompleteWebAuthnRegistration", "ListWebAuthnCredentials",
        "DeleteWebAuthnCredential", "SetUserPoolMfaConfig", "GetUserPoolMfaConfig",
        // Pools and clients.
        "CreateUserPool", "DescribeUserPool", "UpdateUserPool", "ListUserPools", "DeleteUserPool",
        "CreateUserPoolClient",
        "DescribeUserPoolClient", "UpdateUserPoolClient", "ListUserPoolClients", "DeleteUserPoolClient",
        // Administration of users.
        "AdminCreateUser", "AdminSetUserPassword", "AdminConfirmSignUp", "AdminGetUser", "AdminDeleteUser",
        "AdminDisableUser", "AdminEnableUser", "AdminUpdateUserAttributes", "ListUsers", "AdminInitiateAuth",
        "AdminRespondToAuthChallenge", "AdminUserGlobalSignOut", "AdminListDevices", "AdminForgetDevice",
    ]).union(LocalUserPool.oauth2Operations)

    static let needsUserPoolId = [
        "Admin", "DescribeUserPool", "UpdateUserPool", "CreateUserPoolClient", "DescribeUserPoolClient",
        "UpdateUserPoolClient", "DeleteUserPoolClient", "SetUserPoolMfaConfig", "GetUserPoolMfaConfig",
        "CreateUserPoolDomain", "DeleteUserPoolDomain", "CreateResourceServer", "DescribeResourceServer",
        "ListResourceServers", "UpdateResourceServer", "DeleteResourceServer",
    ]
    static let needsAccessToken: Set<String> = [
        "GlobalSignOut", "ChangePassword", "GetUser", "UpdateUserAttributes", "DeleteUserAttributes", "DeleteUser",
        "GetUserAttributeVerificationCode", "VerifyUserAttribute", "SetUserMFAPreference", "SetUserSettings",
        "VerifySoftwareToken", "ConfirmDevice", "UpdateDeviceStatus", "ForgetDevice", "GetDevice", "ListDevices",
        "StartWebAuthnRegistration", "CompleteWebAuthnRegistration", "ListWebAuthnCredentials",
        "DeleteWebAuthnCredential",
    ]

    static func isReadOnly(_ operation: String) -> Bool {
        ["Describe", "List", "GetUser", "GetDevice"].contains(where: operation.hasPrefix)
            && operation != "GetUserAttributeVerificationCode"
    }

    /// The region in a Signature V4 `Authorization` header (`Credential=KEY/DATE/REGION/cognito-idp/aws4_request`);
    /// the signature itself is not checked.
    static func signingRegion(_ authorization: String) -> String? {
        guard let range = authorization.range(of: "Credential=") else { return nil }
        let scope = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }.split(separator: "/")
        guard scope.count >= 5, !scope[2].isEmpty,
            scope[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        return String(scope[2])
    }

    /// The pool id at the end of an access token's `iss` (the pool checks the signature itself).
    static func issuerPool(of token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])),
            let claims = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
            let issuer = claims["iss"] as? String, let last = issuer.split(separator: "/").last
        else { return nil }
        return String(last)
    }

    static func noPool(_ id: String) -> ServiceFault { .resourceNotFound("User pool \(id) does not exist.") }

    static func ok(_ object: [String: Any]) -> (HTTPResponse, Data) {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return (HTTPResponse(status: .ok, headerFields: ServiceFault.headers()), body)
    }
}

extension ServiceFault {
    /// JSON 1.1 headers with a fresh `x-amzn-RequestId`.
    static func headers() -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-amz-json-1.1"
        fields[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        return fields
    }

    /// The refusal as the service sends it: status, `x-amzn-ErrorType`, and `{"__type", "message"}`.
    func response() -> (HTTPResponse, Data) {
        var fields = Self.headers()
        fields[HTTPField.Name("x-amzn-ErrorType")!] = "\(name):"
        let body =
            (try? JSONSerialization.data(
                withJSONObject: ["__type": name, "message": message],
                options: [.sortedKeys])) ?? Data()
        return (HTTPResponse(status: .init(code: status), headerFields: fields), body)
    }
}

extension LocalUserPool {
    func setName(_ name: String) {
        administration.name = name
        if administration.created.timeIntervalSince1970 == 0 {
            administration.created = now()
            administration.lastModified = now()
        }
    }

    func describeJSON() throws -> Data { try JSONSerialization.data(withJSONObject: describePool()) }

    func summaryJSON() throws -> Data {
        let pool = describePool()
        return try JSONSerialization.data(withJSONObject: [
            "Id": pool["Id"] ?? "", "Name": pool["Name"] ?? "", "CreationDate": pool["CreationDate"] ?? 0,
            "LastModifiedDate": pool["LastModifiedDate"] ?? 0,
        ])
    }

    func configure(fromCreateRequestJSON body: Data) throws {
        try configure(fromCreateRequest: WireObject(body: body))
    }

    func createResourceServer(fromJSON body: Data) throws {
        _ = try handleOAuth2Administration("CreateResourceServer", WireObject(body: body))
    }

    /// Adds a client from a CreateUserPoolClient request body; returns its id.
    func createClient(fromJSON body: Data, fixedID: String?, fixedSecret: String?) throws -> String {
        let described = try createUserPoolClient(WireObject(body: body), fixedID: fixedID, fixedSecret: fixedSecret)
        return try (described["ClientId"] as? String).orThrow()
    }
}
