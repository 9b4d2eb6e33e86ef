#!/usr/bin/env bash
# Answers the who-is-training dialog with real X key events (xdotool, through the X server to
# GLFW and Dear ImGui), as a trainee at a new station does, then needles nothing and ends the
# session with Esc. Run under xvfb-run by the render tests, with XDG_DATA_HOME set:
#   identity_dialog.sh MNSIM RESULT_JSON NAME ID [mnsim train options...]
# Exits with the app's exit code, or 1 when the app did not get as far (it is stopped then).
set -euo pipefail
exe=$1 result=$2 name=$3 id=$4
shift 4
runs="$XDG_DATA_HOME/mnsim/runs"
"$exe" train --ask-trainee --result "$result" --exit-after "$@" &
app=$!
fail() {
  echo "identity_dialog.sh: $1" >&2
  kill "$app" 2>/dev/null || true
  exit 1
}
xdotool search --sync --onlyvisible --name '^mnsim' >/dev/null
# The first frames (fonts, the dialog) take a moment on a busy machine.
sleep 4
# No window manager: the keys go to the window under the pointer. The dialog sits in the
# middle of the 1280 x 720 window: a click in its name field, then Tab to the id.
xdotool mousemove 685 368 click 1
sleep 0.3
# Keys are held as a hand holds them (a tenth of a second): the panels read a key's state once
# a frame, and xdotool's own taps are shorter than a frame of llvmpipe.
press() {
  xdotool keydown "$1"
  sleep 0.1
  xdotool keyup "$1"
}
xdotool type --delay 60 "$name"
press Tab
xdotool type --delay 60 "$id"
press Return
# Answered: the session opens and its run is created.
for _ in $(seq 100); do
  [ -n "$(ls -A "$runs" 2>/dev/null)" ] && break
  sleep 0.1
done
[ -n "$(ls -A "$runs" 2>/dev/null)" ] || fail "no run was started after the dialog was answered"
sleep 1
press Escape
for _ in $(seq 200); do
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$app" 2>/dev/null && fail "the app did not close after Esc"
wait "$app"
