#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on a private X server, with the user's theme out of the way. The server is
# started here rather than by xvfb-run, whose clean-up fails now and then beside other tests
# and then replaces the test's exit status with its own. Without Xvfb the test is skipped, not
# hidden: exit status 77 (the GNU "skipped" status) and the reason, also as a TAP plan.
if ! command -v Xvfb >/dev/null; then
  test_name=${*: -2:1}
  echo "1..0 # SKIP Xvfb is not installed: ${test_name##*/} not run"
  echo "SKIP: Xvfb is not installed (Debian: apt install xvfb); ${test_name##*/} not run" >&2
  exit 77
fi
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
