"""Bad input gets the service's error shapes, never a crash."""
import json
import urllib.error
import urllib.request

import pytest


def post(endpoint, target, body, content_type="application/x-amz-json-1.1"):
    headers = {"Content-Type": content_type}
    if target:
        headers["X-Amz-Target"] = f"AWSCognitoIdentityProviderService.{target}"
    request = urllib.request.Request(endpoint + "/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.mark.parametrize("target, body, status, error", [
    ("NoSuchOperation", b"{}", 400, "UnknownOperationException"),
    (None, b"{}", 400, "UnknownOperationException"),
    ("InitiateAuth", b"{not json", 400, "SerializationException"),
    ("InitiateAuth", b"[1, 2]", 400, "SerializationException"),
    ("InitiateAuth", b'{"ClientId": 7, "AuthFlow": "USER_PASSWORD_AUTH"}', 400, "SerializationException"),
    ("ListUserPools", b"{}", 400, "InvalidParameterException"),
    ("AdminGetUser", b'{"Username": "x"}', 400, "InvalidParameterException"),
    ("GetUser", b'{"AccessToken": "not.a.token"}', 400, "NotAuthorizedException"),
    ("InitiateAuth", b'{"ClientId": "nope", "AuthFlow": "USER_PASSWORD_AUTH"}', 400, "ResourceNotFoundException"),
    ("ListUserPools", b'{"MaxResults": 1' + b" " * (2 << 20) + b"}", 413, "SerializationException"),
])
def test_error_shapes(endpoint, target, body, status, error):
    code, headers, answer = post(endpoint, target, body)
    assert code == status
    assert answer["__type"] == error and isinstance(answer["message"], str)
    lowered = {k.lower(): v for k, v in headers.items()}
    assert lowered["x-amzn-errortype"].startswith(error)
    assert lowered["x-amzn-requestid"]


def test_server_still_answers_after_bad_input(endpoint):
    code, _, answer = post(endpoint, "ListUserPools", b'{"MaxResults": 1}')
    assert code == 200 and "UserPools" in answer
