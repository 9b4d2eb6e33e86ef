#!/usr/bin/env bash
# Runs the fuzz targets: fuzz/run.sh BUILD_DIR SECONDS [TARGET] [extra libFuzzer flags...]
#   TARGET: parsers (mnsim_fuzz_parsers), runs (mnsim_fuzz_runs) or all (the default: each one
#   for SECONDS, in turn).
# Each target's corpus (BUILD_DIR/corpus for the parsers, BUILD_DIR/corpus-runs for the runs) is
# seeded from the shipped scenarios, answers, test fixtures, traces and run files, and keeps what
# libFuzzer finds between runs; crashes go to BUILD_DIR/findings (the runs' named runs-*).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: fuzz/run.sh BUILD_DIR SECONDS [parsers|runs|all] [libFuzzer flags...]"
build="${1:?$usage}"
seconds="${2:?$usage}"
shift 2
target=all
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  target="$1"
  shift
fi
case "$target" in
  parsers | runs | all) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
findings="$build/findings"
mkdir -p "$findings"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# seed CORPUS FILES...: copies the files (not folders) into CORPUS, keeping what is there.
seed() {
  local corpus="$1" f
  shift
  mkdir -p "$corpus"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null || true
  done
}

if [ "$target" = parsers ] || [ "$target" = all ]; then
  seed "$build/corpus" \
    "$root"/scenarios/*.yaml "$root"/scenarios/answers/*.yaml \
    "$root"/tests/data/scenarios/*.yaml "$root"/tests/data/scenarios/broken/*.yaml \
    "$root"/tests/data/traces/*.csv "$root"/tests/data/plans/*.yaml "$root"/fuzz/seeds/* \
    "$root"/tests/data/runs/* "$root"/fuzz/seeds/runs/*
  "$build/mnsim_fuzz_parsers" "$build/corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$@"
fi

if [ "$target" = runs ] || [ "$target" = all ]; then
  # mnsim-run/2 journals (fuzz/seeds/runs, made by mnsim_fuzz_make_run_seeds) and mnsim-run/1 JSON.
  seed "$build/corpus-runs" "$root"/fuzz/seeds/runs/* "$root"/fuzz/seeds/run.json "$root"/tests/data/runs/*
  "$build/mnsim_fuzz_runs" "$build/corpus-runs" -max_total_time="$seconds" -max_len=32768 -timeout=10 \
    -artifact_prefix="$findings/runs-" -print_final_stats=1 "$@"
fi
