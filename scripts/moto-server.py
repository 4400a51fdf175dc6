#!/usr/bin/env python3
"""Runs moto's server for the integration tests: bound to 127.0.0.1 on a port the kernel picks.

Usage: scripts/moto-server.py [--setup CONFIG_FILE] [--exit-with-parent] [--exit-when-stdin-closes]
                             [--remove-when-orphaned FOLDER] PORT_FILE

Writes the port to PORT_FILE once the socket listens (written to a temporary name, then renamed, so
a reader never sees half a number) and serves until SIGTERM or SIGINT. TOTP checking is switched on
(MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP), so a wrong software-token code is refused.

--setup CONFIG_FILE       then creates the tests' user pool with scripts/moto-setup.py (same Python)
                          and writes its JSON to CONFIG_FILE; if that fails, the server stops, exit 1.
--exit-with-parent        also stops when the process that started it is gone (the parent process
                          id changes, checked twice a second): a run killed with SIGKILL leaves no
                          server behind.
--exit-when-stdin-closes  also stops when standard input reaches end of file: the integration tests
                          give it a pipe whose other end only their process holds, so the server
                          stops the moment that process exits, however it ends.
--remove-when-orphaned FOLDER
                          removes FOLDER (the tests' port, pool and log files) when it stops for one
                          of the two reasons above.

Requests are handled one at a time (a lock around moto's WSGI application; connections are still
accepted on threads). moto's Cognito backend keeps users in plain dicts that SignUp adds to while
other requests iterate them (`_get_user` loops over `users.values()`); two requests at once then
fail now and then with "RuntimeError: OrderedDict mutated during iteration", answered as HTTP 500.
"""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


class OneRequestAtATime:
    """Runs the wrapped WSGI application for one request at a time, the response body included."""

    def __init__(self, app) -> None:
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            body = self.app(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                if hasattr(body, "close"):
                    body.close()


def main() -> None:
    args = sys.argv[1:]
    setup_file = None
    watch_parent_process = False
    watch_stdin = False
    remove_folder = None
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option == "--setup" and args:
            setup_file = args.pop(0)
        elif option == "--exit-with-parent":
            watch_parent_process = True
        elif option == "--exit-when-stdin-closes":
            watch_stdin = True
        elif option == "--remove-when-orphaned" and args:
            remove_folder = args.pop(0)
        else:
            args = []
    if len(args) != 1:
        sys.exit("usage: moto-server.py [--setup CONFIG_FILE] [--exit-with-parent] [--exit-when-stdin-closes]"
                 " [--remove-when-orphaned FOLDER] PORT_FILE")
    port_file = args[0]
    parent = os.getppid()

    # Port 0: the kernel chooses a free port while binding, so two runs never race for one.
    app = OneRequestAtATime(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    status = {"code": 0, "orphaned": False}
    stopping = threading.Event()

    def stop(code: int = 0, orphaned: bool = False) -> None:
        if stopping.is_set():
            return
        stopping.set()
        status["code"] = code
        status["orphaned"] = orphaned
        # serve_forever runs on the main thread; shutdown() must come from another one.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, lambda *_: stop())
    signal.signal(signal.SIGINT, lambda *_: stop())

    def watch_parent() -> None:
        while not stopping.is_set():
            if os.getppid() != parent:
                print("moto-server.py: the process that started it is gone; stopping", flush=True)
                stop(orphaned=True)
                return
            time.sleep(0.5)

    if watch_parent_process:
        threading.Thread(target=watch_parent, daemon=True).start()
    if watch_stdin:
        def read_stdin_to_end() -> None:
            while sys.stdin.buffer.read(65536):
                pass
            print("moto-server.py: standard input closed; stopping", flush=True)
            stop(orphaned=True)

        threading.Thread(target=read_stdin_to_end, daemon=True).start()

    endpoint = f"http://127.0.0.1:{server.server_port}"
    with open(port_file + ".tmp", "w") as file:
        file.write(f"{server.server_port}\n")
    os.replace(port_file + ".tmp", port_file)
    print(f"moto {moto_version()} listening on {endpoint}", flush=True)

    if setup_file is not None:
        def set_up() -> None:
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moto-setup.py")
            result = subprocess.run([sys.executable, script, endpoint, setup_file], stdin=subprocess.DEVNULL)
            if result.returncode != 0:
                print(f"moto-server.py: moto-setup.py failed (exit {result.returncode}); stopping", flush=True)
                stop(1)

        threading.Thread(target=set_up, daemon=True).start()

    server.serve_forever()
    server.server_close()
    if status["orphaned"] and remove_folder is not None:
        shutil.rmtree(remove_folder, ignore_errors=True)
    sys.exit(status["code"])


def moto_version() -> str:
    from importlib.metadata import version

    return version("moto")


if __name__ == "__main__":
    main()
