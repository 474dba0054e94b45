#!/usr/bin/env bash
# Throughput of the CLI contract: `portique invoice validate --json --profile fr` over the official examples
# (repeated REPEAT times, default 100) and over the 50 FeRD Factur-X PDFs, in one process pinned to one core.
# Usage: bench/cli-throughput.sh [REPEAT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/../shared/testdata"
repeat="${1:-100}"
dll="$root/src/Portique.Cli/bin/Release/net10.0/Portique.Cli.dll"
dotnet build "$root/src/Portique.Cli/Portique.Cli.csproj" -c Release -nologo -v q >&2

run() { # label, files...
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  taskset -c 0 dotnet "$dll" invoice validate --json --profile fr "$@" > /tmp/portique-cli-throughput.jsonl || true
  end=$(date +%s.%N)
  local lines
  lines=$(wc -l < /tmp/portique-cli-throughput.jsonl)
  awk -v l="$label" -v n="$lines" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "%-40s %6d files %8.2f s %10.0f files/s (process start included)\n", l, n, t, n / t }'
}

mapfile -t examples < <(find "$data/examples/en16931" -name '*.xml' | sort)
corpus=()
for ((i = 0; i < repeat; i++)); do corpus+=("${examples[@]}"); done
mapfile -t pdfs < <(find "$data/factur-x/ferd-2.4" -name '*_fx.pdf' | sort)
pdfcorpus=()
for ((i = 0; i < 10; i++)); do pdfcorpus+=("${pdfs[@]}"); done

run "official examples x$repeat (UBL + CII)" "${corpus[@]}"
run "FeRD Factur-X PDFs x10" "${pdfcorpus[@]}"
