#!/usr/bin/env bash
# Times `reportbench diff` against `git diff --word-diff` at character
# granularity on the same pair of reports: whole commands (N runs each), and
# the comparison alone in-process (criterion, `benches/compare.rs`), which is
# what the budget is about: reportbench's command also compiles the checklist
# and checks both reports, which git does not.
#
#   scripts/bench-diff.sh [OLD NEW]     (default: the two sample drafts)
#   N=50 scripts/bench-diff.sh
#
# Budget (issue #4): reportbench takes at most half git's time.
set -euo pipefail
cd "$(dirname "$0")/.."
old="${1:-drafts/qinghe-2023.txt}"
new="${2:-drafts/qinghe-2024.md}"
n="${N:-30}"
cargo build --release --quiet
rb=target/release/reportbench

avg_us() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo $(( (end - start) / n / 1000 ))
}

# Warm the page cache.
"$rb" diff --format json "$old" "$new" >/dev/null
git diff --no-index --word-diff=porcelain --word-diff-regex=. "$old" "$new" >/dev/null || true

t_rb=$(avg_us "$rb" diff --format json "$old" "$new")
t_git=$(avg_us git diff --no-index --word-diff=porcelain --word-diff-regex=. "$old" "$new")
echo "pair: $old -> $new ($n runs each)"
printf "%-66s %8d us\n" "reportbench diff --format json (load, check both, compare)" "$t_rb"
printf "%-66s %8d us\n" "git diff --no-index --word-diff=porcelain --word-diff-regex=." "$t_git"
awk -v a="$t_rb" -v b="$t_git" 'BEGIN { printf "whole commands, reportbench/git: %.2f\n", a / b }'
if [ "$old" = drafts/qinghe-2023.txt ] && [ "$new" = drafts/qinghe-2024.md ]; then
  t_cmp=$(cargo bench --quiet --bench compare -- "compare only" 2>/dev/null | awk '/time:/ { print $4, $5 }')
  echo "comparison alone (criterion median): $t_cmp"
  awk -v t="$t_cmp" -v b="$t_git" 'BEGIN { split(t, v, " "); us = v[1]; if (v[2] == "ms") us *= 1000; printf "comparison alone / git: %.2f (budget: at most 0.50)\n", us / b }'
fi
