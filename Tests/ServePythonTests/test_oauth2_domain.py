"""The pool domain over HTTP: CreateUserPoolDomain and CreateResourceServer through boto3, then a
client_credentials token from /<domain>/oauth2/token with urllib, checked with joserfc against the pool's keys;
the code flow's sign-in page posted like a browser."""
import base64
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from botocore.exceptions import ClientError
from joserfc import jwt
from joserfc.jwk import KeySet

from conftest import PASSWORD, make_user


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_form(url, fields, basic=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if basic:
        pair = ":".join(urllib.parse.quote_plus(part) for part in basic)
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture()
def domain(idp, pool_id):
    prefix = f"py-{uuid.uuid4().hex[:8]}"
    idp.create_user_pool_domain(Domain=prefix, UserPoolId=pool_id)
    yield prefix
    idp.delete_user_pool_domain(Domain=prefix, UserPoolId=pool_id)


def test_client_credentials_token_from_the_domain(endpoint, idp, pool_id, domain):
    described = idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    assert described["UserPoolId"] == pool_id and described["Status"] == "ACTIVE"
    assert described["CloudFrontDistribution"] == f"{endpoint}/{domain}"
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"

    idp.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="Orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "Read orders"}])
    listed = idp.list_resource_servers(UserPoolId=pool_id, MaxResults=10)["ResourceServers"]
    assert [server["Identifier"] for server in listed] == ["orders"]
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_client(UserPoolId=pool_id, ClientName="public-m2m", AllowedOAuthFlowsUserPoolClient=True,
                                    AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"])
    assert excinfo.value.response["Error"]["Code"] == "InvalidOAuthFlowException"
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="m2m", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"])["UserPoolClient"]
    assert client["AllowedOAuthFlows"] == ["client_credentials"]

    token_url = f"{endpoint}/{domain}/oauth2/token"
    status, answer = post_form(token_url, {"grant_type": "client_credentials", "scope": "orders/read"},
                               basic=(client["ClientId"], client["ClientSecret"]))
    assert status == 200 and answer["token_type"] == "Bearer" and "refresh_token" not in answer
    with urllib.request.urlopen(f"{endpoint}/{pool_id}/.well-known/jwks.json", timeout=10) as response:
        keys = KeySet.import_key_set(json.loads(response.read()))
    claims = jwt.decode(answer["access_token"], keys).claims
    assert claims["sub"] == client["ClientId"] and claims["token_use"] == "access"
    assert claims["scope"] == "orders/read" and "username" not in claims

    status, answer = post_form(token_url, {"grant_type": "client_credentials"},
                               basic=(client["ClientId"], "wrong"))
    assert status == 401 and answer["error"] == "invalid_client"


def test_code_flow_through_the_sign_in_page(endpoint, idp, pool_id, domain):
    callback = "http://localhost:8765/callback"
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"], CallbackURLs=[callback],
        SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]
    user = make_user(idp, pool_id)
    query = urllib.parse.urlencode({"response_type": "code", "client_id": client["ClientId"],
                                    "redirect_uri": callback, "scope": "openid email", "state": "xyz"})
    with urllib.request.urlopen(f"{endpoint}/{domain}/oauth2/authorize?{query}", timeout=10) as response:
        page = response.read().decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page))
    action = re.search(r'<form method="post" action="([^"]*)"', page).group(1)
    form = urllib.parse.urlencode({**hidden, "username": user, "password": PASSWORD}).encode()
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        opener.open(urllib.request.Request(f"{endpoint}{action}", data=form), timeout=10)
    assert excinfo.value.code == 302
    location = urllib.parse.urlparse(excinfo.value.headers["Location"])
    returned = urllib.parse.parse_qs(location.query)
    assert location.path == "/callback" and returned["state"] == ["xyz"]
    status, answer = post_form(f"{endpoint}/{domain}/oauth2/token", {
        "grant_type": "authorization_code", "client_id": client["ClientId"], "code": returned["code"][0],
        "redirect_uri": callback})
    assert status == 200 and {"access_token", "id_token", "refresh_token"} <= set(answer)
