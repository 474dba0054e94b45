#!/usr/bin/env bash
# Throughput of the CLI contract: `portique invoice validate --json --profile fr` over the official examples
# (repeated REPEAT times, default 100) and over the 50 FeRD Factur-X PDFs, in one process pinned to one core.
# Usage: bench/cli-throughput.sh [REPEAT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/tests/data"
repeat="${1:-100}"
dll="$root/src/Portique.Cli/bin/Release/net10.0/Portique.Cli.dll"
dotnet build "$root/src/Portique.Cli/Portique.Cli.csproj" -c Release -nologo -v q >&2

run() { # label, files...
  local label="$1"; shift
  local TIMEFORMAT="%R %U %S" timing
  # bash's time reports wall, user and system seconds: CPU time keeps the figure honest on a busy machine.
  timing=$( { time taskset -c 0 dotnet "$dll" invoice validate --json --profile fr "$@" > /tmp/portique-cli-throughput.jsonl || true; } 2>&1 )
  local lines
  lines=$(wc -l < /tmp/portique-cli-throughput.jsonl)
  read -r wall user sys <<< "$timing"
  awk -v l="$label" -v n="$lines" -v w="$wall" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%-40s %6d files %7.2f s wall %8.0f files/s %8.0f files/CPU-s (process start included)\n", l, n, w, n / w, n / (u + s) }'
}

mapfile -t examples < <(find "$data/examples/en16931" -iname '*.xml' | sort)
corpus=()
for ((i = 0; i < repeat; i++)); do corpus+=("${examples[@]}"); done
mapfile -t pdfs < <(find "$data/factur-x/ferd-2.4" -name '*_fx.pdf' | sort)
pdfcorpus=()
for ((i = 0; i < 10; i++)); do pdfcorpus+=("${pdfs[@]}"); done

run "official examples x$repeat (UBL + CII)" "${corpus[@]}"
run "FeRD Factur-X PDFs x10" "${pdfcorpus[@]}"
