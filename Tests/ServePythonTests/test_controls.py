"""The test controls: codes the pool sent, faults, the request log."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import PASSWORD, control


def test_sign_up_code_is_readable(endpoint, idp, pool_id, client):
    idp.sign_up(ClientId=client["ClientId"], Username="carol", Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    messages = control(endpoint, "GET", f"pools/{pool_id}/messages?username=carol")["Messages"]
    assert [m["Purpose"] for m in messages] == ["SignUp"]
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="carol", ConfirmationCode=messages[0]["Code"])
    assert idp.admin_get_user(UserPoolId=pool_id, Username="carol")["UserStatus"] == "CONFIRMED"


def test_forgotten_password_code(endpoint, idp, pool_id, client, user):
    idp.forgot_password(ClientId=client["ClientId"], Username=user)
    code = control(endpoint, "GET", f"pools/{pool_id}/messages?username={user}")["Messages"][-1]["Code"]
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username=user, ConfirmationCode=code,
                                Password="Battery-staple9")
    idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                      AuthParameters={"USERNAME": user, "PASSWORD": "Battery-staple9"})


def test_injected_throttle_and_server_error(endpoint, idp, pool_id):
    control(endpoint, "POST", "faults", {"Operation": "DescribeUserPool", "Fault": "throttle"})
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool(UserPoolId=pool_id)
    assert excinfo.value.response["Error"]["Code"] == "TooManyRequestsException"
    control(endpoint, "POST", "faults", {"Operation": "DescribeUserPool", "Fault": "serverError", "Status": 503})
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool(UserPoolId=pool_id)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    idp.describe_user_pool(UserPoolId=pool_id)


def test_request_log_has_operations_and_statuses_only(endpoint, idp, client, user):
    control(endpoint, "DELETE", "requests")
    with pytest.raises(ClientError):
        idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": user, "PASSWORD": "Wrong-passw0rd"})
    log = control(endpoint, "GET", "requests")["Requests"]
    assert log[-1]["Operation"] == "InitiateAuth" and log[-1]["Status"] == 400
    assert log[-1]["ErrorType"] == "NotAuthorizedException"
    assert "Wrong-passw0rd" not in repr(log)


def test_injected_dropped_connection_and_latency(endpoint, idp, pool_id):
    import time
    from botocore.exceptions import HTTPClientError

    control(endpoint, "POST", "faults", {"Operation": "DescribeUserPool", "Fault": "dropConnection"})
    with pytest.raises(HTTPClientError):
        idp.describe_user_pool(UserPoolId=pool_id)
    control(endpoint, "POST", "faults", {"Operation": "*", "Fault": "latency", "Milliseconds": 300})
    started = time.monotonic()
    idp.describe_user_pool(UserPoolId=pool_id)
    assert time.monotonic() - started >= 0.3


def test_bad_fault_request_is_a_typed_error(endpoint):
    import urllib.error
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        control(endpoint, "POST", "faults", {"Operation": "GetUser", "Fault": "meteor"})
    assert excinfo.value.code == 400
    assert json.loads(excinfo.value.read())["__type"] == "InvalidParameterException"
