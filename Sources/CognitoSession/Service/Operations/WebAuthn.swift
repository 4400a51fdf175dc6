// Passkey (WebAuthn) management for the signed-in user.

/// StartWebAuthnRegistration: the options (a JSON document) to create a passkey with.
package struct StartWebAuthnRegistrationRequest: CognitoRequest, Hashable {
    package typealias Response = StartWebAuthnRegistrationResponse
    package static var operation: CognitoOperation { .startWebAuthnRegistration }

    package var accessToken: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken" }
}

package struct StartWebAuthnRegistrationResponse: Codable, Sendable, Hashable {
    /// `PublicKeyCredentialCreationOptionsJSON`: challenge, rp, user, pubKeyCredParams, ...
    package var credentialCreationOptions: JSONValue

    private enum CodingKeys: String, CodingKey { case credentialCreationOptions = "CredentialCreationOptions" }
}

/// CompleteWebAuthnRegistration: the authenticator's registration response (a JSON document).
package struct CompleteWebAuthnRegistrationRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .completeWebAuthnRegistration }

    package var accessToken: String
    /// `RegistrationResponseJSON`: id, rawId, type, response.clientDataJSON / attestationObject, ...
    package var credential: JSONValue

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken", credential = "Credential" }
}

/// ListWebAuthnCredentials: one page of the user's passkeys.
package struct ListWebAuthnCredentialsRequest: CognitoRequest, Hashable {
    package typealias Response = ListWebAuthnCredentialsResponse
    package static var operation: CognitoOperation { .listWebAuthnCredentials }

    package var accessToken: String
    package var nextToken: String?
    package var maxResults: Int?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "AccessToken", nextToken = "NextToken", maxResults = "MaxResults"
    }
}

package struct ListWebAuthnCredentialsResponse: Codable, Sendable, Hashable {
    package var credentials: [WebAuthnCredentialDescription]
    package var nextToken: String?

    private enum CodingKeys: String, CodingKey { case credentials = "Credentials", nextToken = "NextToken" }
}

/// DeleteWebAuthnCredential.
package struct DeleteWebAuthnCredentialRequest: CognitoRequest, Hashable {
    package typealias Response = EmptyResponse
    package static var operation: CognitoOperation { .deleteWebAuthnCredential }

    package var accessToken: String
    package var credentialId: String

    private enum CodingKeys: String, CodingKey { case accessToken = "AccessToken", credentialId = "CredentialId" }
}
