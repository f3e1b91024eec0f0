#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# renewal-desk-cli refuses bad input whole: absurd JSON, bad records, bad CSV rows; a long
# import lets other writers in and a killed one is rolled back.
. "$(dirname "$0")/tap.sh"
PY=/usr/bin/python3
at_exit 'kill $(jobs -p) 2>/dev/null'
count () { cli list --json | grep -c '"type" : "agreement"'; }
# wait_for SECONDS COMMAND...: polls until the command succeeds
wait_for () { local end=$((SECONDS + $1)); shift; until "$@"; do
  [[ $SECONDS -ge $end ]] && return 1; sleep 0.05; done; }
sql () { "$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=10)
try: print(c.execute(sys.argv[2]).fetchone()[0])
except sqlite3.Error: print("")' "$DB" "$1"; }

cli demo --count 5 >/dev/null

# 1. absurd JSON: exit 2 with the position, nothing stored
before=$(snapshot)
"$PY" -c 'print("{\"a\":" + "[" * 100000 + "]" * 100000 + "}")' > "$WORK/deep.json"
cli add agreement --json "$WORK/deep.json" 2> "$WORK/err"
check "deeply nested JSON exits 2" test $? -eq 2
check "deeply nested JSON: the error gives the position" grep -q "line 1, column" "$WORK/err"
for number in 1e999 nan inf -Infinity; do
  echo "{\"customer\": \"X\", \"kind\": \"PO\", \"value\": $number}" > "$WORK/nf.json"
  cli add agreement --json "$WORK/nf.json" 2> "$WORK/err"
  check "$number exits 2" test $? -eq 2
  check "$number: the error says where" grep -q "line 1, column" "$WORK/err"
done
check "nothing was stored" test "$before" = "$(snapshot)"

# 6. ids, reserved fields, type changes, field types
for id in '' '_design/evil' $'ctl\x01id'; do
  printf '{"_id": "%s", "customer": "X", "kind": "PO"}' "$id" > "$WORK/id.json"
  cli add agreement --json "$WORK/id.json" 2>/dev/null
  rc=$?
  check "the id “$(printf %q "$id")” is refused" test $rc -eq 2
done
echo '{"customer": "X", "kind": "PO", "_attachments": {}}' > "$WORK/res.json"
cli add agreement --json "$WORK/res.json" 2> "$WORK/err"
check "an _attachments field is refused" test $? -eq 2
check "the error names it" grep -q "_attachments" "$WORK/err"
echo '{"customer": "X", "kind": "PO", "value": "lots"}' > "$WORK/val.json"
cli add agreement --json "$WORK/val.json" 2> "$WORK/err"
check "a value that is not an amount is refused" test $? -eq 2
id=$(cli add agreement --json - <<< '{"customer": "Typed", "kind": "PO", "end_date": "2027-01-31"}')
check "a good agreement is added" test -n "$id"
echo '{"type": "template"}' | cli update "$id" --json - 2> "$WORK/err"
check "a type change is refused" test $? -eq 2
echo '{"_foo": 1}' | cli update "$id" --json - 2>/dev/null
check "an _ field in a patch is refused" test $? -eq 2
check "check passes" cli check
before=$(snapshot)

# 8. dates an iCalendar file cannot carry are refused at input
echo '{"customer": "Far", "kind": "PO", "end_date": "9999-12-31"}' > "$WORK/far.json"
cli add agreement --json "$WORK/far.json" 2> "$WORK/err"
check "an end date in 9999 is refused" test $? -eq 2

# 12. a huge invalid id is not echoed whole (an argument is at most 128 KiB; a file is not)
long=$(head -c 1000000 /dev/zero | tr '\0' x)
printf '{"_id": "_%s", "customer": "X", "kind": "PO"}' "$long" > "$WORK/long.json"
cli add agreement --json "$WORK/long.json" 2> "$WORK/err"
check "a 1 MB id exits 2" test $? -eq 2
check "the error line stays short" test "$(wc -c < "$WORK/err")" -lt 400
cli update "_${long:0:100000}" --json - <<< '{}' 2> "$WORK/err"
check "updating by a 100 kB id exits 2" test $? -eq 2
check "that error line stays short" test "$(wc -c < "$WORK/err")" -lt 400
cli delete "${long:0:100000}" 2> "$WORK/err"
check "deleting by a 100 kB id exits 2" test $? -eq 2
check "that error line stays short too" test "$(wc -c < "$WORK/err")" -lt 400
check "nothing changed" test "$before" = "$(snapshot)"

# 2. a CSV file imports whole or not at all; every bad row is reported
cat > "$WORK/bad.csv" <<CSV
agreement_id,acceptor_account_id,end_time
agmt-c1,444455556666,2027-01-01
agmt-c2
agmt-c3,444455556666,2027-01-01
agmt-c1,444455556666,2027-02-01
CSV
cli import csv "$WORK/bad.csv" > "$WORK/out" 2> "$WORK/err"
check "a CSV with bad rows exits 2" test $? -eq 2
check "the short row is reported with its line" grep -q "Line 3" "$WORK/err"
check "the duplicate is reported with line and column" grep -q "Line 5, column 1" "$WORK/err"
check "no row of it was imported" test "$before" = "$(snapshot)"

# 3. every exported column imports back, notes included
NDB="$WORK/notes.db"
"$CLI" --db "$NDB" add agreement --json - > /dev/null <<'JSON'
{"customer": "Noted", "kind": "PO", "agreement_id": "agmt-n1", "end_date": "2027-03-31",
 "notes": "Call Joe \"JJ\" first,\nthen legal", "owner": "ana"}
JSON
"$CLI" --db "$NDB" export csv "$WORK/notes.csv" > /dev/null
"$CLI" --db "$WORK/notes2.db" import csv "$WORK/notes.csv" > "$WORK/out" 2>&1
check "the export imports back" test $? -eq 0
check "no column was ignored" bash -c "! grep -q 'not known' '$WORK/out'"
"$CLI" --db "$WORK/notes2.db" list --json > "$WORK/notes2.json"
check "the notes came back" grep -q 'Call Joe \\"JJ\\" first,\\nthen legal' "$WORK/notes2.json"
check "the owner came back" grep -q '"owner" : "ana"' "$WORK/notes2.json"

# 5. a long import lets another writer in; a killed one is rolled back whole
rows=20000
"$PY" - "$WORK/big.csv" "$rows" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("agreement_id,acceptor_account_id,end_time\n")
    for i in range(int(sys.argv[2])):
        f.write("agmt-big%d,%012d,2027-01-01\n" % (i, 100000000 + i))
PY
BDB="$WORK/big.db"
"$CLI" --db "$BDB" import csv "$WORK/big.csv" > "$WORK/big.out" 2>&1 &
importer=$!
DB=$BDB
check "the import is under way" wait_for 60 bash -c "[[ \$(\"$PY\" -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1], timeout=10)
try: print(c.execute(\"SELECT count(*) FROM import_journal\").fetchone()[0])
except sqlite3.Error: print(0)' '$BDB') -gt 0 ]]"
id=$(cli add agreement --json - <<< '{"customer": "Meanwhile", "kind": "PO"}' 2> "$WORK/err")
check "an add during the import succeeds" test -n "$id"
check "with no error" test ! -s "$WORK/err"
check "while the import was still under way" kill -0 $importer
check "check sees the import under way" bash -c "'$CLI' --db '$BDB' check | grep -q 'under way'"
wait $importer
check "the import completes" test $? -eq 0
check "every row and the add are stored" test "$(count)" -eq $((rows + 1))
check "the journal is empty" test "$(sql 'SELECT count(*) FROM import_journal')" -eq 0

KDB="$WORK/kill.db"
DB=$KDB
cli demo --count 3 > /dev/null
before=$(snapshot)
"$CLI" --db "$KDB" import csv "$WORK/big.csv" > /dev/null 2>&1 &
importer=$!
check "the second import is under way" wait_for 60 bash -c "[[ \$(\"$PY\" -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1], timeout=10)
try: print(c.execute(\"SELECT count(*) FROM import_journal\").fetchone()[0])
except sqlite3.Error: print(0)' '$KDB') -gt 1000 ]]"
kill -9 $importer
wait $importer 2>/dev/null
check "the killed run left rows behind" test "$(sql 'SELECT count(*) FROM import_journal')" -gt 0
cli check > "$WORK/check.out"
check "check is clean after kill -9" test $? -eq 0
check "check reports the rollback" grep -q "1 interrupted import was rolled back" "$WORK/check.out"
check "opening rolled the killed run back" test "$(sql 'SELECT count(*) FROM import_journal')" -eq 0
check "its partial rows are gone" test "$before" = "$(snapshot)"
printf 'agreement_id,acceptor_account_id,end_time\nagmt-after,444455556666,2027-01-01\n' \
  > "$WORK/after.csv"
cli import csv "$WORK/after.csv" > /dev/null 2>&1
check "the next import succeeds" test $? -eq 0
check "the first agreement is there" bash -c "'$CLI' --db '$KDB' list --json | grep -q agmt-after"
check "no row of the killed run stayed" bash -c "! '$CLI' --db '$KDB' list --json | grep -q agmt-big"

tap_end
