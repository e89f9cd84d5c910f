#!/usr/bin/env bash
# Runs a bench command against a throwaway PostgreSQL on 127.0.0.1 with its default durability settings
# (unlike the test suite's, which turns fsync off), then stops it. Needs PostgreSQL installed (./test.sh installs it as root).
#   bench/with-postgres.sh roster --recipients 100000
#   bench/with-postgres.sh settle --requests 3000 --concurrency 8
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
PGDIR=$(mktemp -d)
while :; do PORT=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break; done
if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 700 "$PGDIR/pg"; chmod 755 "$PGDIR"; else mkdir -p "$PGDIR/pg"; fi
as_pg "$(pg_bin)/initdb" -D "$PGDIR/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/pg/data" -l "$PGDIR/pg/server.log" -w -t 30 -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR/pg -c max_connections=200" start >/dev/null
trap 'as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
CA_BENCH_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres" \
  dotnet run -c Release --project bench/CivilAffairs.Bench -- "$@"
