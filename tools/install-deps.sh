#!/usr/bin/env bash
# Installs what mnsim needs to build, test and run, from Debian 12 packages only.
# Idempotent: packages already present are skipped, and nothing runs when all are there.
# Uses sudo when not root. Called by the Makefile before every build.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  # the app
  libglfw3-dev libglm-dev libimgui-dev libstb-dev python3-glad fonts-dejavu-core
  # engine parsers and I/O
  libassimp-dev libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev libsodium-dev
  # the store on PostgreSQL: libpq, and the server the tests start a throwaway cluster of (openssl
  # makes the certificate of the one that offers TLS)
  libpq-dev postgresql openssl
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libembree-dev
  # the scenario JSON Schema check (tests/scenarios/check_schema.py)
  python3-jsonschema python3-yaml
  # render tests without a display; xdotool sends them real X mouse and key events
  xvfb xauth libgl1-mesa-dri libglx-mesa0 libegl-mesa0 xdotool
  # reports opened in a real browser (tests/js/report_in_browser.mjs); xAPI statements sent to a
  # learning record store over HTTP(S)
  chromium libcurl4-openssl-dev
)
# Node.js runs the third-party checkers in tests/js; the machine's own is used when it has one.
if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

# The npm packages of tests/js, exactly as locked, when they are missing or the lock changed.
install_test_tools() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/js"
  if [ -f "$dir/node_modules/.package-lock.json" ] && cmp -s "$dir/package-lock.json" "$dir/node_modules/.mnsim-lock"; then
    return
  fi
  echo "install-deps: npm packages for the tests (tests/js)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.mnsim-lock)
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_test_tools
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
install_test_tools
