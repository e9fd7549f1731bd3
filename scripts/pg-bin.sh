# Sourced by pg-throwaway.sh and bench-db.sh: PG_BIN, PostgreSQL's binaries —
# as given, else /usr/lib/postgresql/15/bin, else initdb's directory on PATH,
# else the newest /usr/lib/postgresql/*/bin — and as_pg, which runs a command
# as the `postgres` user when we are root (PostgreSQL refuses root).
PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    PG_BIN=/usr/lib/postgresql/15/bin
  elif command -v initdb >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v initdb)")"
  else
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then PG_BIN="$newest"; else
      echo "$(basename "$0"): no PostgreSQL binaries found (install postgresql or set PG_BIN)" >&2
      exit 127
    fi
  fi
fi

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
