"""A small HTTP server on 127.0.0.1 for URLSessionTransport tests.

Prints the chosen port on the first line of stdout, then "hang" each time /hang is entered.
Exits on SIGTERM, when stdin closes, or when its parent (the test process) goes away.

Routes (any method):
  /status/<code>  that status; request headers starting with X-Test- are echoed back
  /echo           200, JSON {"method", "path", "headers", "body"} of the request
  /bytes/<n>      200, n bytes of "a" with Content-Length
  /big            200, 5 MiB with Content-Length
  /big-chunked    200, 5 MiB in chunks, no Content-Length
  /hang           sleeps 60 s before answering
  /redirect       307 to /echo
  /               a tiny Cognito: GetUser answers, anything else is NotAuthorizedException
"""
import http.server
import json
import os
import signal
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path
        try:
            if path.startswith("/status/"):
                echoed = [(k, v) for k, v in self.headers.items() if k.lower().startswith("x-test-")]
                status = int(path[len("/status/"):])
                self.send_body(status, json.dumps({"status": status}).encode(),
                               [("Content-Type", "application/json")] + echoed)
            elif path == "/echo":
                payload = {"method": self.command, "path": path,
                           "headers": {k.lower(): v for k, v in self.headers.items()},
                           "body": body.decode("utf-8", "replace")}
                self.send_body(200, json.dumps(payload).encode(), [("Content-Type", "application/json")])
            elif path.startswith("/bytes/"):
                self.send_body(200, b"a" * int(path[len("/bytes/"):]))
            elif path == "/big":
                self.send_body(200, b"b" * (5 * 1024 * 1024))
            elif path == "/big-chunked":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"c" * 65536
                for _ in range(80):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            elif path == "/redirect":
                self.send_body(307, b"", [("Location", "/echo")])
            elif path == "/hang":
                print("hang", flush=True)
                time.sleep(60)
                self.send_body(200, b"{}")
            elif path == "/":
                target = self.headers.get("X-Amz-Target", "")
                if target == "AWSCognitoIdentityProviderService.GetUser":
                    answer = {"Username": "alice", "UserAttributes": [{"Name": "email", "Value": "alice@example.com"}]}
                    self.send_body(200, json.dumps(answer).encode(),
                                   [("Content-Type", "application/x-amz-json-1.1")])
                else:
                    error = {"__type": "com.amazonaws.cognito.identity.idp.model#NotAuthorizedException",
                             "message": "Access Token has been revoked"}
                    self.send_body(400, json.dumps(error).encode(),
                                   [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", "req-1")])
            else:
                self.send_body(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main():
    # The test process may spawn us from a thread that blocks signals; the mask is inherited.
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
