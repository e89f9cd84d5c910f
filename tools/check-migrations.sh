#!/usr/bin/env bash
# Fails when the model has changes that no migration covers, for either provider.
# Usage: tools/check-migrations.sh [Configuration]   (expects a built solution)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-Debug}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --no-build --configuration "$config" --project src/CivilAffairs.Web --context "${provider}AppDbContext" >/dev/null \
    || { echo "check-migrations: the $provider model has changes without a migration: run tools/add-migration.sh <Name>" >&2; exit 1; }
done
echo "check-migrations: no pending model changes (Sqlite, Postgres)"
