#!/usr/bin/env bash
# Adds a migration with the same name for both database providers (SQLite and PostgreSQL).
# Usage: tools/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
dotnet build src/CivilAffairs.Web -v q -nologo
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/CivilAffairs.Web \
    --context "${provider}AppDbContext" --output-dir "Migrations/$provider"
done
