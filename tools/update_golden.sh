#!/usr/bin/env bash
# Rewrites the golden results under tests/golden/ from the release build's ./build/mnsim.
# Run it only for a deliberate change of results, look at `git diff tests/golden`, and say in the
# commit why the results changed.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release --target mnsim golden_tests
MNSIM_UPDATE_GOLDEN=1 ./build/tests/golden/golden_tests "$@"
git status --short tests/golden
