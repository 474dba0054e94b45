#!/usr/bin/env bash
# Directory bulk-load benchmark (docs/benchmarks.md, "Directory: bulk load"): `portique directory import` against a plain
# psql \copy of the same five files plus the same index builds, in the same run, on the same PostgreSQL server.
#   bench/directory/run.sh DIR [PGHOST] [PGPORT]
# DIR holds a set made by `portique directory generate ... --defects 0` (\copy stops at the first bad row).
set -euo pipefail
dir=$(realpath "$1"); host=${2:-127.0.0.1}; port=${3:-54329}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
dotnet build -c Release "$root/src/Portique.Cli/Portique.Cli.csproj" -o "$out/cli" > "$out/build.log"
cli="dotnet $out/cli/Portique.Cli.dll"
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres "$@"; }
conn="Host=$host;Port=$port;Username=postgres;Database=bench_directory"

echo "server: fsync=$(psql_ -Atc 'show fsync'), synchronous_commit=$(psql_ -Atc 'show synchronous_commit')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_ -c "DROP DATABASE IF EXISTS bench_directory WITH (FORCE)" -c "CREATE DATABASE bench_directory"
$cli db migrate --provider postgres --connection "$conn" > /dev/null
/usr/bin/time -v $cli directory import "$dir" --provider postgres --connection "$conn" --rejects "$out" --summary "$out/summary.json" \
  > "$out/import.txt" 2> "$out/import.time"
import_s=$(grep -oP '"elapsedSeconds": \K[0-9.]+' "$out/summary.json")
wall=$(grep "Elapsed (wall clock)" "$out/import.time" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$out/import.time" | awk '{print $NF}')
cat "$out/import.txt"
echo "importer: ${import_s} s inside, wall clock ${wall} (process start included), peak RSS $((rss / 1024)) MB"
echo "load average after import: $(cut -d' ' -f1-3 /proc/loadavg)"

# The baseline: the same rows into plain tables, then what the live tables have: primary keys, the same secondary indexes
# (on the columns the files hold; the SIREN of a line or a facility is the prefix of its identifier), the lines' exclusion
# constraint and the foreign keys.
psql_ -c "DROP DATABASE IF EXISTS bench_directory_copy WITH (FORCE)" -c "CREATE DATABASE bench_directory_copy"
start=$(date +%s.%N)
psql_ -d bench_directory_copy > "$out/copy.txt" <<SQL
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE platforms (matricule text, name text, type text, base_url text);
CREATE TABLE legal_units (siren text COLLATE "C", name text, entity_type text, status text, created_on date);
CREATE TABLE facilities (siret text COLLATE "C", name text, type text, status text, diffusible text, address_line1 text, postal_code text, locality text, country text);
CREATE TABLE routing_codes (siret text COLLATE "C", code text COLLATE "C", name text, status text);
CREATE TABLE directory_lines (addressing_identifier text COLLATE "C", platform text COLLATE "C", valid_from date, valid_to date);
\copy platforms FROM '$dir/platforms.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy legal_units FROM '$dir/legal_units.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy facilities FROM '$dir/facilities.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy routing_codes FROM '$dir/routing_codes.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
\copy directory_lines FROM '$dir/directory_lines.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
-- The two platforms every directory holds (seeded by the migrations on the importer's side).
INSERT INTO platforms VALUES ('0000', 'Portail public de facturation', 'DFH', NULL), ('9999', 'Chorus Pro', 'WK', NULL);
SET maintenance_work_mem = '1GB';
\\timing on
ALTER TABLE platforms ADD PRIMARY KEY (matricule);
ALTER TABLE legal_units ADD PRIMARY KEY (siren);
CREATE INDEX ON legal_units (upper(name) COLLATE "C");
ALTER TABLE facilities ADD PRIMARY KEY (siret);
CREATE INDEX ON facilities (left(siret, 9));
CREATE UNIQUE INDEX ON routing_codes (siret, code);
CREATE UNIQUE INDEX ON directory_lines (addressing_identifier, valid_from);
CREATE INDEX ON directory_lines (left(addressing_identifier, 9));
CREATE INDEX ON directory_lines (substr(addressing_identifier, 11, 14));
CREATE INDEX ON directory_lines (platform);
ALTER TABLE directory_lines ADD CONSTRAINT no_overlap EXCLUDE USING gist (addressing_identifier WITH =, daterange(valid_from, valid_to, '[)') WITH &&);
ALTER TABLE routing_codes ADD FOREIGN KEY (siret) REFERENCES facilities (siret);
ALTER TABLE directory_lines ADD FOREIGN KEY (platform) REFERENCES platforms (matricule);
SQL
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "baseline statement times (ms) after the copies: $(grep -oP 'Time: \K[0-9.]+' "$out/copy.txt" | tr '\n' ' ')"
rows=0; for f in platforms legal_units facilities routing_codes directory_lines; do rows=$(( rows + $(wc -l < "$dir/$f.csv") - 1 )); done
echo "psql \\copy baseline: $rows rows + 11 indexes/keys + 2 foreign keys in ${copy_s} s"
echo "throughput ratio (baseline time / importer time): $(echo "scale=3; $copy_s / $import_s" | bc)"
echo "load average after baseline: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
