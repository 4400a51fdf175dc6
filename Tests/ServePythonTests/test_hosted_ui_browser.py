"""`cognito-session login --browser` end to end in a real browser (Debian's headless chromium through selenium),
and `cognito-session client-token`, against `cognito-session serve`'s hosted UI and token endpoint.

scripts/serve-tests.sh installs chromium, chromium-driver and selenium when they are missing.
"""
import base64
import json
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import urllib.request
import uuid

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from conftest import PASSWORD, control, make_client, make_user


def tool():
    binary = os.environ.get("COGNITO_SESSION_BIN")
    if not binary:
        pytest.fail("COGNITO_SESSION_BIN is not set: run ./scripts/serve-tests.sh")
    return binary


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def verify(endpoint, pool_id, token, token_use, **claims):
    """The token's claims, after its signature, issuer (this server), use and expiry are checked."""
    issuer = f"{endpoint}/{pool_id}"
    keys = KeySet.import_key_set(fetch(f"{issuer}/.well-known/jwks.json"))
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    now = int(control(endpoint, "GET", "clock")["Now"])
    expected = {name: {"essential": True, "value": value} for name, value in claims.items()}
    jwt.JWTClaimsRegistry(now=now, iss={"essential": True, "value": issuer},
                          token_use={"essential": True, "value": token_use}, exp={"essential": True},
                          **expected).validate(decoded.claims)
    return decoded.claims


@pytest.fixture(scope="module")
def browser():
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (binary and driver):
        pytest.fail("chromium and chromedriver are missing: run ./scripts/serve-tests.sh, which installs "
                    "Debian's chromium and chromium-driver")
    options = Options()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    chrome.set_page_load_timeout(30)
    yield chrome
    chrome.quit()


@pytest.fixture()
def home():
    folder = tempfile.mkdtemp(prefix="cognito-session-browser-")
    os.chmod(folder, stat.S_IRWXU)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def domain_of(idp, endpoint, pool_id):
    prefix = f"py{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(Domain=prefix, UserPoolId=pool_id)
    return f"{endpoint}/{prefix}"


def environment(home, endpoint, pool_id, client_id, **extra):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "COGNITO_USER_POOL_ID": pool_id,
           "COGNITO_CLIENT_ID": client_id, "COGNITO_ENDPOINT": endpoint,
           "COGNITO_SESSION_FILE": os.path.join(home, "sessions.json")}
    env.update(extra)
    return env


def run(arguments, env, timeout=60):
    return subprocess.run([tool(), *arguments], env=env, capture_output=True, text=True, timeout=timeout)


def test_login_browser_end_to_end(endpoint, idp, pool_id, browser, home):
    domain = domain_of(idp, endpoint, pool_id)
    port = free_port()
    redirect = f"http://localhost:{port}/callback"
    client = make_client(idp, pool_id, AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email"],
                         AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=[redirect],
                         SupportedIdentityProviders=["COGNITO"])
    user = make_user(idp, pool_id)
    # $BROWSER hands the URL to this test instead of opening anything.
    handed = os.path.join(home, "url")
    opener = os.path.join(home, "browser.sh")
    with open(opener, "w") as script:
        script.write(f'#!/bin/sh\nprintf "%s\\n" "$1" > "{handed}.part" && mv "{handed}.part" "{handed}"\n')
    os.chmod(opener, stat.S_IRWXU)
    env = environment(home, endpoint, pool_id, client["ClientId"], BROWSER=opener)

    login = subprocess.Popen([tool(), "login", "--browser", "--domain", domain, "--redirect-uri", redirect,
                              "--scope", "openid", "--scope", "email", "--sign-in-timeout", "60"],
                             env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(handed):
            assert login.poll() is None, login.communicate()[1]
            assert time.monotonic() < deadline, "the tool never ran $BROWSER"
            time.sleep(0.05)
        with open(handed) as file:
            url = file.read().strip()
        assert url.startswith(f"{domain}/oauth2/authorize?")
        browser.get(url)
        browser.find_element(By.NAME, "username").send_keys(user)
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.NAME, "password").submit()
        stdout, stderr = login.communicate(timeout=30)
    finally:
        if login.poll() is None:
            login.kill()
            login.wait()
    assert login.returncode == 0, stderr
    assert url in stderr            # the URL is always printed
    assert stdout == ""
    assert "close this tab" in browser.page_source
    assert browser.current_url.startswith(redirect + "?")

    with open(os.path.join(home, "sessions.json")) as file:
        stored = json.load(file)
    prefix = f"CognitoIdentityServiceProvider.{client['ClientId']}"
    assert stored[f"{prefix}.LastAuthUser"] == user
    assert stored[f"cognito-session.{client['ClientId']}.oauth2Domain"] == domain

    printed = run(["token"], env)
    assert printed.returncode == 0, printed.stderr
    access = printed.stdout.strip()
    assert printed.stdout == access + "\n" and access == stored[f"{prefix}.{user}.accessToken"]
    claims = verify(endpoint, pool_id, access, "access", client_id=client["ClientId"], username=user)
    assert "openid" in claims["scope"].split()

    # An expired access token: `token` refreshes through the recorded domain's token endpoint.
    def segment(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    stale = dict(claims, exp=int(time.time()) - 60)
    stored[f"{prefix}.{user}.accessToken"] = f"{segment({'alg': 'none'})}.{segment(stale)}.c2ln"
    with open(os.path.join(home, "sessions.json"), "w") as file:
        json.dump(stored, file)
    control(endpoint, "POST", "clock", {"AdvanceSeconds": 1})
    refreshed = run(["token"], env)
    assert refreshed.returncode == 0, refreshed.stderr
    fresh = refreshed.stdout.strip()
    assert fresh != access
    verify(endpoint, pool_id, fresh, "access", client_id=client["ClientId"], username=user)
    log = control(endpoint, "GET", f"pools/{pool_id}/requests")["Requests"]
    flows = [entry.get("AuthFlow") for entry in log if entry["Operation"] == "POST /oauth2/token"]
    assert flows == ["authorization_code", "refresh_token"]
    assert not [entry for entry in log if entry["Operation"] == "InitiateAuth"]


def test_login_browser_refused_and_timed_out(endpoint, idp, pool_id, home):
    domain = domain_of(idp, endpoint, pool_id)
    client = make_client(idp, pool_id, AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
                         AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=["http://localhost:1/callback"],
                         SupportedIdentityProviders=["COGNITO"])
    env = environment(home, endpoint, pool_id, client["ClientId"], BROWSER="true")
    port = free_port()
    login = run(["login", "--browser", "--domain", domain, "--redirect-uri", f"http://localhost:{port}/callback",
                 "--sign-in-timeout", "1"], env)
    assert login.returncode == 1
    assert "no sign-in came back within 1 s" in login.stderr
    assert not os.path.exists(os.path.join(home, "sessions.json")) or "accessToken" not in open(
        os.path.join(home, "sessions.json")).read()
    # A pasted redirect with Cognito's error answer is refused, naming the error.
    pasted = subprocess.run([tool(), "login", "--no-browser", "--domain", domain, "--redirect-uri",
                             "http://localhost:1/callback"], env=env, capture_output=True, text=True, timeout=60,
                            input="http://localhost:1/callback?error=access_denied&state=x\n")
    assert pasted.returncode == 1
    assert "access_denied" in pasted.stderr


def test_client_token_through_the_tool(endpoint, idp, pool_id, home):
    domain = domain_of(idp, endpoint, pool_id)
    idp.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "read orders"},
                                       {"ScopeName": "write", "ScopeDescription": "write orders"}])
    client = make_client(idp, pool_id, GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
                         AllowedOAuthScopes=["orders/read", "orders/write"], AllowedOAuthFlowsUserPoolClient=True)
    env = environment(home, endpoint, pool_id, client["ClientId"], COGNITO_CLIENT_SECRET=client["ClientSecret"])

    first = run(["client-token", "--domain", domain, "--scope", "orders/read"], env)
    assert first.returncode == 0, first.stderr
    token = first.stdout.strip()
    assert first.stdout == token + "\n"
    claims = verify(endpoint, pool_id, token, "access", client_id=client["ClientId"])
    assert claims["scope"] == "orders/read" and "username" not in claims

    # Cached in the session file: printed again without asking the server (the domain is unreachable now).
    again = run(["client-token", "--domain", "http://127.0.0.1:1/nowhere", "--scope", "orders/read"], env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == token
    with open(os.path.join(home, "sessions.json")) as file:
        assert json.load(file)[f"cognito-session.{client['ClientId']}.clientCredentials.orders/read"] == token

    both = run(["client-token", "--domain", domain, "--scope", "orders/write", "--scope", "orders/read"], env)
    assert both.returncode == 0, both.stderr
    scopes = verify(endpoint, pool_id, both.stdout.strip(), "access")["scope"].split()
    assert sorted(scopes) == ["orders/read", "orders/write"]

    wrong = run(["client-token", "--domain", domain, "--scope", "orders/write"],
                dict(env, COGNITO_CLIENT_SECRET="not-the-secret"))
    assert wrong.returncode == 4  # refused by the service
    assert "the domain refused the client " + client["ClientId"][:4] in wrong.stderr, wrong.stderr
    assert "not-the-secret" not in wrong.stderr
