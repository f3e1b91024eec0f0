# SPDX-License-Identifier: GPL-3.0-or-later
# What the renewal-desk-cli test scripts share, sourced from beside them: the CLI under test,
# a scratch folder removed at exit, and TAP output (ok / not ok per check, the plan last).

set -u

CLI=${RD_CLI:?RD_CLI must name the renewal-desk-cli binary}
WORK=$(mktemp -d)
DB="$WORK/renewals.db"
n=0
failed=0
tap_cleanups=()

# at_exit COMMAND: runs when the script ends, before the scratch folder is removed.
at_exit () { tap_cleanups+=("$1"); }
tap_exit () { local c; for c in "${tap_cleanups[@]}"; do eval "$c"; done; rm -rf "$WORK"; }
trap tap_exit EXIT

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check () { local what=$1; shift; if "$@" >&2; then ok "$what"; else not_ok "$what" "command: $*"; fi; }

cli () { "$CLI" --db "$DB" "$@"; }
snapshot () { cli list --json | sha256sum; }

# The plan and the exit status: 1 when any check failed.
tap_end () { echo "1..$n"; exit $((failed > 0)); }
