#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: initdb into a temp dir, listen on
# 127.0.0.1 on a free port (socket in the same dir), run a command with
# TEST_DATABASE_URL set, then stop the server and delete the dir.
#
#   scripts/pg-throwaway.sh npx vitest run --project api
#
# Binaries: scripts/pg-bin.sh (PG_BIN, else /usr/lib/postgresql/15/bin, else PATH).
# As root, the server runs as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]   (runs the command with TEST_DATABASE_URL set)" >&2
  exit 2
fi

. "$(dirname "${BASH_SOURCE[0]}")/pg-bin.sh"

DIR="$(mktemp -d "${TMPDIR:-/tmp}/kakera-pg.XXXXXX")"
chmod 700 "$DIR"
if [ "$(id -u)" = "0" ]; then chown postgres: "$DIR"; fi
PGDATA="$DIR/data"

stop_pg() {
  local code=$?
  if [ -f "$PGDATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 30 >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m immediate -w -t 10 >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  exit "$code"
}
trap stop_pg EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
  }

started=0
for _ in 1 2 3; do
  PORT="$(free_port)"
  # Durability is irrelevant for a throwaway test server: trade it for speed.
  if as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$DIR/server.log" \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
    started=1
    break
  fi
done
if [ "$started" != 1 ]; then
  echo "pg-throwaway: PostgreSQL did not start" >&2
  cat "$DIR/server.log" >&2 || true
  exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "pg-throwaway: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DIR)" >&2

set +e
"$@"
code=$?
set -e
exit "$code"
