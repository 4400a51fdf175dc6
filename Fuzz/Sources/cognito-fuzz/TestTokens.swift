import Foundation

/// Unsigned Cognito-shaped JWTs for the targets (the library decodes tokens, it never verifies them).
enum TestTokens {
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static let header = base64URL(Array(#"{"kid":"fuzz-key","alg":"RS256"}"#.utf8))
    static let signature = base64URL(Array("not-a-signature".utf8))

    /// A token with `payload` (JSON text) between a valid header and signature.
    static func token(payloadJSON: String) -> String {
        "\(header).\(base64URL(Array(payloadJSON.utf8))).\(signature)"
    }

    static func access(username: String, exp: Int, iat: Int, jti: String = "jti-1") -> String {
        token(
            payloadJSON: """
                {"sub":"sub-\(username)","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Fuzz123",\
                "client_id":"fuzzclient","origin_jti":"o-\(jti)","event_id":"e-1","token_use":"access",\
                "scope":"aws.cognito.signin.user.admin","auth_time":\(iat),"exp":\(exp),"iat":\(iat),\
                "jti":"\(jti)","username":"\(username)"}
                """)
    }

    static func id(username: String, exp: Int, iat: Int, jti: String = "jti-1") -> String {
        token(
            payloadJSON: """
                {"sub":"sub-\(username)","email_verified":true,\
                "iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Fuzz123","cognito:username":"\(username)",\
                "origin_jti":"o-\(jti)","aud":"fuzzclient","event_id":"e-1","token_use":"id","auth_time":\(iat),\
                "exp":\(exp),"iat":\(iat),"jti":"\(jti)","email":"\(username)@example.com","cognito:groups":["a","b"]}
                """)
    }
}
