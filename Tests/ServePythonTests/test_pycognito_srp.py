"""pycognito's own SRP client (USER_SRP_AUTH) against the server's real SRP check; pycognito also
verifies the tokens against the server's JWKS and issuer."""
import pytest
from botocore.exceptions import ClientError
from pycognito import Cognito

from conftest import PASSWORD, make_client


def cognito(endpoint, pool_id, client_id, username, secret=None):
    return Cognito(pool_id, client_id, username=username, client_secret=secret,
                   access_key="AKIDEXAMPLE", secret_key="any-secret",
                   boto3_client_kwargs={"endpoint_url": endpoint})


def test_srp_sign_in_without_a_secret(endpoint, idp, pool_id, client, user):
    session = cognito(endpoint, pool_id, client["ClientId"], user)
    session.authenticate(password=PASSWORD)
    assert session.access_claims["username"] == user
    assert session.id_claims["cognito:username"] == user
    assert idp.get_user(AccessToken=session.access_token)["Username"] == user


def test_srp_sign_in_with_a_client_secret(endpoint, idp, pool_id, user):
    client = make_client(idp, pool_id, GenerateSecret=True)
    session = cognito(endpoint, pool_id, client["ClientId"], user, secret=client["ClientSecret"])
    session.authenticate(password=PASSWORD)
    assert session.access_claims["client_id"] == client["ClientId"]
    # The refresh goes through REFRESH_TOKEN_AUTH with the secret hash.
    session.check_token(renew=False)
    session.renew_access_token()
    assert idp.get_user(AccessToken=session.access_token)["Username"] == user


def test_srp_with_a_wrong_password_is_refused(endpoint, pool_id, client, user):
    session = cognito(endpoint, pool_id, client["ClientId"], user)
    with pytest.raises(ClientError) as excinfo:
        session.authenticate(password="Wrong-passw0rd")
    assert excinfo.value.response["Error"]["Code"] == "NotAuthorizedException"
