#!/usr/bin/env bash
# Runs every test: unit, integration on SQLite and PostgreSQL, and end-to-end in Chromium.
# As root on a fresh Debian machine it first installs what is missing (PostgreSQL, Chromium, CJK fonts) with apt.
# It starts a throwaway PostgreSQL on 127.0.0.1 (free port, temporary directory) and always stops it.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Registry]
set -euo pipefail
cd "$(dirname "$0")"
export CI="${CI:-false}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# --- system packages -------------------------------------------------------------------------------------------
missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]} with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing ${missing[*]}; run as root to install them with apt (tests needing them will skip, or fail under CI=true)" >&2
  fi
fi

# --- throwaway PostgreSQL ---------------------------------------------------------------------------------------
PGDIR=""
stop_pg() {
  if [ -n "$PGDIR" ] && [ -d "$PGDIR/pg/data" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$PGDIR" ] && rm -rf "$PGDIR"
}
as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
trap stop_pg EXIT

if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] && [ -z "${CA_TEST_POSTGRES:-}" ]; then
  PGDIR=$(mktemp -d)
  # a free port: try random high ports until nothing answers on one
  while :; do PORT=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break; done
  if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 700 "$PGDIR/pg"; chmod 755 "$PGDIR"; else mkdir -p "$PGDIR/pg"; fi
  as_pg "$(pg_bin)/initdb" -D "$PGDIR/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/pg/data" -l "$PGDIR/pg/server.log" -w -t 30 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  export CA_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
  echo "test.sh: throwaway PostgreSQL on 127.0.0.1:$PORT"
fi

# --- build, migrations check, tests -----------------------------------------------------------------------------
dotnet tool restore >/dev/null
dotnet build CivilAffairs.slnx -c Release -nologo -v q
tools/check-migrations.sh Release
# One test project after the other: the browser tests get the machine to themselves (2 cores) instead of competing
# with the integration tests' databases, which made their timings flaky.
status=0
for project in tests/CivilAffairs.Tests tests/CivilAffairs.E2E; do
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" "$@" || status=1
done
exit $status
