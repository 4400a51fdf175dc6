"""Fixtures for the third-party clients run against `cognito-session serve`.

scripts/serve-tests.sh starts the server and passes its address in COGNITO_SERVE_URL.
"""
import json
import os
import urllib.request
import uuid

import boto3
import botocore.config
import pytest

PASSWORD = "Correct-h0rse"
OTHER_PASSWORD = "Battery-staple9"


@pytest.fixture(scope="session")
def endpoint():
    url = os.environ.get("COGNITO_SERVE_URL")
    if not url:
        pytest.fail("COGNITO_SERVE_URL is not set: run ./scripts/serve-tests.sh, which starts cognito-session serve")
    return url.rstrip("/")


def make_idp(endpoint, region="us-east-1", retries=1):
    # Any credentials are accepted; the request is signed as for the service.
    return boto3.client(
        "cognito-idp", endpoint_url=endpoint, region_name=region,
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="any-secret",
        config=botocore.config.Config(retries={"total_max_attempts": retries, "mode": "standard"}))


@pytest.fixture()
def idp(endpoint):
    return make_idp(endpoint)


def control(endpoint, method, path, body=None):
    """A test control under /_local/ (CognitoSession.docc/Testing.md)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{endpoint}/_local/{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture()
def advance_clock(endpoint):
    return lambda seconds: control(endpoint, "POST", "clock", {"AdvanceSeconds": seconds})


@pytest.fixture()
def pool_id(idp):
    pool = idp.create_user_pool(PoolName=f"py-{uuid.uuid4().hex[:8]}")["UserPool"]
    yield pool["Id"]
    idp.delete_user_pool(UserPoolId=pool["Id"])


def make_client(idp, pool_id, **settings):
    settings.setdefault("ExplicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                                              "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"])
    return idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **settings)["UserPoolClient"]


@pytest.fixture()
def client(idp, pool_id):
    return make_client(idp, pool_id)


def make_user(idp, pool_id, username=None, password=PASSWORD, email=None):
    username = username or f"user-{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, TemporaryPassword="Temp-0rary!",
                          MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": email or f"{username}@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    return username


@pytest.fixture()
def user(idp, pool_id):
    return make_user(idp, pool_id)
