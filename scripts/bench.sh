#!/usr/bin/env bash
# Runs the criterion benchmarks and prints the figures against their budgets.
#
#   scripts/bench.sh            all benchmarks
#   scripts/bench.sh "check 30k" only those whose name matches
#
# Budgets (see README): parse 30k chars <= 0.5 ms; check 30k chars <= 2 ms;
# check a 4 MB file <= 0.5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
cargo bench --bench check -- ${filter:+"$filter"} 2>&1 | tee "$out" | grep -E "^[a-z].*time:|^[a-z]" || true
echo
echo "benchmark                      median        budget"
awk '
  /time:/ {
    name = prev
    if ($1 != "time:") { name = $0; sub(/ +time:.*/, "", name) }
    match($0, /\[[^]]*\]/); split(substr($0, RSTART + 1, RLENGTH - 2), v, " ")
    budget = "-"
    if (name ~ /parse 30k/) budget = "0.5 ms"
    if (name ~ /check 30k/) budget = "2 ms"
    if (name ~ /4 MB/) budget = "500 ms"
    printf "%-30s %-13s %s\n", name, v[3] " " v[4], budget
  }
  { prev = $0 }
' "$out"
