import CognitoSession
import Foundation

/// Target `token-decoding`: every input is decoded three ways, by both token types.
///
/// 1. the bytes themselves as the compact token (`header.payload.signature`);
/// 2. the bytes as the payload JSON, base64url-encoded between a valid header and signature;
/// 3. the bytes as the header JSON, in front of a valid payload and signature.
///
/// Oracles: no crash; the time bound of ``Fuzz/runOne(_:_:)``; `CognitoAccessToken` and
/// `CognitoIdToken` agree (same error, or same payload and dates); a decoded token keeps its text
/// byte for byte, is at most 32 KiB, has a finite `exp` equal to its `expiration`; neither the
/// token's description nor an error's description contains the token or a long segment of it.
enum TokenDecodingTarget {
    static let validPayload = TestTokens.base64URL(
        Array(#"{"exp":1700000000,"iat":1699996400,"token_use":"access"}"#.utf8))

    static func run(_ bytes: [UInt8]) {
        check(String(decoding: bytes, as: UTF8.self))
        let encoded = TestTokens.base64URL(bytes)
        check("\(TestTokens.header).\(encoded).\(TestTokens.signature)")
        check("\(encoded).\(validPayload).\(TestTokens.signature)")
    }

    static func check(_ token: String) {
        let access = Result { () throws(TokenError) in try CognitoAccessToken(jwtToken: token) }
        let id = Result { () throws(TokenError) in try CognitoIdToken(jwtToken: token) }
        switch (access, id) {
        case (.success(let access), .success(let id)):
            checkDecoded(access, token: token)
            checkDecoded(id, token: token)
            guard access.payload == id.payload, access.expiration == id.expiration, access.issuedAt == id.issuedAt
            else {
                Fuzz.fail("access and id token decoders disagree on \(token.utf8.count)-byte token")
            }
        case (.failure(let accessError), .failure(let idError)):
            guard accessError == idError else {
                Fuzz.fail("access and id token decoders throw different errors: \(accessError) vs \(idError)")
            }
            checkRedacted(accessError.description, token: token, what: "error description")
        case (.success, .failure(let error)), (.failure(let error), .success):
            Fuzz.fail("one token type decodes, the other throws \(error)")
        }
    }

    static func checkDecoded<Token: CognitoJWTToken>(_ decoded: Token, token: String) {
        guard Array(decoded.jwtToken.utf8) == Array(token.utf8) else {
            Fuzz.fail("\(Token.self).jwtToken differs from the text it was decoded from")
        }
        guard token.utf8.count <= Token.maximumLength else {
            Fuzz.fail("\(Token.self) accepted \(token.utf8.count) bytes, over maximumLength \(Token.maximumLength)")
        }
        guard case .number(let exp)? = decoded.payload["exp"], exp.isFinite,
            decoded.expiration.timeIntervalSince1970 == exp
        else {
            Fuzz.fail("\(Token.self) decoded without a finite numeric exp matching expiration")
        }
        if let issuedAt = decoded.issuedAt, !issuedAt.timeIntervalSince1970.isFinite {
            Fuzz.fail("\(Token.self).issuedAt is not finite")
        }
        // The claim accessors must not trap whatever the claims hold.
        _ = (
            decoded.sub, decoded.issuer, decoded.tokenUse, decoded.originJti, decoded.jti, decoded.authTime,
            decoded.groups, decoded.hashValue
        )
        if let access = decoded as? CognitoAccessToken {
            _ = (access.username, access.clientId, access.scopes, access.deviceKey)
        }
        if let id = decoded as? CognitoIdToken { _ = (id.username, id.clientId, id.email) }
        checkRedacted(decoded.description, token: token, what: "\(Token.self).description")
        checkRedacted(decoded.debugDescription, token: token, what: "\(Token.self).debugDescription")
    }

    /// `text` must not contain the token, nor any of its segments of 24 or more base64url characters.
    static func checkRedacted(_ text: String, token: String, what: String) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        for part in segments where part.utf8.count >= 24 && part.utf8.allSatisfy(isBase64URL) {
            if text.contains(part) { Fuzz.fail("\(what) contains a segment of the token") }
        }
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
