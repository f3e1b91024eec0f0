#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Amounts are exact: shown as entered, refused when they are no amount (1e300) at add and at
# import, and the same bytes after a CSV export and import.
. "$(dirname "$0")/tap.sh"
PY=/usr/bin/python3
shown_value () { cli show "$1" | sed -n 's/^value  *//p'; }
add () { cli add agreement --json - <<< "{\"customer\": \"$1\", \"agreement_id\": \"agmt-$1\",
  \"kind\": \"PO\", \"end_date\": \"2027-01-31\", \"currency\": \"USD\", \"value\": $2}"; }

# show prints amounts as entered, whether written as a number or as a string
a=$(add Whole 93225)
b=$(add Cents 93224.99)
c=$(add Text '"93224.99"')
d=$(add Trailing '"120000.50"')
check "93225 is shown as 93225" test "$(shown_value "$a")" = 93225
check "93224.99 is shown as 93224.99" test "$(shown_value "$b")" = 93224.99
check "\"93224.99\" is shown as 93224.99" test "$(shown_value "$c")" = 93224.99
check "\"120000.50\" keeps its two decimals" test "$(shown_value "$d")" = 120000.50
check "show --json stores the amount as a string" \
  bash -c "'$CLI' --db '$DB' show '$b' --json | grep -q '\"value\" : \"93224.99\"'"

# 1e300 is no amount: exit 2 at add and at import, nothing stored
before=$(snapshot)
for value in 1e300 '"1e300"' 1e-9 '"12,5"' 123456789012.345678; do
  add Huge "$value" > /dev/null 2> "$WORK/err"
  check "add refuses the value $value with exit 2" test $? -eq 2
  check "add names the field for $value" grep -q "value" "$WORK/err"
done
printf 'agreement_id,acceptor_account_id,end_time,estimated_agreement_value\n%s\n%s\n' \
  'agmt-ok1,444455556666,2027-01-01,100.5' 'agmt-big,444455556666,2027-01-01,1e300' \
  > "$WORK/huge.csv"
cli import csv "$WORK/huge.csv" > /dev/null 2> "$WORK/err"
check "import refuses a 1e300 value with exit 2" test $? -eq 2
check "the import names the line" grep -q "3" "$WORK/err"
check "nothing was stored" test "$before" = "$(snapshot)"
echo '{"value": 1e300}' | cli update "$a" --json - 2> /dev/null
check "update refuses 1e300 with exit 2" test $? -eq 2
check "nothing was changed" test "$before" = "$(snapshot)"

# A CSV round trip keeps every amount byte for byte
add Tiny '"0.00000001"' > /dev/null
add Negative '"-42.10"' > /dev/null
add Large '"999999999999999999.99"' > /dev/null
cli export csv "$WORK/first.csv" > /dev/null
DB="$WORK/second.db"
cli import csv "$WORK/first.csv" > /dev/null
check "the export imports back" test $? -eq 0
cli export csv "$WORK/second.csv" > /dev/null
values () { "$PY" -c 'import csv,sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print("\n".join(sorted(r["customer"] + "=" + r["value"] for r in rows)))' "$1"; }
values "$WORK/first.csv" > "$WORK/first.values"
values "$WORK/second.csv" > "$WORK/second.values"
check "the first export holds the amounts as entered" \
  grep -qx 'Trailing=120000.50' "$WORK/first.values"
check "the first export holds 93225 whole" grep -qx 'Whole=93225' "$WORK/first.values"
check "the first export holds the smallest amount" grep -qx 'Tiny=0.00000001' "$WORK/first.values"
check "the first export holds the largest amount" \
  grep -qx 'Large=999999999999999999.99' "$WORK/first.values"
check "every amount is byte-identical after the round trip" \
  cmp "$WORK/first.values" "$WORK/second.values"

tap_end
