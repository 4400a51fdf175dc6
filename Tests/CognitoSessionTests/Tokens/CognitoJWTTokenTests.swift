import Foundation
import Testing

@testable import CognitoSession

@Suite("Cognito JWT tokens: decoding and claims")
struct CognitoJWTTokenTests {
    @Test("An access token exposes its Cognito claims")
    func accessTokenClaims() throws {
        let text = TestJWT.accessToken(exp: 1_700_003_600, iat: 1_700_000_000)
        let token = try CognitoAccessToken(jwtToken: text)
        #expect(token.jwtToken == text)
        #expect(token.expiration == Date(timeIntervalSince1970: 1_700_003_600))
        #expect(token.issuedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(token.sub == TestJWT.sub)
        #expect(token.username == "alice")
        #expect(token.clientId == TestJWT.clientId)
        #expect(token.tokenUse == "access")
        #expect(token.scopes == ["aws.cognito.signin.user.admin", "phone"])
        #expect(token.originJti == "8a1f4c2e-3b5d-4e6f-9a7b-0c1d2e3f4a5b")
        #expect(token.jti == "0f1e2d3c-4b5a-4697-8877-665544332211")
        #expect(token.authTime == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(token.deviceKey == "us-east-1_3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b")
        #expect(token.groups == ["admins", "beta-testers"])
        #expect(token.issuer == TestJWT.issuer)
        #expect(token.payload["event_id"] == .string("e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9"))
    }

    @Test("An ID token reads cognito:username, aud and email")
    func idTokenClaims() throws {
        let token = try CognitoIdToken(jwtToken: TestJWT.idToken(exp: 1_700_003_600, iat: 1_700_000_000))
        #expect(token.username == "alice")
        #expect(token.clientId == TestJWT.clientId)
        #expect(token.tokenUse == "id")
        #expect(token.email == "alice@example.com")
        #expect(token.payload["email_verified"] == .bool(true))
        #expect(token.groups.isEmpty)
        #expect(token.issuer == TestJWT.issuer)
        #expect(token.expiration == Date(timeIntervalSince1970: 1_700_003_600))
    }

    @Test("Base64url padding is optional, and iat may be absent")
    func paddingAndMissingIssuedAt() throws {
        let payload = #"{"exp":1700003600,"sub":"a"}"#
        let unpadded = TestJWT.make(payload: payload)
        let parts = unpadded.split(separator: ".")
        let padding = String(repeating: "=", count: (4 - parts[1].count % 4) % 4)
        #expect(!padding.isEmpty)
        let padded = "\(parts[0]).\(parts[1])\(padding).\(parts[2])"
        let a = try CognitoAccessToken(jwtToken: unpadded)
        let b = try CognitoAccessToken(jwtToken: padded)
        #expect(a.payload == b.payload)
        #expect(a.issuedAt == nil)
        #expect(a.sub == "a")
    }

    @Test("A fractional or negative exp is a number like any other")
    func fractionalExpiration() throws {
        let token = try CognitoIdToken(jwtToken: TestJWT.make(payload: #"{"exp":1700003600.5,"iat":-1}"#))
        #expect(token.expiration == Date(timeIntervalSince1970: 1_700_003_600.5))
        #expect(token.issuedAt == Date(timeIntervalSince1970: -1))
        // 0 and 1 are numbers, not booleans; true is a boolean, not 1.
        let small = try CognitoIdToken(jwtToken: TestJWT.make(payload: #"{"exp":1,"iat":0,"flag":true}"#))
        #expect(small.payload["exp"] == .number(1))
        #expect(small.payload["iat"] == .number(0))
        #expect(small.payload["flag"] == .bool(true))
    }

    @Test("description and debugDescription never show the token")
    func redaction() throws {
        let text = TestJWT.accessToken(exp: 1_700_003_600, iat: 1_700_000_000)
        let access = try CognitoAccessToken(jwtToken: text)
        let refresh = CognitoRefreshToken(token: "eyJjdHkiOiJKV1QifQ.secret-refresh")
        for shown in [
            access.description, access.debugDescription, String(reflecting: access),
            "\(access)", refresh.description, String(reflecting: refresh),
        ] {
            for part in text.split(separator: ".") { #expect(!shown.contains(part)) }
            #expect(!shown.contains("secret-refresh"))
        }
        #expect(access.description.contains("CognitoAccessToken"))
        #expect(access.description.contains("2023-11-14T23:13:20Z"))
    }

    @Test("Tokens are equal when their text is")
    func equality() throws {
        let text = TestJWT.idToken(exp: 1_700_003_600, iat: 1_700_000_000)
        #expect(try CognitoIdToken(jwtToken: text) == CognitoIdToken(jwtToken: text))
        #expect(
            try CognitoIdToken(jwtToken: text)
                != CognitoIdToken(jwtToken: TestJWT.idToken(exp: 1_700_003_601, iat: 1_700_000_000)))
    }
}
