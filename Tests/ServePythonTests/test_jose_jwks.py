"""The ID token verified with a Python JOSE library (joserfc) against the keys the server publishes."""
import json
import urllib.request

from joserfc import jwt
from joserfc.jwk import KeySet

from conftest import PASSWORD, control


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_id_token_verifies_against_the_servers_jwks(endpoint, idp, pool_id, client, user):
    tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": user, "PASSWORD": PASSWORD})["AuthenticationResult"]
    discovery = fetch(f"{endpoint}/{pool_id}/.well-known/openid-configuration")
    assert discovery["issuer"] == f"{endpoint}/{pool_id}"
    keys = KeySet.import_key_set(fetch(discovery["jwks_uri"]))
    token = jwt.decode(tokens["IdToken"], keys, algorithms=["RS256"])
    # The server's clock may have been moved forward by other tests: validate at the server's time.
    now = int(control(endpoint, "GET", "clock")["Now"])
    registry = jwt.JWTClaimsRegistry(
        now=now,
        iss={"essential": True, "value": discovery["issuer"]},
        aud={"essential": True, "value": client["ClientId"]},
        token_use={"essential": True, "value": "id"},
        exp={"essential": True})
    registry.validate(token.claims)
    assert token.claims["cognito:username"] == user
    assert token.header["alg"] == "RS256" and token.header["kid"] == keys.keys[0].kid


def test_a_token_from_another_pool_does_not_verify(endpoint, idp, pool_id, client, user):
    other = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    try:
        tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": user, "PASSWORD": PASSWORD})["AuthenticationResult"]
        keys = KeySet.import_key_set(fetch(f"{endpoint}/{other}/.well-known/jwks.json"))
        try:
            jwt.decode(tokens["IdToken"], keys, algorithms=["RS256"])
        except Exception:
            return
        raise AssertionError("a token verified against another pool's keys")
    finally:
        idp.delete_user_pool(UserPoolId=other)
