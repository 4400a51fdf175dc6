"""--config creates pools at start; --state keeps everything across a restart (tokens issued before it
stay valid). These tests start servers of their own from COGNITO_SESSION_BIN."""
import json
import os
import signal
import subprocess

import pytest

from conftest import PASSWORD, make_client, make_idp, make_user


class Server:
    def __init__(self, *arguments):
        binary = os.environ.get("COGNITO_SESSION_BIN")
        if not binary:
            pytest.fail("COGNITO_SESSION_BIN is not set: run ./scripts/serve-tests.sh")
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--quiet", *arguments],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = self.process.stdout.readline().strip()
        assert first.startswith("listening on http://127.0.0.1:"), (first, self.process.stderr.read())
        self.endpoint = first.removeprefix("listening on ")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=10)


def test_config_creates_pools_clients_and_users(tmp_path):
    config = tmp_path / "pools.json"
    config.write_text(json.dumps({"UserPools": [{
        "Id": "eu-west-1_Config001", "PoolName": "configured",
        "Policies": {"PasswordPolicy": {"MinimumLength": 8}},
        "Clients": [{"ClientName": "app", "ClientId": "configuredclient",
                     "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
        "Users": [{"Username": "dora", "Password": PASSWORD, "Attributes": {"email": "dora@example.com"}}],
    }]}))
    server = Server("--config", str(config))
    try:
        idp = make_idp(server.endpoint, region="eu-west-1")
        assert idp.describe_user_pool(UserPoolId="eu-west-1_Config001")["UserPool"]["Name"] == "configured"
        tokens = idp.initiate_auth(ClientId="configuredclient", AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "dora", "PASSWORD": PASSWORD})
        assert idp.get_user(AccessToken=tokens["AuthenticationResult"]["AccessToken"])["Username"] == "dora"
    finally:
        assert server.stop() == 0


def test_bad_config_stops_the_server_with_a_message(tmp_path):
    config = tmp_path / "bad.json"
    config.write_text('{"UserPools": [{"Clients": []}]}')
    binary = os.environ["COGNITO_SESSION_BIN"]
    result = subprocess.run([binary, "serve", "--port", "0", "--config", str(config)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "PoolName" in result.stderr


def test_state_survives_a_restart(tmp_path):
    state = tmp_path / "state.json"
    server = Server("--state", str(state))
    try:
        idp = make_idp(server.endpoint)
        pool = idp.create_user_pool(PoolName="kept")["UserPool"]["Id"]
        client = make_client(idp, pool, GenerateSecret=False)
        make_user(idp, pool, username="kept")
        tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "kept", "PASSWORD": PASSWORD})["AuthenticationResult"]
    finally:
        assert server.stop() == 0
    assert oct(state.stat().st_mode & 0o777) == "0o600"
    assert PASSWORD not in state.read_text()

    again = Server("--state", str(state))
    try:
        idp = make_idp(again.endpoint)
        assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == "kept"
        refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
        assert "AccessToken" in refreshed["AuthenticationResult"]
        idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "kept", "PASSWORD": PASSWORD})
        assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [pool]
    finally:
        assert again.stop() == 0
