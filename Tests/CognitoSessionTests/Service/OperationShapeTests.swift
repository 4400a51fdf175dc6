import CognitoSessionTesting
import Foundation
import Testing

@testable import CognitoSession

/// One operation's request type, sent through the client and compared with its fixtures.
struct ShapeCase: Sendable, CustomTestStringConvertible {
    let operation: CognitoOperation
    /// Decodes the request fixture, sends it, and returns the decoded response re-encoded.
    let exchange: @Sendable (CognitoServiceClient, Data) async throws -> Data

    init<Request: CognitoRequest>(_: Request.Type) {
        operation = Request.operation
        exchange = { client, requestFixture in
            let request = try JSONDecoder().decode(Request.self, from: requestFixture)
            let response = try await client.send(request)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            return try encoder.encode(response)
        }
    }

    var testDescription: String { operation.name }

    static let all: [ShapeCase] = [
        ShapeCase(InitiateAuthRequest.self), ShapeCase(RespondToAuthChallengeRequest.self),
        ShapeCase(GetTokensFromRefreshTokenRequest.self), ShapeCase(RevokeTokenRequest.self),
        ShapeCase(GlobalSignOutRequest.self), ShapeCase(SignUpRequest.self), ShapeCase(ConfirmSignUpRequest.self),
        ShapeCase(ResendConfirmationCodeRequest.self), ShapeCase(ForgotPasswordRequest.self),
        ShapeCase(ConfirmForgotPasswordRequest.self), ShapeCase(ChangePasswordRequest.self),
        ShapeCase(GetUserRequest.self), ShapeCase(UpdateUserAttributesRequest.self),
        ShapeCase(DeleteUserAttributesRequest.self), ShapeCase(DeleteUserRequest.self),
        ShapeCase(GetUserAttributeVerificationCodeRequest.self), ShapeCase(VerifyUserAttributeRequest.self),
        ShapeCase(SetUserMFAPreferenceRequest.self), ShapeCase(SetUserSettingsRequest.self),
        ShapeCase(AssociateSoftwareTokenRequest.self), ShapeCase(VerifySoftwareTokenRequest.self),
        ShapeCase(ConfirmDeviceRequest.self), ShapeCase(UpdateDeviceStatusRequest.self),
        ShapeCase(ForgetDeviceRequest.self), ShapeCase(GetDeviceRequest.self), ShapeCase(ListDevicesRequest.self),
        ShapeCase(StartWebAuthnRegistrationRequest.self), ShapeCase(CompleteWebAuthnRegistrationRequest.self),
        ShapeCase(ListWebAuthnCredentialsRequest.self), ShapeCase(DeleteWebAuthnCredentialRequest.self),
    ]
}

@Suite("Request encoding and response decoding of every operation")
struct OperationShapeTests {
    @Test("every operation the library calls has a request type and fixtures")
    func coverage() {
        #expect(Set(ShapeCase.all.map(\.operation)) == Set(CognitoOperation.all))
        #expect(CognitoOperation.all.count == 30)
    }

    @Test(
        "the body sent equals the request fixture and the response decodes every fixture member",
        arguments: ShapeCase.all)
    func fixtures(_ shape: ShapeCase) async throws {
        let name = shape.operation.name
        let requestFixture = try Fixtures.data("service/\(name).request.json")
        let responseFixture = try Fixtures.data("service/\(name).response.json")
        let transport = MockTransport()
        await transport.enqueue(.json(String(decoding: responseFixture, as: UTF8.self)), for: name)

        let decodedResponse = try await shape.exchange(makeClient(transport), requestFixture)

        let sent = try #require(await transport.requests.first)
        #expect(sent.operation == name)
        #expect(try Fixtures.json(sent.body) == Fixtures.json(requestFixture))
        #expect(try Fixtures.json(decodedResponse) == Fixtures.json(responseFixture))
    }

    private func sentJSON(_ request: some CognitoRequest, response: String = "{}") async throws -> JSONValue? {
        let transport = MockTransport()
        await transport.enqueue(.json(response), for: type(of: request).operation.name)
        _ = try await makeClient(transport).send(request)
        return await transport.requests.first?.json
    }

    @Test("nil members are left out of the JSON, not sent as null")
    func nilMembersOmitted() async throws {
        let refresh = InitiateAuthRequest(
            authFlow: .refreshTokenAuth, clientId: "client",
            authParameters: ["REFRESH_TOKEN": "r", "DEVICE_KEY": "d"])
        #expect(
            try await sentJSON(refresh, response: #"{"AuthenticationResult":{"AccessToken":"a","IdToken":"i"}}"#)
                == .object([
                    "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "client",
                    "AuthParameters": .object(["REFRESH_TOKEN": "r", "DEVICE_KEY": "d"]),
                ]))

        let answer = RespondToAuthChallengeRequest(
            challengeName: .smsMFA, clientId: "client", challengeResponses: ["USERNAME": "u", "SMS_MFA_CODE": "1"],
            session: "s")
        #expect(
            try await sentJSON(answer)
                == .object([
                    "ChallengeName": "SMS_MFA", "ClientId": "client", "Session": "s",
                    "ChallengeResponses": .object(["USERNAME": "u", "SMS_MFA_CODE": "1"]),
                ]))

        let rotation = GetTokensFromRefreshTokenRequest(refreshToken: "r", clientId: "client")
        #expect(
            try await sentJSON(rotation, response: #"{"AuthenticationResult":{"AccessToken":"a","IdToken":"i"}}"#)
                == .object(["RefreshToken": "r", "ClientId": "client"]))
    }

    @Test("a false Boolean is sent, not dropped")
    func falseIsKept() async throws {
        let confirm = ConfirmSignUpRequest(
            clientId: "c", username: "u", confirmationCode: "1", forceAliasCreation: false)
        #expect(try await sentJSON(confirm)?["ForceAliasCreation"] == false)
    }

    @Test("responses decode despite unknown members and unknown challenge names")
    func lenientDecoding() async throws {
        let transport = MockTransport()
        await transport.enqueue(
            .json(
                #"""
                {"ChallengeName":"EMAIL_OTP","Session":"s","ChallengeParameters":{"CODE_DELIVERY_DESTINATION":"a***"},
                 "NewTopLevelMember":{"x":[1,2]},"AvailableChallenges":["EMAIL_OTP","PASSWORD"]}
                """#), for: "InitiateAuth")
        let response = try await makeClient(transport).send(
            InitiateAuthRequest(authFlow: .userAuth, clientId: "c", authParameters: ["USERNAME": "u"]))
        #expect(response.challengeName == .emailOTP)
        #expect(response.session == "s")
        #expect(response.authenticationResult == nil)
    }

    @Test("device dates decode from epoch seconds and tokens from AuthenticationResult")
    func decodedValues() async throws {
        let transport = MockTransport()
        await transport.enqueue(
            .json(String(decoding: try Fixtures.data("service/GetDevice.response.json"), as: UTF8.self)),
            for: "GetDevice")
        await transport.enqueue(
            .json(String(decoding: try Fixtures.data("service/RespondToAuthChallenge.response.json"), as: UTF8.self)),
            for: "RespondToAuthChallenge")
        let client = makeClient(transport)

        let device = try await client.send(GetDeviceRequest(deviceKey: "k", accessToken: "a")).device
        #expect(device.deviceCreateDate == Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(device.deviceLastAuthenticatedDate == Date(timeIntervalSince1970: 1_700_000_200.25))
        #expect(device.deviceAttributes?.first == CognitoUserAttribute(name: "device_status", value: "valid"))

        let result = try await client.send(
            RespondToAuthChallengeRequest(challengeName: .passwordVerifier, clientId: "c", challengeResponses: [:]))
        let tokens = try #require(result.authenticationResult)
        #expect(tokens.expiresIn == 3600)
        #expect(
            tokens.newDeviceMetadata
                == NewDeviceMetadata(
                    deviceKey: "us-east-1_0b7f3c1e-1a2b-4c3d-8e9f-0123456789ab", deviceGroupKey: "-Yx1Ab2Cd"))
    }

    @Test("an attribute without a Value decodes with an empty value")
    func attributeWithoutValue() throws {
        let attribute = try JSONDecoder().decode(CognitoUserAttribute.self, from: Data(#"{"Name":"email"}"#.utf8))
        #expect(attribute == CognitoUserAttribute(name: "email", value: ""))
    }
}
