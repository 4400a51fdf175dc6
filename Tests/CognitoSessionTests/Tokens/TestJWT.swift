import Foundation

@testable import CognitoSession

/// Builds JWTs for tests: base64url (unpadded) header and payload, and a fake signature.
enum TestJWT {
    static let header = #"{"kid":"Xb1Yz9mQk2+LhW3vTnR5pC8dE0fGhIjKlMnOpQrStUv=","alg":"RS256"}"#
    static let signature = base64URL(Data((0..<256).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URL(_ text: String) -> String { base64URL(Data(text.utf8)) }

    /// `header.payload.signature` from the JSON texts given.
    static func make(payload: String, header: String = header) -> String {
        "\(base64URL(header)).\(base64URL(payload)).\(signature)"
    }

    static let sub = "d4e8a0b2-6c1f-4b7e-9a3d-2f5c8e1b7a90"
    static let clientId = "5ts8s8f0ph1ftbngkp6ucgjc2c"
    static let issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz"

    /// An access token shaped like Cognito's.
    static func accessToken(exp: Int, iat: Int) -> String {
        make(
            payload: """
                {"sub":"\(sub)","device_key":"us-east-1_3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b",\
                "cognito:groups":["admins","beta-testers"],"iss":"\(issuer)","client_id":"\(clientId)",\
                "origin_jti":"8a1f4c2e-3b5d-4e6f-9a7b-0c1d2e3f4a5b","event_id":"e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9",\
                "token_use":"access","scope":"aws.cognito.signin.user.admin phone","auth_time":\(iat),\
                "exp":\(exp),"iat":\(iat),"jti":"0f1e2d3c-4b5a-4697-8877-665544332211","username":"alice"}
                """)
    }

    /// An ID token shaped like Cognito's.
    static func idToken(exp: Int, iat: Int) -> String {
        make(
            payload: """
                {"sub":"\(sub)","email_verified":true,"iss":"\(issuer)","cognito:username":"alice",\
                "origin_jti":"8a1f4c2e-3b5d-4e6f-9a7b-0c1d2e3f4a5b","aud":"\(clientId)",\
                "event_id":"e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9","token_use":"id","auth_time":\(iat),\
                "exp":\(exp),"iat":\(iat),"jti":"99887766-5544-4332-a110-ffeeddccbbaa","email":"alice@example.com"}
                """)
    }

    /// A session of Cognito-shaped tokens.
    static func session(
        accessExp: Int, idExp: Int, iat: Int, clockDrift: Int? = nil, clock: any WallClock
    ) throws -> CognitoUserSession {
        CognitoUserSession(
            idToken: try CognitoIdToken(jwtToken: idToken(exp: idExp, iat: iat)),
            accessToken: try CognitoAccessToken(jwtToken: accessToken(exp: accessExp, iat: iat)),
            refreshToken: CognitoRefreshToken(token: "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.key.iv.ciphertext.tag"),
            clockDrift: clockDrift, clock: clock)
    }
}
