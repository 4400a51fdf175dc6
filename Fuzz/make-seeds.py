#!/usr/bin/env python3
"""Writes the committed seed corpus (Fuzz/Corpus/<target>/) for the cognito-fuzz targets.

Run from anywhere: python3 Fuzz/make-seeds.py. The seeds are small and deterministic;
rerunning rewrites the same files.
"""
import base64, json, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")

HEADER = b64url(b'{"kid":"abcdefghijklmnopqrstuvwxyz0123456789ABCD=","alg":"RS256"}')
SIG = b64url(bytes(range(256)))  # 256 bytes, like an RS256 signature

def token(payload: bytes, header: str = HEADER) -> str:
    return f"{header}.{b64url(payload)}.{SIG}"

ACCESS_PAYLOAD = json.dumps({
    "sub": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "device_key": "us-east-1_2f3c0b9a-1111-2222-3333-444455556666",
    "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123", "client_id": "3n4b5urk1ft4fl3mg5e62d9ado",
    "origin_jti": "11111111-2222-3333-4444-555555555555", "event_id": "66666666-7777-8888-9999-000000000000",
    "token_use": "access", "scope": "aws.cognito.signin.user.admin", "auth_time": 1700000000,
    "exp": 1700003600, "iat": 1700000000, "jti": "abcdefab-cdef-abcd-efab-cdefabcdefab", "username": "alice",
}, separators=(",", ":")).encode()
ID_PAYLOAD = json.dumps({
    "sub": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "cognito:groups": ["admins", "users"], "email_verified": True,
    "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123", "cognito:username": "alice",
    "origin_jti": "11111111-2222-3333-4444-555555555555", "aud": "3n4b5urk1ft4fl3mg5e62d9ado",
    "event_id": "66666666-7777-8888-9999-000000000000", "token_use": "id", "auth_time": 1700000000,
    "exp": 1700003600, "iat": 1700000000, "jti": "bcdefabc-defa-bcde-fabc-defabcdefabc", "email": "alice@example.com",
}, separators=(",", ":")).encode()

def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth

def write(target: str, name: str, data):
    directory = os.path.join(here, target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)

# token-decoding: tokens (read as the whole token) and JSON (read as payload or header).
t = "token-decoding"
write(t, "access-token.jwt", token(ACCESS_PAYLOAD))
write(t, "id-token.jwt", token(ID_PAYLOAD))
write(t, "padded-no-iat.jwt", base64.urlsafe_b64encode(b'{"alg":"none"}').decode() + "."
      + base64.urlsafe_b64encode(b'{"exp":1.7e9}').decode() + ".")
write(t, "access-payload.json", ACCESS_PAYLOAD)
write(t, "exp-edge.json", b'{"exp":1e308,"iat":-0.0,"nbf":null,"x":"\\u00e9\\ud83d\\ude00"}')
write(t, "exp-string.json", b'{"exp":"1700003600","iat":1700000000}')
# Deep nesting: 511 levels of arrays in the payload claims and in the header (known to be slow).
write(t, "nested-array-payload.jwt", token(b'{"exp":1700003600,"x":' + nested(511) + b"}"))
write(t, "nested-array-header.jwt", token(ACCESS_PAYLOAD, header=b64url(b'{"alg":"RS256","x":' + nested(511) + b"}")))
write(t, "nested-array.json", b'{"exp":1700003600,"x":' + nested(511) + b"}")
write(t, "nested-object.json", b'{"exp":1,"x":' + b'{"a":' * 200 + b"1" + b"}" * 200 + b"}")

# refresh-response: byte 0 flags (1 rotation, 2 device, 4 secret, 8 garbage stored tokens),
# byte 1 status index (0 = 200, 1 = 400, 2 = 500, 4 = 429) | content type << 4; then the body.
t = "refresh-response"
def response(flags: int, status: int, body) -> bytes:
    return bytes([flags, status]) + (body.encode() if isinstance(body, str) else body)

result = '{"AuthenticationResult":{"AccessToken":"$A","IdToken":"$I",%s"ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}'
write(t, "ok-no-refresh-token", response(0, 0, result % ""))
write(t, "ok-rotated-refresh-token", response(1, 0, result % '"RefreshToken":"alice-refresh-token-2",'))
write(t, "ok-empty-refresh-token", response(1, 0, result % '"RefreshToken":"",'))
write(t, "ok-null-refresh-token", response(0, 0, result % '"RefreshToken":null,'))
write(t, "ok-device-secret", response(6, 0, result % ""))
write(t, "ok-garbage-stored", response(8, 0, result % ""))
write(t, "ok-expired-access", response(0, 0, '{"AuthenticationResult":{"AccessToken":"$E","IdToken":"$I"}}'))
write(t, "ok-empty-access", response(0, 0, '{"AuthenticationResult":{"AccessToken":"","IdToken":"$I"}}'))
write(t, "ok-challenge", response(0, 0, '{"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{}}'))
write(t, "not-authorized", response(0, 1, '{"__type":"NotAuthorizedException","message":"Invalid Refresh Token"}'))
write(t, "not-authorized-qualified", response(1, 1,
      '{"__type":"com.amazonaws.cognito.identity.idp.model#NotAuthorizedException","message":"Refresh Token has expired"}'))
write(t, "refresh-token-reuse", response(1, 1, '{"__type":"RefreshTokenReuseException","message":"reused"}'))
write(t, "user-not-found", response(2, 1, '{"__type":"UserNotFoundException","message":"User does not exist."}'))
write(t, "throttling-400", response(0, 1, '{"__type":"TooManyRequestsException","message":"Rate exceeded"}'))
write(t, "throttling-429", response(0, 4, '{"__type":"ThrottlingException","message":"Rate exceeded"}'))
write(t, "internal-500", response(0, 2, '{"__type":"InternalErrorException","message":"Internal error"}'))
write(t, "html-502", response(0, 7 | 0x20, "<html><body>502 Bad Gateway</body></html>"))
write(t, "empty-200", response(0, 0, ""))
write(t, "garbage", response(0x0f, 0x3a, bytes(range(0, 256, 7))))

# file-storage: session files as FileStorage writes them, as others might, and broken ones.
t = "file-storage"
prefix = "CognitoIdentityServiceProvider.3n4b5urk1ft4fl3mg5e62d9ado"
session = {
    f"{prefix}.LastAuthUser": "alice",
    f"{prefix}.alice.idToken": token(ID_PAYLOAD),
    f"{prefix}.alice.accessToken": token(ACCESS_PAYLOAD),
    f"{prefix}.alice.refreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.opaque",
    f"{prefix}.alice.clockDrift": "0",
    f"{prefix}.alice.deviceKey": "us-east-1_2f3c0b9a-1111-2222-3333-444455556666",
}
write(t, "session.json", json.dumps(session, sort_keys=True, separators=(",", ":")))
write(t, "session-pretty.json", json.dumps({"a/b": "c/d", "fuzz.key": "old", "\u00e9\u2713": "\U0001F600"}, indent=2))
write(t, "escapes.json", b'{"a\\u0000b":"\\"\\\\\\/\\b\\f\\n\\r\\t","\\ud83d\\ude00":"x","k":"\\u00e9"}')
write(t, "empty-object.json", b"{}")
write(t, "empty-file", b"")
write(t, "bom.json", b'\xef\xbb\xbf{"k":"v"}')
write(t, "duplicate-key.json", b'{"k":"first","k":"second","other":"o"}')
# Two byte-distinct keys, "Jos\u00e9" (NFC) and "Jose\u0301" (NFD), that Swift's String calls equal.
write(t, "nfc-nfd-keys.json", '{"Jos\u00e9":"nfc","Jose\u0301":"nfd"}')
write(t, "not-strings.json", b'{"k":1,"l":[true,null]}')
write(t, "array.json", b'["k","v"]')
write(t, "truncated.json", b'{"k":"v","l":"')
write(t, "lone-surrogate.json", b'{"k":"\\ud800"}')
write(t, "invalid-utf8.json", b'{"k":"\xff\xfe"}')
write(t, "nested.json", b'{"k":' + nested(300) + b"}")
