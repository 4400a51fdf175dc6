#!/usr/bin/env python3
"""Generate Tests/CognitoSessionTests/Fixtures/srp_vectors.json.

The fixture holds Cognito SRP test vectors made by an independent
implementation, pycognito (pycognito.aws_srp), version 2024.5.1:

* passwordCases: USER_SRP_AUTH / PASSWORD_VERIFIER exchanges. The client values
  (A, u, S, HKDF key, timestamp, PASSWORD_CLAIM_SIGNATURE) come from pycognito,
  with the private value `a` and the clock fixed. The "server" object is the
  matching server side (verifier, b, B, server S), computed here and checked
  against pycognito's client S and key.
* deviceCases: ConfirmDevice data from pycognito's generate_hash_device (its
  random bytes fixed), plus a DEVICE_PASSWORD_VERIFIER exchange signed by
  pycognito's process_device_challenge.
* timestamps: unix seconds -> the string amazon-cognito-identity-js's DateHelper
  makes ("%a %b %-d %H:%M:%S UTC %Y", English names, UTC).

Nothing is random: every input comes from SHAKE-256 of a fixed label, so a
re-run reproduces the file byte for byte.

Run from the repository root:

    pip install pycognito==2024.5.1 && python3 scripts/generate_srp_vectors.py
"""

import base64
import calendar
import contextlib
import datetime
import hashlib
import hmac
import importlib.metadata
import json
import pathlib
import sys
import types

from pycognito import aws_srp

PYCOGNITO_VERSION = "2024.5.1"
OUTPUT = (
    pathlib.Path(__file__).resolve().parent.parent
    / "Tests" / "CognitoSessionTests" / "Fixtures" / "srp_vectors.json"
)

# k as amazon-cognito-identity-js computes it: SHA256(padHex(N) || padHex(g)).
EXPECTED_K = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"

N = aws_srp.hex_to_long(aws_srp.N_HEX)
G = aws_srp.hex_to_long(aws_srp.G_HEX)

WEEKDAYS_FROM_SUNDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ---------------------------------------------------------------------------
# Own helpers (used for inputs and for cross-checking pycognito's output)
# ---------------------------------------------------------------------------

def det_bytes(label, n):
    """n deterministic bytes derived from a label."""
    return hashlib.shake_256(("srp-vectors/" + label).encode("utf-8")).digest(n)


def det_int(label, n):
    return int.from_bytes(det_bytes(label, n), "big")


def minimal_hex(value):
    """Lowercase hex without leading zeros, as Cognito puts numbers on the wire."""
    return format(value, "x")


def js_pad_hex(value):
    """AuthenticationHelper.padHex for a non-negative integer."""
    text = format(value, "x")
    if len(text) % 2 == 1:
        text = "0" + text
    elif text[0] in "89abcdef":
        text = "00" + text
    return text


def js_timestamp(moment):
    """DateHelper.getNowString for an aware UTC datetime."""
    weekday = WEEKDAYS_FROM_SUNDAY[(moment.weekday() + 1) % 7]
    return (f"{weekday} {MONTHS[moment.month - 1]} {moment.day} "
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} UTC {moment.year}")


def utc(year, month, day, hour, minute, second):
    return datetime.datetime(year, month, day, hour, minute, second,
                             tzinfo=datetime.timezone.utc)


def own_hkdf(ikm, salt):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------
# Harness around pycognito: fixed `a`, frozen clock, fixed random bytes,
# and a recorder for the HKDF inputs (padHex(S), padHex(u)).
# ---------------------------------------------------------------------------

class _NoNetworkClient:
    """Stands in for the boto3 client; the SRP math never calls it."""

    def __getattr__(self, name):
        raise AssertionError(f"unexpected boto3 call: {name}")


class FixedSRP(aws_srp.AWSSRP):
    """pycognito's AWSSRP with the private value `a` chosen by the caller."""

    def __init__(self, small_a, **kwargs):
        self._fixed_small_a = small_a
        super().__init__(client=_NoNetworkClient(), **kwargs)

    def generate_random_small_a(self):
        return self._fixed_small_a % self.big_n


@contextlib.contextmanager
def patched(name, replacement):
    original = getattr(aws_srp, name)
    setattr(aws_srp, name, replacement)
    try:
        yield
    finally:
        setattr(aws_srp, name, original)


def frozen_clock(moment):
    """Replaces the `datetime` module seen by aws_srp; utcnow() returns `moment`."""
    naive = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return naive

    return patched("datetime", types.SimpleNamespace(datetime=FrozenDatetime))


def fixed_urandom(chunks):
    """Replaces the `os` module seen by aws_srp; urandom(n) hands out `chunks` in order."""
    queue = list(chunks)

    def urandom(n):
        chunk = queue.pop(0)
        assert len(chunk) == n, (len(chunk), n)
        return chunk

    return patched("os", types.SimpleNamespace(urandom=urandom))


def recording_hkdf(calls):
    original = aws_srp.compute_hkdf

    def compute_hkdf(ikm, salt):
        result = original(ikm, salt)
        calls.append((bytes(ikm), bytes(salt), bytes(result)))
        return result

    return patched("compute_hkdf", compute_hkdf)


# ---------------------------------------------------------------------------
# One SRP exchange (client = pycognito, server = own code)
# ---------------------------------------------------------------------------

def odd(hex_text):
    return len(hex_text) % 2 == 1


def choose_a_and_b(label, k, verifier, want):
    """Deterministic a (1024-bit) and b (256-bit) from counters 0, 1, 2, ...

    The first counters are taken unless `want` names properties to reach
    ("A_odd", "B_odd", "u_odd", "S_odd": that value's minimal hex has odd
    length); then the counters are stepped until they hold. This search uses
    server-side math only; pycognito then runs once on the chosen values.
    """
    a_counter = 0
    while True:
        small_a = det_int(f"{label}/a/{a_counter}", 128)
        big_a = pow(G, small_a, N)
        if "A_odd" not in want or odd(minimal_hex(big_a)):
            break
        a_counter += 1
    b_counter = 0
    while True:
        b = det_int(f"{label}/b/{b_counter}", 32)
        big_b = (k * verifier + pow(G, b, N)) % N
        u = aws_srp.calculate_u(big_a, big_b)
        checks = {
            "B_odd": lambda: odd(minimal_hex(big_b)),
            "u_odd": lambda: odd(minimal_hex(u)),
            "S_odd": lambda: odd(minimal_hex(pow(big_a * pow(verifier, u, N), b, N))),
        }
        if all(checks[p]() for p in want if p != "A_odd"):
            return small_a, b
        b_counter += 1


def run_exchange(label, pool_name, user_id, password, salt_wire, secret_block,
                 moment, want=(), device=None):
    """Runs one PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) exchange.

    `device` is None for a password case, else (device_group_key, device_key)
    and then pool_name/user_id/password are deviceGroupKey/deviceKey/randomPassword.
    """
    k = aws_srp.hex_to_long(aws_srp.hex_hash(js_pad_hex(N) + js_pad_hex(G)))
    salt_int = aws_srp.hex_to_long(salt_wire)

    # x with pycognito's primitives, as get_password_authentication_key does.
    identity_hash = aws_srp.hash_sha256(f"{pool_name}{user_id}:{password}".encode("utf-8"))
    x = aws_srp.hex_to_long(aws_srp.hex_hash(aws_srp.pad_hex(salt_wire) + identity_hash))
    verifier = pow(G, x, N)

    small_a, b = choose_a_and_b(label, k, verifier, want)
    if device is None:
        srp = FixedSRP(small_a, username=user_id, password=password,
                       pool_id=f"region_{pool_name}", client_id="client")
    else:
        srp = FixedSRP(small_a, username="device-user", password="unused",
                       pool_id="region_unused", client_id="client",
                       device_group_key=device[0], device_key=device[1],
                       device_password=password)
    big_a = srp.large_a_value
    assert big_a == pow(G, small_a, N)

    # Server: B = k*v + g^b, S = (A * v^u)^b.
    big_b = (k * verifier + pow(G, b, N)) % N
    assert big_b % N != 0
    b_wire = minimal_hex(big_b)

    calls = []
    challenge = {"SALT": salt_wire, "SRP_B": b_wire, "SECRET_BLOCK": secret_block}
    with frozen_clock(moment), recording_hkdf(calls):
        if device is None:
            challenge["USER_ID_FOR_SRP"] = user_id
            response = srp.process_challenge(challenge, srp.get_auth_params())
        else:
            challenge["USERNAME"] = "device-user"
            response = srp.process_device_challenge(challenge)
    assert len(calls) == 1
    s_padded, u_padded, key = (c.hex() for c in calls[0])

    u = aws_srp.calculate_u(big_a, big_b)
    assert u != 0 and js_pad_hex(u) == u_padded

    client_s = aws_srp.hex_to_long(s_padded)
    assert js_pad_hex(client_s) == s_padded
    # Own client-side S with the base reduced into [0, N).
    assert client_s == pow((big_b - k * pow(G, x, N)) % N, small_a + u * x, N)
    server_s = pow(big_a * pow(verifier, u, N), b, N)
    assert server_s == client_s, "server S != pycognito client S"
    server_key = own_hkdf(bytes.fromhex(js_pad_hex(server_s)), bytes.fromhex(js_pad_hex(u)))
    assert server_key.hex() == key, "server key != pycognito key"

    timestamp = response["TIMESTAMP"]
    assert timestamp == js_timestamp(moment), (timestamp, js_timestamp(moment))
    message = (pool_name.encode("utf-8") + user_id.encode("utf-8")
               + base64.b64decode(secret_block) + timestamp.encode("utf-8"))
    signature = base64.b64encode(hmac.new(server_key, message, hashlib.sha256).digest()).decode()
    assert response["PASSWORD_CLAIM_SIGNATURE"] == signature
    assert response["PASSWORD_CLAIM_SECRET_BLOCK"] == secret_block

    a_wire = srp.get_auth_params()["SRP_A"]
    assert a_wire == minimal_hex(big_a)

    record = {
        "poolName": pool_name,
        "userIdForSRP": user_id,
        "password": password,
        "a": minimal_hex(small_a),
        "A": a_wire,
        "APadded": js_pad_hex(big_a),
        "salt": salt_wire,
        "saltPadded": js_pad_hex(salt_int),
        "B": b_wire,
        "BPadded": js_pad_hex(big_b),
        "u": minimal_hex(u),
        "uPadded": u_padded,
        "x": minimal_hex(x),
        "S": minimal_hex(client_s),
        "SPadded": s_padded,
        "key": key,
        "secretBlock": secret_block,
        "timestamp": timestamp,
        "signature": response["PASSWORD_CLAIM_SIGNATURE"],
        "server": {
            "verifier": minimal_hex(verifier),
            "b": minimal_hex(b),
            "B": b_wire,
            "S": minimal_hex(server_s),
        },
    }
    for prop in want:
        assert odd(record[prop.split("_")[0]]), prop
    return record


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

def salt_wire_from_bytes(raw):
    return minimal_hex(int.from_bytes(raw, "big"))


def salt_bytes(label, n, first=None):
    raw = bytearray(det_bytes(f"{label}/salt", n))
    if first is not None:
        raw[:len(first)] = first
    return bytes(raw)


PASSWORD_CASES = [
    # salt = (length in bytes, forced leading bytes); want = properties the
    # search over a/b counters must reach (see PROPERTY_CHECKS).
    dict(name="plain-user-salt16-top-bit-set", pool_id="us-east-1_AbC123xyz",
         user="alice", password="Password1!", salt=(16, b"\xc3"),
         moment=utc(2024, 1, 7, 5, 6, 7)),
    dict(name="plain-user-salt16-top-bit-clear", pool_id="us-east-1_AbC123xyz",
         user="bob", password="correct horse battery staple", salt=(16, b"\x3a"),
         moment=utc(2024, 2, 29, 0, 0, 0)),
    dict(name="email-user-short-salt-colons-in-password", pool_id="eu-west-1_Q9zZ",
         user="carol.jones+test@example.com", password="S3cure:Pass:With:Colons",
         salt=(3, b"\x9f"), moment=utc(2024, 3, 1, 23, 59, 59)),
    dict(name="uuid-sub-leading-zero-salt", pool_id="us-east-1_AbC123xyz",
         user="6f1c9d2e-8b3a-4c5d-9e7f-0a1b2c3d4e5f", password="Tr0ub4dor&3",
         salt=(16, b"\x00\x00\x0b"), moment=utc(2025, 4, 9, 12, 30, 45)),
    dict(name="non-ascii-user-nfc-odd-B", pool_id="eu-west-1_Q9zZ",
         user="zo\u00eb", password="p\u00e4ssw\u00f6rd\u20ac", salt=(16, b"\x81"),
         moment=utc(2024, 5, 16, 8, 9, 10), want=("B_odd",)),
    dict(name="non-ascii-user-nfd", pool_id="eu-west-1_Q9zZ",
         user="zoe\u0308", password="p\u00e4ssw\u00f6rd\u20ac", salt=(16, b"\x81"),
         moment=utc(2026, 6, 1, 1, 2, 3)),
    dict(name="emoji-password-odd-A", pool_id="ap-southeast-2_xYz987ABC",
         user="dave", password="\U0001f510 spaces and emoji \U0001f511", salt=(16, b"\x5e"),
         moment=utc(2024, 7, 31, 17, 45, 0), want=("A_odd",)),
    dict(name="u-with-leading-zero-nibble", pool_id="us-east-1_AbC123xyz",
         user="erin", password="hunter2:hunter2", salt=(16, b"\xe0"),
         moment=utc(2023, 8, 5, 9, 0, 59), want=("u_odd",)),
    dict(name="S-with-leading-zero-nibble", pool_id="us-east-1_AbC123xyz",
         user="frank", password="S-is-short", salt=(16, b"\x12"),
         moment=utc(2024, 9, 10, 10, 10, 10), want=("S_odd",)),
    dict(name="cjk-user-and-password", pool_id="ap-southeast-2_xYz987ABC",
         user="\u7528\u6237\u540d", password="\u5bc6\u7801:\u30d1\u30b9\u30ef\u30fc\u30c9",
         salt=(16, b"\xff"), moment=utc(2025, 10, 3, 6, 7, 8)),
    dict(name="one-byte-salt", pool_id="eu-west-1_Q9zZ",
         user="grace", password="one byte salt", salt=(1, b"\x07"),
         moment=utc(2024, 11, 22, 14, 15, 16)),
    dict(name="mixed-case-user-quotes-in-password", pool_id="ap-southeast-2_xYz987ABC",
         user="Mixed.Case_User", password="p\"a\\ss'w0rd", salt=(16, b"\x00\x8d"),
         moment=utc(2025, 12, 6, 20, 21, 22), want=("B_odd", "u_odd")),
]

DEVICE_CASES = [
    dict(name="device-salt-top-bit-set", device_group_key="-Xy7Zq1Ab",
         device_key="us-east-1_3f2b9c1e-7a4d-4e8f-9b6a-1c2d3e4f5a6b", salt_first=b"\xa7",
         moment=utc(2024, 1, 8, 3, 4, 5)),
    dict(name="device-salt-top-bit-clear", device_group_key="-Kq2Lm9Zp",
         device_key="eu-west-1_9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", salt_first=b"\x42",
         moment=utc(2025, 6, 19, 18, 0, 1)),
    dict(name="device-salt-leading-zero-byte", device_group_key="-Pt4Rs8Uv",
         device_key="ap-southeast-2_0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e", salt_first=b"\x00\x0c",
         moment=utc(2024, 12, 25, 0, 0, 0)),
]

TIMESTAMPS = [
    utc(2024, 1, 7, 5, 6, 7),      # Sun, day 7
    utc(2024, 1, 1, 0, 0, 0),      # Mon, day 1, midnight
    utc(2024, 2, 29, 12, 0, 0),    # Thu, leap day
    utc(2023, 3, 2, 9, 9, 9),      # Thu, day 2
    utc(2024, 4, 3, 23, 59, 59),   # Wed, day 3
    utc(2025, 5, 4, 1, 2, 3),      # Sun, day 4
    utc(2024, 6, 5, 10, 20, 30),   # Wed, day 5
    utc(2025, 7, 6, 7, 8, 9),      # Sun, day 6
    utc(2023, 8, 8, 8, 8, 8),      # Tue, day 8
    utc(2024, 9, 9, 19, 0, 1),     # Mon, day 9
    utc(2024, 10, 10, 10, 10, 10), # Thu, day 10
    utc(2025, 11, 14, 4, 5, 6),    # Fri
    utc(2024, 12, 21, 16, 17, 18), # Sat
    utc(2025, 12, 31, 23, 59, 59), # Wed, last second of a year
    utc(2026, 1, 31, 0, 0, 1),     # Sat, day 31
    utc(2023, 10, 20, 15, 16, 17), # Fri
    utc(2024, 8, 13, 22, 33, 44),  # Tue
    utc(2000, 2, 29, 2, 3, 4),     # Tue, leap day of a century year
    utc(2038, 1, 19, 3, 14, 8),    # Tue, past the signed 32-bit limit
    utc(2024, 3, 10, 2, 30, 0),    # Sun (a US DST change day; UTC is unaffected)
]


def build_password_case(spec):
    length, first = spec["salt"]
    raw = salt_bytes(spec["name"], length, first)
    pool_name = spec["pool_id"].split("_", 1)[1]
    # SECRET_BLOCK lengths vary from case to case (the service sends ~1 KB).
    block_length = 64 + (97 * len(spec["name"])) % 1100
    secret_block = base64.b64encode(det_bytes(spec["name"] + "/secret-block", block_length)).decode()
    record = run_exchange(spec["name"], pool_name, spec["user"], spec["password"],
                          salt_wire_from_bytes(raw), secret_block, spec["moment"],
                          spec.get("want", ()))
    record["name"] = spec["name"]
    record["poolId"] = spec["pool_id"]
    return record


def build_device_case(spec):
    group_key, device_key = spec["device_group_key"], spec["device_key"]
    password_bytes = det_bytes(spec["name"] + "/device-password", 40)
    raw_salt = salt_bytes(spec["name"], 16, spec["salt_first"])

    with fixed_urandom([password_bytes, raw_salt]):
        random_password, config = aws_srp.generate_hash_device(group_key, device_key)

    # Own re-computation of AuthenticationHelper.generateHashDevice.
    assert random_password == base64.b64encode(password_bytes).decode()
    hashed = sha256_hex(f"{group_key}{device_key}:{random_password}".encode("utf-8"))
    salt_padded = js_pad_hex(int.from_bytes(raw_salt, "big"))
    x = int(sha256_hex(bytes.fromhex(salt_padded + hashed)), 16)
    verifier_padded = js_pad_hex(pow(G, x, N))
    assert config["Salt"] == base64.b64encode(bytes.fromhex(salt_padded)).decode()
    assert config["PasswordVerifier"] == base64.b64encode(bytes.fromhex(verifier_padded)).decode()

    secret_block = base64.b64encode(det_bytes(spec["name"] + "/secret-block", 256)).decode()
    exchange = run_exchange(spec["name"], group_key, device_key, random_password,
                            minimal_hex(int(salt_padded, 16)), secret_block, spec["moment"],
                            device=(group_key, device_key))
    assert exchange["server"]["verifier"] == minimal_hex(int(verifier_padded, 16))
    assert exchange["x"] == minimal_hex(x)

    return {
        "name": spec["name"],
        "deviceGroupKey": group_key,
        "deviceKey": device_key,
        "randomPasswordBytesHex": password_bytes.hex(),
        "randomPassword": random_password,
        "hashedString": hashed,
        "saltBytesHex": raw_salt.hex(),
        "saltPaddedHex": salt_padded,
        "verifierPaddedHex": verifier_padded,
        "saltBase64": config["Salt"],
        "verifierBase64": config["PasswordVerifier"],
        "exchange": exchange,
    }


def build_timestamps():
    rows = []
    for moment in TIMESTAMPS:
        text = js_timestamp(moment)
        assert text == aws_srp.AWSSRP.get_cognito_formatted_timestamp(moment)
        rows.append({"unix": calendar.timegm(moment.utctimetuple()), "string": text})
    return rows


def check_coverage(password_cases, device_cases, timestamps):
    def covered(strings):
        days = {s.split(" ")[2] for s in strings}
        assert {s.split(" ")[0] for s in strings} == set(WEEKDAYS_FROM_SUNDAY), "weekdays"
        assert {s.split(" ")[1] for s in strings} == set(MONTHS), "months"
        assert any(len(d) == 1 for d in days) and any(len(d) == 2 for d in days), "days"

    covered([c["timestamp"] for c in password_cases])
    covered([t["string"] for t in timestamps])
    assert {str(d) for d in range(1, 10)} <= {t["string"].split(" ")[2] for t in timestamps}

    exchanges = password_cases + [d["exchange"] for d in device_cases]
    for field in ("A", "B", "u", "S", "salt"):
        values = [c[field] for c in exchanges]
        assert any(odd(v) for v in values), f"no odd-length {field}"
        assert any(not odd(v) and v[0] in "89abcdef" for v in values), f"no 00-padded {field}"
    assert any(len(d["saltPaddedHex"]) < 32 for d in device_cases)
    assert any(d["saltBytesHex"][0] in "89abcdef" for d in device_cases)


def main():
    installed = importlib.metadata.version("pycognito")
    if installed != PYCOGNITO_VERSION:
        print(f"warning: pycognito {installed} installed, vectors were made with "
              f"{PYCOGNITO_VERSION}", file=sys.stderr)

    k_hex = minimal_hex(aws_srp.hex_to_long(aws_srp.hex_hash(js_pad_hex(N) + js_pad_hex(G))))
    probe = FixedSRP(1, username="u", password="p", pool_id="r_p", client_id="c")
    assert k_hex == EXPECTED_K == minimal_hex(probe.val_k)

    password_cases = [build_password_case(spec) for spec in PASSWORD_CASES]
    device_cases = [build_device_case(spec) for spec in DEVICE_CASES]
    timestamps = build_timestamps()
    check_coverage(password_cases, device_cases, timestamps)

    fixture = {
        "generator": f"pycognito {installed} (pycognito.aws_srp) via scripts/generate_srp_vectors.py",
        "N": minimal_hex(N),
        "g": minimal_hex(G),
        "k": k_hex,
        "passwordCases": password_cases,
        "deviceCases": device_cases,
        "timestamps": timestamps,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(fixture, indent=2, sort_keys=True, ensure_ascii=True) + "\n",
                      encoding="utf-8")
    print(f"wrote {len(password_cases)} password cases, {len(device_cases)} device cases, "
          f"{len(timestamps)} timestamps to {OUTPUT}")


if __name__ == "__main__":
    main()
