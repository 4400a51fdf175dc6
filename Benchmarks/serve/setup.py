#!/usr/bin/env python3
"""Sets the benchmark's pool up on a Cognito endpoint (cognito-session serve or moto) with boto3, and
writes the two request bodies the load generator repeats.

Usage: setup.py ENDPOINT OUT_DIR
Writes OUT_DIR/signin.json (an InitiateAuth USER_PASSWORD_AUTH body) and OUT_DIR/getuser.json (a GetUser
body with a valid access token).
"""
import json
import sys

import boto3

endpoint, out = sys.argv[1], sys.argv[2]
idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
pool = idp.create_user_pool(PoolName="bench")["UserPool"]["Id"]
client = idp.create_user_pool_client(
    UserPoolId=pool, ClientName="bench",
    ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
password = "Correct-h0rse"
idp.admin_create_user(UserPoolId=pool, Username="bench", TemporaryPassword="Temp-0rary!", MessageAction="SUPPRESS")
idp.admin_set_user_password(UserPoolId=pool, Username="bench", Password=password, Permanent=True)
signin = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
          "AuthParameters": {"USERNAME": "bench", "PASSWORD": password}}
tokens = idp.initiate_auth(**signin)["AuthenticationResult"]
with open(f"{out}/signin.json", "w") as file:
    json.dump(signin, file)
with open(f"{out}/getuser.json", "w") as file:
    json.dump({"AccessToken": tokens["AccessToken"]}, file)
