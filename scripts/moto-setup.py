#!/usr/bin/env python3
"""Creates the user pool and app clients of the integration tests on a running moto server.

Usage: scripts/moto-setup.py ENDPOINT CONFIG_FILE
  e.g. scripts/moto-setup.py http://127.0.0.1:5000 /tmp/cognito-moto.json

Waits (up to 30 s) until ENDPOINT answers, then creates through moto's Cognito API, as an
administrator would through AWS's: one user pool (email as the user name, the default password
policy spelled out, optional software-token MFA) and two app clients, one public and one with a
generated secret, both allowing USER_PASSWORD_AUTH, USER_SRP_AUTH and REFRESH_TOKEN_AUTH. Writes
CONFIG_FILE as JSON: endpoint, region, userPoolId, clientId, secretClientId, clientSecret.
The credentials are moto's dummies; nothing here reaches AWS.
"""
import json
import os
import sys
import time

import boto3
import botocore.exceptions

REGION = "us-east-1"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: moto-setup.py ENDPOINT CONFIG_FILE")
    endpoint, config_file = sys.argv[1], sys.argv[2]
    idp = boto3.client(
        "cognito-idp", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id="testing", aws_secret_access_key="testing")
    wait_until_answering(idp)

    pool = idp.create_user_pool(
        PoolName="swift-cognito-session-integration",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        Policies={"PasswordPolicy": {
            "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
            "RequireNumbers": True, "RequireSymbols": True}},
        MfaConfiguration="OPTIONAL",
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL")
    public = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="public", GenerateSecret=False, ExplicitAuthFlows=FLOWS)["UserPoolClient"]
    confidential = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="confidential", GenerateSecret=True,
        ExplicitAuthFlows=FLOWS)["UserPoolClient"]

    config = {
        "endpoint": endpoint, "region": REGION, "userPoolId": pool["Id"], "clientId": public["ClientId"],
        "secretClientId": confidential["ClientId"], "clientSecret": confidential["ClientSecret"],
    }
    with open(config_file + ".tmp", "w") as file:
        json.dump(config, file, indent=2)
    os.replace(config_file + ".tmp", config_file)
    print(f"user pool {pool['Id']} with clients {public['ClientId']} and {confidential['ClientId']} (secret)")


def wait_until_answering(idp) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            idp.list_user_pools(MaxResults=1)
            return
        except (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError):
            if time.monotonic() > deadline:
                sys.exit("moto-setup.py: the moto server did not answer within 30 s")
            time.sleep(0.2)


if __name__ == "__main__":
    main()
