#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# renewal-desk-cli reminders: like the app, only the user's own and unowned renewals (the user
# named by the "owner-name" setting, else "sync-user"), --owner NAME for another user,
# --all-owners for everyone's.
. "$(dirname "$0")/tap.sh"
SCHEMAS=${RD_SCHEMA_SOURCE_DIR:?RD_SCHEMA_SOURCE_DIR must name the folder of the GSettings schema}

# The app's settings in a file of the scratch folder, with the schema compiled there.
mkdir -p "$WORK/schemas"
glib-compile-schemas --targetdir="$WORK/schemas" "$SCHEMAS"
export GSETTINGS_SCHEMA_DIR="$WORK/schemas" GSETTINGS_BACKEND=keyfile
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_DIRS="$WORK/none"
setting () { gsettings set io.github.renewaldesk.RenewalDesk "$1" "$2"; }

# Three agreements whose 60-day milestone is due on the morning of 2027-03-01.
add () { cli add agreement --json - <<< "{\"customer\": \"$1\", \"kind\": \"PO\",
  \"end_date\": \"2027-04-30\", \"owner\": \"$2\"}" > /dev/null; }
add "Ana Owned Corp" "Ana Lima"
add "Ben Owned Corp" "Ben Okafor"
add "Nobody Owned Corp" ""
at=2027-03-01T10:00
# shown WHO-OPTIONS...: the customers of the reminders, one per line, sorted
shown () { cli reminders --at "$at" "$@" | sed -n 's/.*  \([A-Za-z]* Owned Corp\) — .*/\1/p' \
  | sort -u | tr '\n' ,; }

check "nobody named: everyone's reminders" \
  test "$(shown)" = "Ana Owned Corp,Ben Owned Corp,Nobody Owned Corp,"
setting sync-user "ana lima"
check "the sync user's own and unowned renewals only" \
  test "$(shown)" = "Ana Owned Corp,Nobody Owned Corp,"
setting owner-name "Ben Okafor"
check "owner-name comes before the sync user" \
  test "$(shown)" = "Ben Owned Corp,Nobody Owned Corp,"
check "--owner names another user" \
  test "$(shown --owner 'Ana Lima')" = "Ana Owned Corp,Nobody Owned Corp,"
check "--all-owners shows everyone's" \
  test "$(shown --all-owners)" = "Ana Owned Corp,Ben Owned Corp,Nobody Owned Corp,"
check "--json is filtered alike" \
  test "$(cli reminders --at "$at" --json | grep -c '"customer" : "Ana Owned Corp"')" -eq 0
check "--json --all-owners has the others' reminders" \
  test "$(cli reminders --at "$at" --json --all-owners | grep -c '"customer" : "Ana Owned Corp"')" -gt 0

cli reminders --at "$at" --owner X --all-owners > /dev/null 2> "$WORK/err"
check "--owner with --all-owners exits 2" test $? -eq 2
check "and says why in one line" test "$(grep -c '^renewal-desk-cli: ' "$WORK/err")" -eq 1
cli reminders --at "$at" --owner ' ' > /dev/null 2> /dev/null
check "an empty --owner exits 2" test $? -eq 2

# Without the app's settings the user is unknown: everyone's reminders, and a note on stderr.
GSETTINGS_SCHEMA_DIR="$WORK/none" cli reminders --at "$at" > "$WORK/out" 2> "$WORK/err"
check "without settings everyone's reminders are listed" \
  test "$(grep -c 'Owned Corp' "$WORK/out")" -ge 3
check "without settings a note names --owner" grep -q -- "--owner" "$WORK/err"

tap_end
