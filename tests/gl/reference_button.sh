#!/usr/bin/env bash
# Clicks "Record a reference run" in author mode with a real X pointer event (xdotool, through the
# X server to GLFW and Dear ImGui), as an instructor does, waits for the reference run to appear
# in references/ beside the scenario, then clicks Quit. Run under xvfb-run by the render tests,
# with XDG_CONFIG_HOME and XDG_DATA_HOME set:  reference_button.sh MNSIM SCENARIO
# Exits 0 when the reference run appeared and the app closed its case, else 1 (the app is stopped).
set -euo pipefail
exe=$1 scenario=$2
references="$(dirname "$scenario")/references"
"$exe" author "$scenario" &
app=$!
fail() {
  echo "reference_button.sh: $1" >&2
  kill "$app" 2>/dev/null || true
  exit 1
}
xdotool search --sync --onlyvisible --name '^mnsim' >/dev/null
sleep 4
# The authoring bar sits under the toolbar, centred: its button on the right of it.
xdotool mousemove 748 106 click 1
for _ in $(seq 100); do
  [ -n "$(ls -A "$references" 2>/dev/null)" ] && break
  sleep 0.1
done
[ -n "$(ls -A "$references" 2>/dev/null)" ] || fail "no reference run appeared in $references"
sleep 1
# Quit (top right): the case is left, its run sealed as stopped; then the window is closed.
xdotool mousemove 1194 22 click 1
sleep 1.5
kill -TERM "$app" 2>/dev/null || true
wait "$app" || true
exit 0
