#!/usr/bin/env bash
# Migration benchmark (docs/benchmarks.md, "Migration"): the Portique importer against a plain psql \copy of the same
# files plus index builds, in the same run, on the same PostgreSQL server.
#   bench/migration/run.sh DIR [PGHOST] [PGPORT]
# DIR holds an export made by `portique migrate generate` (without defects: \copy stops at the first bad row).
set -euo pipefail
dir=$(realpath "$1"); host=${2:-127.0.0.1}; port=${3:-54329}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
dotnet build -c Release "$root/src/Portique.Cli/Portique.Cli.csproj" -o "$out/cli" > "$out/build.log"
cli="dotnet $out/cli/Portique.Cli.dll"
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres "$@"; }
conn="Host=$host;Port=$port;Username=postgres;Database=bench_import"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_ -c "DROP DATABASE IF EXISTS bench_import WITH (FORCE)" -c "CREATE DATABASE bench_import"
$cli db migrate --provider postgres --connection "$conn"
/usr/bin/time -v $cli migrate import "$dir" --provider postgres --connection "$conn" --rejects "$out" --summary "$out/summary.json" \
  > "$out/import.txt" 2> "$out/import.time"
import_s=$(grep -oP '"elapsedSeconds": \K[0-9.]+' "$out/summary.json")
wall=$(grep "Elapsed (wall clock)" "$out/import.time" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$out/import.time" | awk '{print $NF}')
cat "$out/import.txt"
echo "importer: ${import_s} s inside, wall clock ${wall} (process start included), peak RSS $((rss / 1024)) MB"
echo "load average after import: $(cut -d' ' -f1-3 /proc/loadavg)"

psql_ -c "DROP DATABASE IF EXISTS bench_copy WITH (FORCE)" -c "CREATE DATABASE bench_copy"
start=$(date +%s.%N)
psql_ -d bench_copy <<SQL
CREATE TABLE structures (legacy_id bigint, identifier_type text, identifier text, name text, sector text, address_line1 text, address_line2 text,
  post_code text, city text, country text, created_on date, status text, parameters text);
CREATE TABLE users (legacy_id bigint, login_email text, contact_email text, first_name text, last_name text, status text, created_on date);
CREATE TABLE habilitations (user_legacy_id bigint, structure_legacy_id bigint, service_legacy_id bigint, application text, profile text);
\copy structures FROM '$dir/structures.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy users FROM '$dir/users.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy habilitations FROM '$dir/habilitations.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
CREATE UNIQUE INDEX ON structures (identifier, identifier_type);
CREATE UNIQUE INDEX ON users (upper(login_email));
CREATE INDEX ON habilitations (user_legacy_id, structure_legacy_id);
CREATE INDEX ON habilitations (structure_legacy_id);
SQL
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
rows=$(( $(wc -l < "$dir/structures.csv") + $(wc -l < "$dir/users.csv") + $(wc -l < "$dir/habilitations.csv") - 3 ))
echo "psql \\copy baseline: $rows rows + 4 indexes in ${copy_s} s"
echo "throughput ratio (baseline time / importer time): $(echo "scale=3; $copy_s / $import_s" | bc)"
echo "load average after baseline: $(cut -d' ' -f1-3 /proc/loadavg)"
$cli migrate verify "$dir" --provider postgres --connection "$conn" --rejects "$out" | tail -1
rm -rf "$out"
