#!/usr/bin/env bash
# A throw-away PostgreSQL server on 127.0.0.1 for the CognitoSessionPostgres tests.
#
#   scripts/postgres.sh install   installs PostgreSQL from Debian's packages unless initdb is found
#                                 (as root, or through sudo)
#   scripts/postgres.sh available exits 0 when initdb and pg_ctl are found, else 1 (installs nothing)
#   scripts/postgres.sh serve     makes a cluster in a new temporary folder (trust authentication,
#                                 127.0.0.1 only, a free port), creates the database cognito_tests,
#                                 prints `url postgres://cognito@127.0.0.1:PORT/cognito_tests`, then
#                                 reads commands from standard input, one a line:
#                                   stop   stops the server (pg_ctl stop -m fast), prints `stopped`
#                                   start  starts it again on the same folder and port, prints `started`
#                                 At the end of standard input (the parent closed it, or exited,
#                                 however it exited) and on SIGTERM, SIGINT or SIGHUP it stops the
#                                 server and deletes the folder.
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
# Debian's package creates, and every server command runs through runuser.
set -euo pipefail

bin_dir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir)
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    fi
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    return 1
}

install() {
    bin_dir >/dev/null && return 0
    echo "==> installing postgresql (Debian's packages)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    fi
    bin_dir >/dev/null || { echo "postgres.sh: postgresql installed, but initdb was not found" >&2; exit 1; }
}

serve() {
    # Globals, not locals: the EXIT trap reads them after this function has returned.
    bin= folder= port= options= run_as=() started=0
    bin=$(bin_dir) || { echo "postgres.sh: initdb was not found (scripts/postgres.sh install)" >&2; exit 1; }
    folder=$(mktemp -d "${TMPDIR:-/tmp}/cognito-postgres.XXXXXX")
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "postgres.sh: as root, the postgres user is needed" >&2; exit 1; }
        chown postgres "$folder"
        run_as=(runuser -u postgres --)
    fi
    cleanup() {
        trap - EXIT TERM INT HUP
        if [ "$started" = 1 ]; then
            "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$folder"
    }
    trap cleanup EXIT
    trap 'exit 143' TERM INT HUP
    pg() { "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" "$@"; }

    "${run_as[@]}" "$bin/initdb" -D "$folder/data" -U cognito -A trust -E UTF8 --locale=C --no-sync \
        >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
    # Reachable on 127.0.0.1 and through a socket in the private folder only.
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$folder/data/pg_hba.conf"
    # A free port: try a few random ones (another server may hold the first).
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=16MB"
        if pg -w -t 60 -o "$options" start >/dev/null 2>&1; then
            started=1
            break
        fi
    done
    if [ "$started" != 1 ]; then
        echo "postgres.sh: the server did not start; the end of its log:" >&2
        tail -n 30 "$folder/server.log" >&2 || true
        exit 1
    fi
    "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U cognito cognito_tests
    echo "url postgres://cognito@127.0.0.1:$port/cognito_tests"
    local command
    while IFS= read -r command; do
        case "$command" in
        stop) pg -m fast -w stop >/dev/null && started=0 && echo stopped ;;
        start) pg -w -t 60 -o "$options" start >/dev/null && started=1 && echo started ;;
        *) echo "postgres.sh: unknown command $command (stop or start)" >&2 ;;
        esac
    done
}

case "${1:-}" in
install) install ;;
available) bin_dir >/dev/null ;;
serve) serve ;;
*) echo "usage: scripts/postgres.sh install | available | serve" >&2; exit 2 ;;
esac
