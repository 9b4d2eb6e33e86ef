#!/usr/bin/env bash
# Runs the parser fuzz target: fuzz/run.sh BUILD_DIR SECONDS [extra libFuzzer flags...]
# The corpus (BUILD_DIR/corpus) is seeded from the shipped scenarios, answers, test fixtures and
# traces, and keeps what libFuzzer finds between runs; crashes go to BUILD_DIR/findings.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: fuzz/run.sh BUILD_DIR SECONDS}"
seconds="${2:?usage: fuzz/run.sh BUILD_DIR SECONDS}"
shift 2
corpus="$build/corpus"
findings="$build/findings"
mkdir -p "$corpus" "$findings"
seeds=(
  "$root"/scenarios/*.yaml "$root"/scenarios/answers/*.yaml
  "$root"/tests/data/scenarios/*.yaml "$root"/tests/data/scenarios/broken/*.yaml
  "$root"/tests/data/traces/*.csv "$root"/tests/data/plans/*.yaml "$root"/fuzz/seeds/*
)
for f in "${seeds[@]}"; do
  [ -f "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null || true
done
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
exec "$build/mnsim_fuzz_parsers" "$corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@"
