#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster on localhost, for the store tests and benchmarks:
#
#   scripts/pg_test_cluster.sh COMMAND [ARG...]     e.g. scripts/pg_test_cluster.sh make test
#
# creates a cluster in a new temporary folder (as the `postgres` user when run as root, since
# initdb refuses root), starts it on 127.0.0.1 at a free port with trust authentication (it
# is reachable from this machine only and lives for one command), checks that PostGIS can be
# created, exports RASD_TEST_POSTGRES_URL (a superuser URL: the tests create one database per
# test), runs COMMAND, then stops the cluster and removes the folder whatever the outcome.
# COMMAND's exit status is the script's.
#
# Needs Debian's postgresql-15 and postgresql-15-postgis-3 (any PostgreSQL >= 13 with PostGIS 3
# works; the newest /usr/lib/postgresql/*/bin is used). The cluster lives in /dev/shm when it
# can (copying a database for each test takes 0.02 s there, 0.5 s on this machine's disk), or
# in PG_TEST_DIR. PG_TEST_FSYNC=on keeps fsync on (for benchmarks, with PG_TEST_DIR on the
# disk SQLite uses; tests run with fsync off, which only matters if the machine crashes).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    BIN="$(dirname "$(command -v initdb || echo /nonexistent/initdb)")"
fi
if [ ! -x "$BIN/initdb" ]; then
    echo "$0: initdb not found; install postgresql-15 postgresql-15-postgis-3" >&2
    exit 1
fi

PARENT="${PG_TEST_DIR:-}"
if [ -z "$PARENT" ]; then
    PARENT="${TMPDIR:-/tmp}"
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        PARENT=/dev/shm
    fi
fi
ROOT="$(mktemp -d "$PARENT/rasd-pg.XXXXXX")"
PORT="${PG_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
FSYNC="${PG_TEST_FSYNC:-off}"

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    status=$?
    if [ -f "$ROOT/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$ROOT"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$ROOT"
fi
locale=(--locale=C.UTF-8)
if ! locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
    locale=(--no-locale)
fi
as_owner "$BIN/initdb" -D "$ROOT/data" -U rasd --auth=trust --encoding=UTF8 "${locale[@]}" \
    >"$ROOT/initdb.log" 2>&1 || { cat "$ROOT/initdb.log" >&2; exit 1; }
# Small and fast: no remote listeners, a socket in the cluster's own folder, no fsync by default.
options="-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=$FSYNC"
options+=" -c max_connections=60 -c shared_buffers=64MB"
as_owner "$BIN/pg_ctl" -D "$ROOT/data" -o "$options" -l "$ROOT/server.log" -w -t 60 start \
    >/dev/null || { cat "$ROOT/server.log" >&2; exit 1; }

psql_admin() {
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U rasd "$@"
}
psql_admin -d postgres -c "CREATE DATABASE rasd"
if ! psql_admin -d rasd -c "CREATE EXTENSION postgis" 2>"$ROOT/postgis.log"; then
    cat "$ROOT/postgis.log" >&2
    echo "$0: PostGIS is missing; install postgresql-15-postgis-3" >&2
    exit 1
fi

export RASD_TEST_POSTGRES_URL="postgresql://rasd@127.0.0.1:$PORT/rasd"
echo "$0: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') with PostGIS at" \
    "$RASD_TEST_POSTGRES_URL (in $ROOT, fsync=$FSYNC)" >&2
set +e
"$@"
exit $?
