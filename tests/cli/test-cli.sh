#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# renewal-desk-cli end to end: exit codes, one-line errors, rejected input changes nothing.
. "$(dirname "$0")/tap.sh"
date_plus_months () { date -d "$(date +%Y-%m-%d) +$1 month" +%Y-%m-%d; }
date_plus_days () { date -d "$1 +$2 day" +%Y-%m-%d; }

# demo: same seed, same data
"$CLI" --db "$WORK/a.db" demo --count 40 --seed 5 --today 2026-11-28 >/dev/null
"$CLI" --db "$WORK/b.db" demo --count 40 --seed 5 --today 2026-11-28 >/dev/null
"$CLI" --db "$WORK/a.db" list --json > "$WORK/a.json"
"$CLI" --db "$WORK/b.db" list --json > "$WORK/b.json"
check "demo with the same seed makes the same data" cmp -s "$WORK/a.json" "$WORK/b.json"
check "demo made agreements" grep -q '"type" : "agreement"' "$WORK/a.json"
check "demo made offers" grep -q '"type" : "offer"' "$WORK/a.json"

# two processes opening a new database at once: both create or both wait, neither fails
race_failed=0
for i in 1 2 3 4 5 6; do
  "$CLI" --db "$WORK/race$i.db" list >/dev/null 2>"$WORK/race$i-a.err" & a=$!
  "$CLI" --db "$WORK/race$i.db" list >/dev/null 2>"$WORK/race$i-b.err" & b=$!
  wait $a || race_failed=1
  wait $b || race_failed=1
done
check "two processes opening a new database both succeed" test "$race_failed" -eq 0

cli demo --count 30 >/dev/null
check "check passes on demo data" cli check

# add: a valid offer gets an id
start_ok=$(date_plus_months 36)
cat > "$WORK/offer-ok.json" <<JSON
{"customer": "Granite Savings Bank", "product_title": "Sentinel", "product_type": "saas_contract",
 "kind": "PO", "renewal_mechanism": "fda", "agreement_start_date": "$start_ok",
 "agreement_end_date": "$(date_plus_days "$start_ok" 364)", "stage": "drafted",
 "x_custom": {"kept": true}}
JSON
id=$(cli add offer --json "$WORK/offer-ok.json")
check "add prints a UUID" bash -c "[[ '$id' =~ ^[0-9a-f-]{36}$ ]]"
check "show --json has the record and its unknown fields" \
  bash -c "'$CLI' --db '$DB' show '$id' --json | grep -q '\"kept\" : true'"
# show: its members in stored order, the order of the body (and of show --json)
cli show "$id" --json | sed -n 's/^  "\([^"]*\)" : .*/\1/p' > "$WORK/json-order"
cli show "$id" | cut -d ' ' -f 1 > "$WORK/text-order"
check "show prints the members in the order show --json does" \
  cmp "$WORK/json-order" "$WORK/text-order"
check "show prints the id first" test "$(head -n 1 "$WORK/text-order")" = _id

# add: an FDA 36 months and a day ahead is rejected with exit 2, naming field and limit
before=$(cli list --json | sha256sum)
start_bad=$(date_plus_days "$start_ok" 1)
sed "s/\"agreement_start_date\": \"$start_ok\"/\"agreement_start_date\": \"$start_bad\"/" \
  "$WORK/offer-ok.json" > "$WORK/offer-bad.json"
cli add offer --json "$WORK/offer-bad.json" > "$WORK/out" 2> "$WORK/err"
rc=$?
check "rejected FDA start exits 2" test "$rc" -eq 2
check "the error names the field" grep -q "agreement_start_date" "$WORK/err"
check "the error names the 36-month limit" grep -q "36 months" "$WORK/err"
check "nothing printed on stdout" test ! -s "$WORK/out"
after=$(cli list --json | sha256sum)
check "the record set is unchanged" test "$before" = "$after"

# one line per error
lines=$(wc -l < "$WORK/err")
errors=$(grep -c '^renewal-desk-cli: ' "$WORK/err")
check "every error line is prefixed" test "$lines" -eq "$errors"

# malformed JSON: exit 2, says where
echo '{"customer": "Broken",' > "$WORK/broken.json"
cli add agreement --json "$WORK/broken.json" 2> "$WORK/err"
check "malformed JSON exits 2" test $? -eq 2
check "malformed JSON error names the file" grep -q "broken.json" "$WORK/err"

# a type mismatch is bad usage
echo '{"type": "offer", "customer": "X", "kind": "PO", "product_type": "container"}' > "$WORK/t.json"
cli add agreement --json "$WORK/t.json" 2>/dev/null
check "type mismatch exits 2" test $? -eq 2

# update: merge patch, validated, rejected patches change nothing
echo '{"stage": "published", "notes": "Customer asked for 24 months"}' | cli update "$id" --json -
check "update exits 0" test $? -eq 0
check "update applied" bash -c "'$CLI' --db '$DB' show '$id' | grep -q 'published'"
printf '{"notification_emails": [%s]}' \
  "$(for i in $(seq 1 11); do printf '"p%d@example.com",' "$i"; done | sed 's/,$//')" > "$WORK/emails.json"
before=$(cli show "$id" --json | sha256sum)
cli update "$id" --json "$WORK/emails.json" 2> "$WORK/err"
check "an 11th e-mail address exits 2" test $? -eq 2
check "the error names notification_emails" grep -q "notification_emails" "$WORK/err"
after=$(cli show "$id" --json | sha256sum)
check "the rejected update changed nothing" test "$before" = "$after"

# list --json: each record exactly as show --json prints it, in list's order
cat > "$WORK/odd.json" <<'JSON'
{"customer": "Zürich \"Quote\" AG\tTab", "kind": "PO", "product_type": "container",
 "nested": {"empty": {}, "list": [1, [], {"a": null}]}}
JSON
cli add agreement --json "$WORK/odd.json" > /dev/null
cli list --sort customer --json > "$WORK/list.json"
{
  printf '['
  sep=$'\n'
  for listed in $(sed -n 's/^    "_id" : "\([^"]*\)",\{0,1\}$/\1/p' "$WORK/list.json"); do
    printf '%s' "$sep"
    cli show "$listed" --json | sed 's/^/  /' | head -c -1
    sep=$',\n'
  done
  printf '\n]\n'
} > "$WORK/shown.json"
check "list --json prints every record as show --json does" cmp "$WORK/list.json" "$WORK/shown.json"
check "list --json has the odd record" grep -q 'Zürich \\"Quote\\" AG\\tTab' "$WORK/list.json"

# list filters and sorting
cli list --type offer --json > "$WORK/offers.json"
check "list --type offer lists only offers" bash -c "! grep -q '\"type\" : \"agreement\"' '$WORK/offers.json'"
cli list --due-within 30 --sort customer > "$WORK/due.txt"
check "list --due-within runs" test $? -eq 0
cli list --sort nonsense 2>/dev/null
check "a bad --sort exits 2" test $? -eq 2
cli list --type thing 2>/dev/null
check "a bad --type exits 2" test $? -eq 2

# member order: add keeps the file's (not alphabetical, not hash order), what add sets comes
# last; an update keeps each member in its place and appends new ones in the patch's order
cat > "$WORK/ordered.json" <<JSON
{"zulu_note": "z", "customer": "Quarry Bank", "stage": "drafted", "kind": "PO",
 "x_custom": {"zz": 1, "aa": 2, "mm": 3}, "value": 120000.5, "currency": "USD",
 "alpha_note": "a", "product_type": "saas_contract", "renewal_mechanism": "new_offer"}
JSON
ordered=$(cli add offer --json "$WORK/ordered.json")
names () { cli show "$ordered" | cut -d ' ' -f 1 | tr '\n' ' '; }
check "add keeps the members in the file's order" test "$(names)" = \
  "_id zulu_note customer stage kind x_custom value currency alpha_note product_type \
renewal_mechanism type drafted_on "
echo '{"yankee_note": "y", "stage": "published", "x_custom": {"aa": null, "bb": 4},
  "bravo_note": "b"}' | cli update "$ordered" --json -
check "update keeps each member's place and appends new ones in order" test "$(names)" = \
  "_id zulu_note customer stage kind x_custom value currency alpha_note product_type \
renewal_mechanism type drafted_on yankee_note bravo_note "
check "update keeps a nested object's order" \
  bash -c "'$CLI' --db '$DB' show '$ordered' | grep -qx 'x_custom  *{\"zz\":1,\"mm\":3,\"bb\":4}'"
cli show "$ordered" --json | sed -n 's/^  "\([^"]*\)" : .*/\1/p' | tr '\n' ' ' > "$WORK/ordered"
check "show --json prints them in the same order" test "$(cat "$WORK/ordered")" = "$(names)"

# delete
cli delete "$id"
check "delete exits 0" test $? -eq 0
cli show "$id" 2>/dev/null
check "a deleted record is not shown" test $? -eq 2
cli delete "$id" 2>/dev/null
check "deleting again exits 2" test $? -eq 2

# usage
"$CLI" 2>/dev/null
check "no command exits 2" test $? -eq 2
"$CLI" frobnicate 2>/dev/null
check "an unknown command exits 2" test $? -eq 2

# a database that is not one: exit 1, file untouched
echo "not a database" > "$WORK/junk.db"
"$CLI" --db "$WORK/junk.db" list 2> "$WORK/err"
check "a damaged database exits 1" test $? -eq 1
check "the damaged file is untouched" grep -qx "not a database" "$WORK/junk.db"
check "the message says what to do" grep -q "backup" "$WORK/err"

tap_end
