#!/usr/bin/env bash
# Needles with real X mouse events (xdotool, through the X server to GLFW), as a trainee with a
# mouse does, then ends the session with Esc. Run under xvfb-run by the render tests:
#   mouse_stroke.sh MNSIM RESULT_JSON Y X_FROM X_TO [mnsim options...]
# With KEYS set (e.g. KEYS="Up Up"), those keys are pressed first, before any click. With
# FOCUS_AT=X,Y the cursor is put there and F pressed (look at that zone close up) before anything.
# The app opens at the top left of the screen (no window manager), so window pixels are screen
# pixels. Exits with the app's exit code.
set -euo pipefail
exe=$1 result=$2 y=$3 x0=$4 x1=$5
shift 5
"$exe" train --result "$result" --exit-after "$@" &
app=$!
# Wait for the window and its first frames (the head loads first: allow for a slow machine).
xdotool search --sync --onlyvisible --name '^mnsim' >/dev/null
sleep 3
if [ -n "${FOCUS_AT:-}" ]; then
  xdotool mousemove "${FOCUS_AT%,*}" "${FOCUS_AT#*,}"
  sleep 0.3
  xdotool key f
  sleep 1.5  # the camera turns in 0.6 s
fi
xdotool mousemove "$x0" "$y"
sleep 0.3
if [ -n "${KEYS:-}" ]; then
  # shellcheck disable=SC2086
  xdotool key --delay 100 $KEYS
  sleep 0.3
fi
xdotool mousedown 1
# A steady stroke: 2 px every 20 ms or so (the front view shows about 0.6 mm per pixel).
step=2
[ "$x1" -lt "$x0" ] && step=-2
x=$x0
while { [ "$step" -gt 0 ] && [ "$x" -lt "$x1" ]; } || { [ "$step" -lt 0 ] && [ "$x" -gt "$x1" ]; }; do
  x=$((x + step))
  xdotool mousemove "$x" "$y"
  sleep 0.02
done
xdotool mouseup 1
sleep 0.3
xdotool key Escape
wait "$app"
