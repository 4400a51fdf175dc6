#!/usr/bin/env python3
"""Runs moto's server for the integration tests: bound to 127.0.0.1 on a port the kernel picks.

Usage: scripts/moto-server.py PORT_FILE

Writes the port to PORT_FILE once the socket listens (written to a temporary name, then renamed, so
a reader never sees half a number) and serves until SIGTERM or SIGINT. TOTP checking is switched on
(MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP), so a wrong software-token code is refused.
"""
import os
import signal
import sys
import threading

os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: moto-server.py PORT_FILE")
    port_file = sys.argv[1]
    # Port 0: the kernel chooses a free port while binding, so two runs never race for one.
    server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app), threaded=True)
    def stop(*_) -> None:
        # serve_forever runs on this thread; shutdown() must come from another one.
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with open(port_file + ".tmp", "w") as file:
        file.write(f"{server.server_port}\n")
    os.replace(port_file + ".tmp", port_file)
    print(f"moto {moto_version()} listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


def moto_version() -> str:
    from importlib.metadata import version

    return version("moto")


if __name__ == "__main__":
    main()
