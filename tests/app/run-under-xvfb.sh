#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on a private X server, with the user's theme out of the way. The server is
# started here rather than by xvfb-run, whose clean-up fails now and then beside other tests
# and then replaces the test's exit status with its own.
unset GTK_THEME
export GDK_BACKEND=x11

dir=$(mktemp -d "${TMPDIR:-/tmp}/rd-xvfb-XXXXXX")
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$dir/display" 2>"$dir/log" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
  [[ -s "$dir/display" ]] && break
  sleep 0.1
done
if [[ ! -s "$dir/display" ]]; then
  echo "Xvfb did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi
export DISPLAY=":$(head -n1 "$dir/display")"
"$@"
