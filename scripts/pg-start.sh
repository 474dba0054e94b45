#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 on 127.0.0.1 (installing it from Debian's packages if missing) and prints the
# connection string to use as PORTIQUE_TEST_PG. initdb/pg_ctl refuse root, so they run as the postgres user.
# Usage: scripts/pg-start.sh [PORT] [DATADIR]     Stop: su postgres -c "pg_ctl -D DATADIR stop"
set -euo pipefail
port="${1:-54329}"
data="${2:-/tmp/portique-pg-$port}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "installing PostgreSQL from Debian packages..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if as_pg "$bin/pg_ctl -D '$data' status" >/dev/null 2>&1; then
  echo "Host=127.0.0.1;Port=$port;Username=postgres"; exit 0
fi
rm -rf "$data"; mkdir -p "$data"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
as_pg "$bin/initdb -D '$data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
# Tuned for a throw-away test server: durability traded for speed, enough connections for parallel test classes.
as_pg "$bin/pg_ctl -D '$data' -l '$data/server.log' -w -o \"-h 127.0.0.1 -p $port -k /tmp -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres"
