import Foundation
import Testing

@testable import CognitoSession
@testable import CognitoSessionTesting

@Suite("Passkey management requests: exact shapes through MockTransport")
struct PasskeyRequestShapeTests {
    @Test("Start, Complete, List and Delete send the access token and their members, and read the answers")
    func shapes() async throws {
        let fixture = try await MockSessionFixture()
        fixture.clock.advance(by: -7000)  // alice's stored session is valid again: no refresh call
        let mock = fixture.mock
        await mock.enqueue(
            .json(
                #"{"CredentialCreationOptions":{"challenge":"Y2g","pubKeyCredParams":[{"alg":-7,"type":"public-key"}],"timeout":60000}}"#
            ),
            for: "StartWebAuthnRegistration")
        await mock.enqueue(.json("{}"), for: "CompleteWebAuthnRegistration")
        await mock.enqueue(
            .json(
                #"{"Credentials":[{"CredentialId":"abc","RelyingPartyId":"example.com","AuthenticatorTransports":["usb"],"CreatedAt":1767225600.5}],"NextToken":"n2"}"#
            ),
            for: "ListWebAuthnCredentials")
        await mock.enqueue(.json("{}"), for: "DeleteWebAuthnCredential")
        let user = fixture.alice

        let options = try await user.startWebAuthnRegistration()
        #expect(options == #"{"challenge":"Y2g","pubKeyCredParams":[{"alg":-7,"type":"public-key"}],"timeout":60000}"#)
        try await user.completeWebAuthnRegistration(
            credential: #"{"id":"abc","type":"public-key","response":{"clientDataJSON":"e30"}}"#)
        let page = try await user.listWebAuthnCredentials(maxResults: 5, nextToken: "n1")
        #expect(page.nextToken == "n2" && page.credentials.first?.credentialId == "abc")
        #expect(page.credentials.first?.createdAt == Date(timeIntervalSince1970: 1_767_225_600.5))
        try await user.deleteWebAuthnCredential(id: "abc")

        let stored = try #require(try await fixture.storage.getItem(fixture.keys.accessToken(username: "alice")))
        let token = JSONValue.string(stored)
        #expect(await mock.requests(for: "StartWebAuthnRegistration").first?.json == .object(["AccessToken": token]))
        #expect(
            await mock.requests(for: "CompleteWebAuthnRegistration").first?.json
                == .object([
                    "AccessToken": token,
                    "Credential": .object([
                        "id": "abc", "type": "public-key", "response": .object(["clientDataJSON": "e30"]),
                    ]),
                ]))
        #expect(
            await mock.requests(for: "ListWebAuthnCredentials").first?.json
                == .object([
                    "AccessToken": token, "MaxResults": 5, "NextToken": "n1",
                ]))
        #expect(
            await mock.requests(for: "DeleteWebAuthnCredential").first?.json
                == .object([
                    "AccessToken": token, "CredentialId": "abc",
                ]))
        let target = await mock.requests(for: "DeleteWebAuthnCredential").first?.request.headerFields[.amzTarget]
        #expect(target == "AWSCognitoIdentityProviderService.DeleteWebAuthnCredential")
    }

    @Test("dump() of the passkey requests redacts the access token")
    func redaction() {
        let requests: [Any] = [
            StartWebAuthnRegistrationRequest(accessToken: "secret-token"),
            CompleteWebAuthnRegistrationRequest(accessToken: "secret-token", credential: .object(["id": "x"])),
            ListWebAuthnCredentialsRequest(accessToken: "secret-token", nextToken: "n", maxResults: 2),
            DeleteWebAuthnCredentialRequest(accessToken: "secret-token", credentialId: "cred"),
        ]
        for request in requests {
            var text = ""
            dump(request, to: &text)
            #expect(!text.contains("secret-token") && text.contains("<redacted>"))
        }
    }
}
