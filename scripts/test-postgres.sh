#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the test suite.
#   start: install the server with apt if missing, start a private cluster (reused when
#          already running), create the test database, print its URL on stdout.
#   stop:  stop the private cluster.
# Set SITROOM_TEST_PG_URL to use a server of your own instead; it is printed back as is.
set -euo pipefail
PORT="${SITROOM_PG_PORT:-54329}"
DIR="${SITROOM_PG_DIR:-${TMPDIR:-/tmp}/sitroom-pgtest-$PORT}"
DB=sitroom_test
log() { echo "test-postgres: $*" >&2; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/postgres" ] && echo "$d"
}

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ -n "${SITROOM_TEST_PG_URL:-}" ]; then echo "$SITROOM_TEST_PG_URL"; return; fi
  local bin
  if ! bin=$(pg_bin); then
    log "installing postgresql with apt-get"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    bin=$(pg_bin)
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      log "creating a cluster in $DIR/data"
      as_owner "$bin/initdb" -D "$DIR/data" -U sitroom -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    log "starting PostgreSQL on 127.0.0.1:$PORT"
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
      start >/dev/null
  fi
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$PORT" -U sitroom -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    as_owner "$bin/psql" -h 127.0.0.1 -p "$PORT" -U sitroom -d postgres -qc "CREATE DATABASE $DB" >&2
  fi
  echo "postgresql+psycopg://sitroom@127.0.0.1:$PORT/$DB"
}

stop() {
  local bin
  bin=$(pg_bin) || return 0
  as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1 || return 0
  as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast stop >&2
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
