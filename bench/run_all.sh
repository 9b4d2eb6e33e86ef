#!/usr/bin/env bash
# Runs every benchmark of the release build, one core each, and prints the results.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in stamp_bench score_bench raycast_bench journal_bench replay_bench; do
  taskset -c 0 "./build/bench/$b" --benchmark_counters_tabular=true "$@"
done
# Whole commands on every core, as a user runs them (grade, report).
./build/bench/grade_bench --benchmark_counters_tabular=true "$@"
./build/bench/store_bench --benchmark_counters_tabular=true "$@"
