"""A fake Cognito on 127.0.0.1 whose strings try to rewrite the terminal, for the tool's tests.

Prints the chosen port on the first line of stdout. Exits when stdin closes or its parent goes away.
The request path chooses the answer (any operation):
  /say/<percent-encoded text>/       400 NotAuthorizedException with that message
  /reflect/                          400 NotAuthorizedException, message "SECRET_HASH sha256=<hex>": the
                                     SHA-256 of the SECRET_HASH sent (the library redacts an echoed hash)
  /challenge/<percent-encoded text>/ InitiateAuth: PASSWORD_VERIFIER (any proof is accepted), then
                                     RespondToAuthChallenge: SMS_MFA to that destination
"""
import hashlib
import http.server
import json
import os
import signal
import sys
import threading
import time
import urllib.parse


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, message):
        self.answer(400, {"__type": "NotAuthorizedException", "message": message})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        operation = self.headers.get("X-Amz-Target", "").split(".")[-1]
        parts = self.path.strip("/").split("/")
        if parts[0] == "say" and len(parts) == 2:
            self.error(urllib.parse.unquote(parts[1]))
        elif parts[0] == "reflect":
            secret_hash = request.get("AuthParameters", {}).get("SECRET_HASH", "none")
            self.error("SECRET_HASH sha256=" + hashlib.sha256(secret_hash.encode()).hexdigest())
        elif parts[0] == "challenge" and len(parts) == 2 and operation == "InitiateAuth":
            self.answer(200, {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {
                "SRP_B": "ab" * 192, "SALT": "0123456789abcdef", "SECRET_BLOCK": "c2VjcmV0LWJsb2Nr",
                "USER_ID_FOR_SRP": "x", "USERNAME": "x"}})
        elif parts[0] == "challenge" and len(parts) == 2:
            self.answer(200, {"ChallengeName": "SMS_MFA", "Session": "session-1", "ChallengeParameters": {
                "CODE_DELIVERY_DESTINATION": urllib.parse.unquote(parts[1]),
                "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "USERNAME": "x"}})
        else:
            self.error("unknown route " + self.path)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parent = os.getppid()
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    while os.getppid() == parent:
        time.sleep(0.2)


if __name__ == "__main__":
    main()
