#!/usr/bin/env bash
# Regenerates the EF Core migrations of both providers from the current model.
# Until the first release the schema is one "Initial" migration per provider; after it, pass a name to add a migration instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
name="${1:-}"
for p in Sqlite Postgres; do
  proj="src/Portique.Migrations.$p"
  if [ -z "$name" ]; then rm -rf "$proj/Migrations"; fi
  dotnet ef migrations add "${name:-Initial}" --project "$proj" --startup-project "$proj" --output-dir Migrations >/dev/null
  echo "migrations for $p: $(ls "$proj/Migrations" | tr '\n' ' ')"
done
