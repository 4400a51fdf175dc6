"""boto3 against cognito-session serve: set-up through Admin operations, USER_PASSWORD_AUTH, refresh,
GetUser, rotation, expiry through the clock control, revocation."""
import hmac
import base64
import hashlib

import pytest
from botocore.exceptions import ClientError

from conftest import PASSWORD, make_client, make_idp, make_user


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def sign_in(idp, client_id, username, password=PASSWORD, **extra):
    parameters = {"USERNAME": username, "PASSWORD": password, **extra}
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=parameters)


def test_pool_id_takes_the_region_of_the_signature(endpoint):
    idp = make_idp(endpoint, region="eu-west-2")
    pool = idp.create_user_pool(PoolName="regional")["UserPool"]
    assert pool["Id"].startswith("eu-west-2_")
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Name"] == "regional"
    assert pool["Id"] in [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]]
    idp.delete_user_pool(UserPoolId=pool["Id"])
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool(UserPoolId=pool["Id"])
    assert error_code(excinfo) == "ResourceNotFoundException"


def test_admin_set_up_then_password_sign_in_and_get_user(idp, pool_id, client, user):
    got = idp.admin_get_user(UserPoolId=pool_id, Username=user)
    assert got["UserStatus"] == "CONFIRMED" and got["Enabled"] is True
    result = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600
    me = idp.get_user(AccessToken=result["AccessToken"])
    assert me["Username"] == user
    attributes = {a["Name"]: a["Value"] for a in me["UserAttributes"]}
    assert attributes["email"] == f"{user}@example.com" and "sub" in attributes


def test_temporary_password_answers_new_password_required(idp, pool_id, client):
    idp.admin_create_user(UserPoolId=pool_id, Username="newbie", TemporaryPassword="Temp-0rary!",
                          MessageAction="SUPPRESS")
    first = sign_in(idp, client["ClientId"], "newbie", "Temp-0rary!")
    assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    done = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED", Session=first["Session"],
        ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": PASSWORD})
    assert "AccessToken" in done["AuthenticationResult"]
    assert idp.admin_get_user(UserPoolId=pool_id, Username="newbie")["UserStatus"] == "CONFIRMED"


def test_wrong_password_is_refused(idp, client, user):
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, client["ClientId"], user, "Wrong-passw0rd")
    assert error_code(excinfo) == "NotAuthorizedException"
    assert excinfo.value.response["Error"]["Message"] == "Incorrect username or password."


def test_refresh_gives_a_working_access_token(idp, client, user):
    first = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    assert refreshed["AccessToken"] != first["AccessToken"]
    assert idp.get_user(AccessToken=refreshed["AccessToken"])["Username"] == user


def test_access_token_expires_when_the_clock_moves(idp, client, user, advance_clock):
    tokens = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    advance_clock(3601)
    with pytest.raises(ClientError) as excinfo:
        idp.get_user(AccessToken=tokens["AccessToken"])
    assert error_code(excinfo) == "NotAuthorizedException"
    assert "expired" in excinfo.value.response["Error"]["Message"]
    refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    assert idp.get_user(AccessToken=refreshed["AuthenticationResult"]["AccessToken"])["Username"] == user


def test_token_validity_units_are_honoured(idp, pool_id, user, advance_clock):
    client = make_client(idp, pool_id, AccessTokenValidity=10, IdTokenValidity=10,
                         TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes"})
    described = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]
    assert described["AccessTokenValidity"] == 10 and described["TokenValidityUnits"]["AccessToken"] == "minutes"
    tokens = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    assert tokens["ExpiresIn"] == 600
    advance_clock(601)
    with pytest.raises(ClientError):
        idp.get_user(AccessToken=tokens["AccessToken"])


def test_rotation_replaces_the_refresh_token_and_honours_the_grace_period(idp, pool_id, user, advance_clock):
    client = make_client(idp, pool_id, RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 10})
    first = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    rotated = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"],
                                                RefreshToken=first["RefreshToken"])["AuthenticationResult"]
    assert rotated["RefreshToken"] != first["RefreshToken"]
    # Within the grace period the old token still works; after it, it is refused.
    idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])
    advance_clock(11)
    with pytest.raises(ClientError) as excinfo:
        idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])
    assert error_code(excinfo) == "RefreshTokenReuseException"
    again = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=rotated["RefreshToken"])
    assert idp.get_user(AccessToken=again["AuthenticationResult"]["AccessToken"])["Username"] == user


def test_revoke_and_global_sign_out(idp, pool_id, client, user):
    tokens = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    idp.revoke_token(Token=tokens["RefreshToken"], ClientId=client["ClientId"])
    with pytest.raises(ClientError) as excinfo:
        idp.get_user(AccessToken=tokens["AccessToken"])
    assert error_code(excinfo) == "NotAuthorizedException"
    second = sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
    idp.admin_user_global_sign_out(UserPoolId=pool_id, Username=user)
    with pytest.raises(ClientError):
        idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": second["RefreshToken"]})


def test_client_secret_needs_the_secret_hash(idp, pool_id, user):
    client = make_client(idp, pool_id, GenerateSecret=True)
    secret = client["ClientSecret"]
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, client["ClientId"], user)
    assert error_code(excinfo) == "NotAuthorizedException"
    digest = hmac.new(secret.encode(), (user + client["ClientId"]).encode(), hashlib.sha256).digest()
    result = sign_in(idp, client["ClientId"], user, SECRET_HASH=base64.b64encode(digest).decode())
    assert "AccessToken" in result["AuthenticationResult"]


def test_admin_password_auth_gives_tokens_without_device_metadata(endpoint):
    idp = make_idp(endpoint)
    pool_id = idp.create_user_pool(PoolName="devices", DeviceConfiguration={
        "ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False})["UserPool"]["Id"]
    try:
        client = make_client(idp, pool_id)
        user = make_user(idp, pool_id)
        # A client's own sign-in gets a device to confirm; an administrator's does not.
        assert "NewDeviceMetadata" in sign_in(idp, client["ClientId"], user)["AuthenticationResult"]
        result = idp.admin_initiate_auth(
            UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": user, "PASSWORD": PASSWORD})["AuthenticationResult"]
        assert "NewDeviceMetadata" not in result
        assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == user
        assert idp.admin_list_devices(UserPoolId=pool_id, Username=user)["Devices"] == []
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


def test_explicit_auth_flows_are_enforced(idp, pool_id, user):
    client = make_client(idp, pool_id, ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, client["ClientId"], user)
    assert error_code(excinfo) == "InvalidParameterException"
    assert "USER_PASSWORD_AUTH flow not enabled" in excinfo.value.response["Error"]["Message"]


def test_prevent_user_existence_errors_masks_unknown_users(idp, pool_id):
    legacy = make_client(idp, pool_id)
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, legacy["ClientId"], "nobody")
    assert error_code(excinfo) == "UserNotFoundException"
    masked = make_client(idp, pool_id, PreventUserExistenceErrors="ENABLED")
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, masked["ClientId"], "nobody")
    assert error_code(excinfo) == "NotAuthorizedException"
    assert "CodeDeliveryDetails" in idp.forgot_password(ClientId=masked["ClientId"], Username="nobody")


def test_password_policy_character_classes(idp, pool_id, user):
    with pytest.raises(ClientError) as excinfo:
        idp.admin_set_user_password(UserPoolId=pool_id, Username=user, Password="no-upper-case-1", Permanent=True)
    assert error_code(excinfo) == "InvalidPasswordException"
    assert "uppercase" in excinfo.value.response["Error"]["Message"]
    relaxed = idp.create_user_pool(PoolName="relaxed", Policies={"PasswordPolicy": {"MinimumLength": 6}})["UserPool"]
    make_user(idp, relaxed["Id"], username="plain", password="simple")
    idp.delete_user_pool(UserPoolId=relaxed["Id"])


def test_user_administration(idp, pool_id, client, user):
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username=user,
                                     UserAttributes=[{"Name": "given_name", "Value": "Alice"}])
    listed = idp.list_users(UserPoolId=pool_id, Filter='given_name = "Alice"')["Users"]
    assert [u["Username"] for u in listed] == [user]
    assert idp.list_users(UserPoolId=pool_id, Filter='username ^= "zz"')["Users"] == []
    idp.admin_disable_user(UserPoolId=pool_id, Username=user)
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, client["ClientId"], user)
    assert error_code(excinfo) == "NotAuthorizedException"
    idp.admin_enable_user(UserPoolId=pool_id, Username=user)
    sign_in(idp, client["ClientId"], user)
    idp.admin_delete_user(UserPoolId=pool_id, Username=user)
    with pytest.raises(ClientError) as excinfo:
        idp.admin_get_user(UserPoolId=pool_id, Username=user)
    assert error_code(excinfo) == "UserNotFoundException"


def test_clients_are_described_updated_listed_and_deleted(idp, pool_id):
    client = make_client(idp, pool_id, CallbackURLs=["http://localhost:8765/callback"],
                         AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
                         AllowedOAuthFlowsUserPoolClient=True, EnableTokenRevocation=False)
    assert client["CallbackURLs"] == ["http://localhost:8765/callback"] and client["EnableTokenRevocation"] is False
    updated = idp.update_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"], ClientName="renamed",
                                          RefreshTokenValidity=1, TokenValidityUnits={"RefreshToken": "days"})
    assert updated["UserPoolClient"]["ClientName"] == "renamed"
    assert updated["UserPoolClient"]["RefreshTokenValidity"] == 1
    names = [c["ClientName"] for c in idp.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]]
    assert names == ["renamed"]
    idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])
    assert error_code(excinfo) == "ResourceNotFoundException"


def test_admin_flows_answer_challenges_and_confirm_sign_ups(idp, pool_id, client):
    idp.admin_create_user(UserPoolId=pool_id, Username="frank", TemporaryPassword="Temp-0rary!",
                          MessageAction="SUPPRESS")
    first = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow="ADMIN_NO_SRP_AUTH",
                                    AuthParameters={"USERNAME": "frank", "PASSWORD": "Temp-0rary!"})
    assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=first["Session"], ChallengeResponses={"USERNAME": "frank", "NEW_PASSWORD": PASSWORD})
    assert "NewDeviceMetadata" not in done["AuthenticationResult"]
    idp.sign_up(ClientId=client["ClientId"], Username="gina", Password=PASSWORD)
    with pytest.raises(ClientError) as excinfo:
        sign_in(idp, client["ClientId"], "gina")
    assert error_code(excinfo) == "UserNotConfirmedException"
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="gina")
    sign_in(idp, client["ClientId"], "gina")
