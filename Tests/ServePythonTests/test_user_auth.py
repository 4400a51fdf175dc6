"""The choice-based sign-in (USER_AUTH) with boto3 against cognito-session serve: the sign-in policy set with
UpdateUserPool, SELECT_CHALLENGE, one-time codes read from the /_local/ controls, and their refusals."""
import botocore.exceptions
import pytest

from conftest import PASSWORD, control, make_client, make_user


def last_code(endpoint, pool_id, username, purpose):
    messages = control(endpoint, "GET", f"pools/{pool_id}/messages?username={username}")["Messages"]
    return [m for m in messages if m["Purpose"] == purpose][-1]["Code"]


@pytest.fixture()
def user_auth_client(idp, pool_id):
    idp.update_user_pool(
        UserPoolId=pool_id, Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}})
    return make_client(idp, pool_id, ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])


def test_update_user_pool_sets_the_sign_in_policy(idp, pool_id, user_auth_client):
    policy = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Policies"]["SignInPolicy"]
    assert policy == {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        idp.update_user_pool(
            UserPoolId=pool_id, Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["EMAIL_OTP"]}})
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"


def test_select_challenge_then_email_code(endpoint, idp, pool_id, user_auth_client):
    username = make_user(idp, pool_id)
    client_id = user_auth_client["ClientId"]
    first = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username})
    assert first["ChallengeName"] == "SELECT_CHALLENGE"
    assert first["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
    sent = idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="SELECT_CHALLENGE", Session=first["Session"],
        ChallengeResponses={"USERNAME": username, "ANSWER": "EMAIL_OTP"})
    assert sent["ChallengeName"] == "EMAIL_OTP"
    assert sent["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    with pytest.raises(botocore.exceptions.ClientError) as wrong:
        idp.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="EMAIL_OTP", Session=sent["Session"],
            ChallengeResponses={"USERNAME": username, "EMAIL_OTP_CODE": "not-it"})
    assert wrong.value.response["Error"]["Code"] == "CodeMismatchException"
    code = last_code(endpoint, pool_id, username, "EMAIL_OTP")
    tokens = idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="EMAIL_OTP", Session=sent["Session"],
        ChallengeResponses={"USERNAME": username, "EMAIL_OTP_CODE": code})
    assert tokens["AuthenticationResult"]["AccessToken"]


def test_preferred_password_signs_in_at_once(idp, pool_id, user_auth_client):
    username = make_user(idp, pool_id)
    answer = idp.initiate_auth(
        ClientId=user_auth_client["ClientId"], AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": username, "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD})
    assert answer["AuthenticationResult"]["RefreshToken"]


def test_expired_email_code(endpoint, idp, pool_id, user_auth_client, advance_clock):
    username = make_user(idp, pool_id)
    client_id = user_auth_client["ClientId"]
    idp.update_user_pool_client(
        UserPoolId=pool_id, ClientId=client_id, AuthSessionValidity=15,
        ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    sent = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": username, "PREFERRED_CHALLENGE": "EMAIL_OTP"})
    code = last_code(endpoint, pool_id, username, "EMAIL_OTP")
    advance_clock(181)
    with pytest.raises(botocore.exceptions.ClientError) as expired:
        idp.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="EMAIL_OTP", Session=sent["Session"],
            ChallengeResponses={"USERNAME": username, "EMAIL_OTP_CODE": code})
    assert expired.value.response["Error"]["Code"] == "ExpiredCodeException"
