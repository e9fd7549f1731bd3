#!/usr/bin/env bash
# The benchmark's PostgreSQL: a cluster kept in .bench/pg (BENCH_PG_DIR) so
# that `npm run bench:seed` writes the million-post forum once and every
# `npm run bench` after it reads the same data. Starts the server on
# 127.0.0.1 (socket in the cluster's directory), runs the command with
# BENCH_DATABASE_URL (the seeded database) and BENCH_SCRATCH_URL (a database
# the older per-feature benchmarks may truncate) set, then stops the server.
#
#   scripts/bench-db.sh node --import tsx bench/seed.ts
#
# Unlike the test servers, this one is durable (fsync on): the budgets are
# for a real server. Binaries: scripts/pg-bin.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/pg-bin.sh

# One benchmark at a time per cluster: a second run would share (and then stop)
# the first one's server, and two loads on 2 cores measure each other.
LOCK="${TMPDIR:-/tmp}/kakera-bench-$(printf %s "$(realpath -m "${BENCH_PG_DIR:-.bench/pg}")" | cksum | cut -d' ' -f1).lock"
exec 9>"$LOCK"
if ! flock -n 9; then
  echo "bench-db: another benchmark is using this cluster; waiting for it ($LOCK)" >&2
  flock 9
fi

DIR="$(realpath -m "${BENCH_PG_DIR:-.bench/pg}")"
PGDATA="$DIR/data"
PORT="${BENCH_PG_PORT:-54329}"
mkdir -p "$DIR"
chmod 700 "$DIR"
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
  chown postgres: "$DIR"
  # runuser must be able to reach the cluster through every parent directory.
  p="$DIR"
  while [ "$p" != "/" ]; do chmod o+x "$p" 2>/dev/null || true; p="$(dirname "$p")"; done
fi

if [ ! -f "$PGDATA/PG_VERSION" ]; then
  echo "bench-db: creating the cluster in $PGDATA" >&2
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || {
      cat "$DIR/initdb.log" >&2
      exit 1
    }
fi

stop_pg() {
  local code=$?
  as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null 2>&1 || true
  exit "$code"
}
if [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; then
  echo "bench-db: the cluster in $PGDATA is already running; using it" >&2
else
  trap stop_pg EXIT
  trap 'exit 130' INT TERM
  # Sized for a 2-core machine with a few GB for the database; durable.
  as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 120 -l "$DIR/server.log" \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB \
        -c maintenance_work_mem=512MB -c work_mem=16MB -c effective_cache_size=4GB -c max_wal_size=4GB \
        -c wal_level=minimal -c max_wal_senders=0 -c checkpoint_timeout=30min -c random_page_cost=1.1" >/dev/null 9>&- || {
    cat "$DIR/server.log" >&2
    exit 1
  }
fi

base="postgres://postgres@127.0.0.1:$PORT"
for name in kakera_bench kakera_bench_scratch; do
  as_pg "$PG_BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1 ||
    as_pg "$PG_BIN/createdb" -h "$DIR" -p "$PORT" -U postgres "$name"
done
export BENCH_DATABASE_URL="$base/kakera_bench"
export BENCH_SCRATCH_URL="$base/kakera_bench_scratch"
export BENCH_PG_SERVER="$base/postgres"
echo "bench-db: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($PGDATA)" >&2

set +e
"$@"
code=$?
set -e
exit "$code"
