#!/bin/sh
# Start a throwaway PostgreSQL 15 cluster for the server tests and print its URL.
#
#   export COWORKING_TEST_PG_URL="$(sh tests/server/start_postgres.sh)"
#
# The role is a superuser: this cluster is throwaway, and test teardown uses
# DROP DATABASE ... WITH (FORCE), which must be able to end any backend.
# Run as root (the cluster runs as user postgres) or as a non-root user who owns the binaries.
# Cluster dir: $PGTEST_DIR (default: a new temp dir); port: $PGTEST_PORT (default 5432, or a
# free one if 5432 is taken). Stop with: pg_ctl -D "$PGTEST_DIR/data" stop (printed on stderr).
set -eu
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${PGTEST_DIR:-$(mktemp -d /tmp/coworking-pg.XXXXXX)}"
PORT="${PGTEST_PORT:-}"
if [ -z "$PORT" ]; then
    PORT=$(python3 -c '
import socket
s = socket.socket()
try:
    s.bind(("127.0.0.1", 5432)); port = 5432
except OSError:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
s.close(); print(port)')
fi
if [ "$(id -u)" = "0" ]; then
    RUN="runuser -u postgres --"
    chown postgres "$DIR"
else
    RUN=""
fi
$RUN "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
$RUN "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
$RUN "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE kiosk LOGIN SUPERUSER PASSWORD 'kiosk'" \
    -c "CREATE DATABASE kiosk_test OWNER kiosk" >/dev/null
echo "PostgreSQL on 127.0.0.1:$PORT; stop: ${RUN:+$RUN }$BIN/pg_ctl -D $DIR/data stop" >&2
echo "postgresql+psycopg://kiosk:kiosk@127.0.0.1:$PORT/kiosk_test"
