#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on a private X server, with the user's theme out of the way.
unset GTK_THEME
export GDK_BACKEND=x11
exec xvfb-run -a -s "-screen 0 1600x1200x24" "$@"
