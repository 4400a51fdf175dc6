import Foundation

/// A page of ``CognitoUser/listWebAuthnCredentials(maxResults:nextToken:)``.
public struct WebAuthnCredentialList: Sendable, Hashable {
    /// The passkeys on this page.
    public let credentials: [WebAuthnCredentialDescription]
    /// Pass it back for the next page; nil on the last one.
    public let nextToken: String?
}

extension CognitoUser {
    /// Starts registering a passkey for the signed-in user (StartWebAuthnRegistration) and returns the
    /// service's `CredentialCreationOptions` as JSON, for the authenticator (a browser's
    /// `PublicKeyCredential.parseCreationOptionsFromJSON`, a platform API, or `SoftwarePasskey` in tests).
    public func startWebAuthnRegistration() async throws -> String {
        let response = try await service.send(StartWebAuthnRegistrationRequest(accessToken: try await accessToken()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(response.credentialCreationOptions), as: UTF8.self)
    }

    /// Completes the registration with the authenticator's answer (CompleteWebAuthnRegistration):
    /// `credential` is its registration response as JSON (`PublicKeyCredential.toJSON()`).
    ///
    /// - Throws: ``CognitoUserError/malformedPasskeyCredential`` when `credential` is not a JSON
    ///   object (nothing is sent); the service's refusals as ``CognitoServiceError``
    ///   (`WebAuthnChallengeNotFoundException`, `WebAuthnOriginNotAllowedException`, ...).
    public func completeWebAuthnRegistration(credential: String) async throws {
        guard let parsed = try? JSONParser.parseObject(Array(credential.utf8)) else {
            throw CognitoUserError.malformedPasskeyCredential
        }
        _ = try await service.send(
            CompleteWebAuthnRegistrationRequest(accessToken: try await accessToken(), credential: .object(parsed)))
    }

    /// The user's passkeys, a page at a time (ListWebAuthnCredentials; at most 20 a page).
    public func listWebAuthnCredentials(
        maxResults: Int? = nil, nextToken: String? = nil
    ) async throws
        -> WebAuthnCredentialList
    {
        let response = try await service.send(
            ListWebAuthnCredentialsRequest(
                accessToken: try await accessToken(), nextToken: nextToken, maxResults: maxResults))
        return WebAuthnCredentialList(credentials: response.credentials, nextToken: response.nextToken)
    }

    /// Deletes one of the user's passkeys (DeleteWebAuthnCredential), by its credential id.
    public func deleteWebAuthnCredential(id credentialId: String) async throws {
        _ = try await service.send(
            DeleteWebAuthnCredentialRequest(accessToken: try await accessToken(), credentialId: credentialId))
    }
}
