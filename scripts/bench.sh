#!/usr/bin/env bash
# npm run bench: every bench/*.bench.ts, one after another, printing its table.
#
# The budgets of quality.md are for PostgreSQL, so by default this starts a
# throwaway PostgreSQL (scripts/pg-throwaway.sh) and runs the benchmarks on
# it. BENCH_DATABASE_URL=postgres://… uses that database instead (its tables
# are truncated: point it at a scratch database); BENCH_DB=pglite runs them
# on the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."

run_all() {
  for f in bench/*.bench.ts; do
    echo "== $f"
    node --import tsx "$f"
  done
}

if [ "${1:-}" = "--inner" ] || [ -n "${BENCH_DATABASE_URL:-}" ] || [ "${BENCH_DB:-}" = "pglite" ]; then
  [ "${BENCH_DB:-}" = "pglite" ] && unset TEST_DATABASE_URL BENCH_DATABASE_URL
  run_all
else
  exec bash scripts/pg-throwaway.sh bash scripts/bench.sh --inner
fi
