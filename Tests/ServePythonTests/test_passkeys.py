"""boto3 against cognito-session serve: the pool's passkey relying party (SetUserPoolMfaConfig's
WebAuthnConfiguration) and the passkey operations' shapes as the AWS SDK sends and reads them."""
import base64

import pytest
from botocore.exceptions import ClientError

from conftest import PASSWORD


def sign_in(idp, client_id, username):
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD})["AuthenticationResult"]


def test_webauthn_configuration_then_registration_options(idp, pool_id, client, user):
    token = sign_in(idp, client["ClientId"], user)["AccessToken"]
    with pytest.raises(ClientError) as excinfo:
        idp.start_web_authn_registration(AccessToken=token)
    assert excinfo.value.response["Error"]["Code"] == "WebAuthnConfigurationMissingException"

    answer = idp.set_user_pool_mfa_config(
        UserPoolId=pool_id, WebAuthnConfiguration={"RelyingPartyId": "example.com", "UserVerification": "required"})
    assert answer["WebAuthnConfiguration"] == {"RelyingPartyId": "example.com", "UserVerification": "required"}
    got = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert got["WebAuthnConfiguration"]["RelyingPartyId"] == "example.com"

    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    assert options["rp"]["id"] == "example.com"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert [p["alg"] for p in options["pubKeyCredParams"]] == [-7, -257]
    challenge = options["challenge"]
    assert len(base64.urlsafe_b64decode(challenge + "=" * (-len(challenge) % 4))) == 32

    assert idp.list_web_authn_credentials(AccessToken=token)["Credentials"] == []
    with pytest.raises(ClientError) as excinfo:
        idp.complete_web_authn_registration(AccessToken=token, Credential={"id": "AAAA", "type": "public-key"})
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        idp.delete_web_authn_credential(AccessToken=token, CredentialId="AAAA")
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"
