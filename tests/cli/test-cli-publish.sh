#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# renewal-desk-cli renew and publish end to end, against the Catalog API stand-in:
# the draft as Renew makes it, exit codes 0/2/1, one line per error, failures change nothing
# but the stored change-set state.
. "$(dirname "$0")/tap.sh"
SERVER=${RD_PUBLISH_SERVER:?RD_PUBLISH_SERVER must name the publish-test-server binary}
pids=()
at_exit 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done'

# No AWS configuration of the machine's user leaks in.
export HOME="$WORK" AWS_SHARED_CREDENTIALS_FILE="$WORK/none" AWS_CONFIG_FILE="$WORK/none"
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_MARKETPLACE_CATALOG AWS_SESSION_TOKEN
export AWS_ACCESS_KEY_ID=AKIDTESTEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY
export RD_PUBLISH_POLL_MS=5

today=$(date +%Y-%m-%d)
days () { date -d "$today $1 day" +%Y-%m-%d; }

# Starts a stand-in whose calendar day is $1; sets url.
start_server () {
  local out="$WORK/server-$1.url"
  "$SERVER" "$1" > "$out" &
  pids+=($!)
  for _ in $(seq 1 200); do
    [ -s "$out" ] && break
    sleep 0.05
  done
  url=$(head -n 1 "$out")
}

agreement () {
  cat > "$WORK/agreement.json" <<JSON
{"agreement_id": "agmt-$1", "offer_id": "offer-old$1", "product_id": "prod-insight42",
 "product_title": "Insight Suite", "product_type": "$2", "customer": "Granite Savings Bank",
 "buyer_account_id": "123456789012", "kind": "PO", "status": "ACTIVE",
 "start_date": "$(days -275)", "end_date": "$(days 90)", "value": 120000, "currency": "USD",
 "pricing_dimensions": [{"dimension_key": "users", "pricing": "contract", "quantity": 250,
                         "price": "400.00"}]}
JSON
  cli add agreement --json "$WORK/agreement.json"
}

# renew: as the window's Renew does, once
a1=$(agreement 1a2b3c4d5e6f7a8b9c0d1e2f3 saas_contract)
o1=$(cli renew "$a1")
check "renew exits 0 and prints an id" bash -c "[[ '$o1' =~ ^[0-9a-f-]{36}$ ]]"
o1again=$(cli renew "$a1")
check "a second renew returns the same draft" test "$o1" = "$o1again"
check "only one offer was drafted" test "$(cli list --type offer --json | grep -c '"type" : "offer"')" -eq 1
cli renew "$a1" --json > "$WORK/draft.json"
check "renew --json prints the draft" grep -q '"stage" : "drafted"' "$WORK/draft.json"
check "the draft is a future-dated agreement" grep -q '"renewal_mechanism" : "fda"' "$WORK/draft.json"
check "the draft starts the day after the agreement ends" \
  grep -q "\"agreement_start_date\" : \"$(days 91)\"" "$WORK/draft.json"

a2=$(agreement 9f8e7d6c5b4a3f2e1d0c9b8a7 saas_contract)
before=$(cli list --json | sha256sum)
cli renew "$a2" --start "$(date -d "$today +37 month" +%Y-%m-%d)" > "$WORK/out" 2> "$WORK/err"
check "an FDA start beyond 36 months exits 2" test $? -eq 2
check "the error names agreement_start_date" grep -q "^renewal-desk-cli: agreement_start_date" "$WORK/err"
check "nothing was drafted" test "$before" = "$(cli list --json | sha256sum)"
o2=$(cli renew "$a2" --mechanism new_offer)
check "renew --mechanism new_offer" bash -c "'$CLI' --db '$DB' show '$o2' --json | grep -q '\"renewal_mechanism\" : \"new_offer\"'"
cli renew "$a2" --mechanism sideways 2>/dev/null
check "an unknown mechanism exits 2" test $? -eq 2
cli renew no-such-agreement 2>/dev/null
check "renewing an unknown record exits 2" test $? -eq 2

start_server "$today"

# publish --validate-only: every check, nothing created
before=$(cli show "$o1" --json | sha256sum)
cli publish "$o1" --validate-only --endpoint-url "$url" > "$WORK/out" 2> "$WORK/err"
check "publish --validate-only exits 0" test $? -eq 0
check "and says nothing was created" grep -q "nothing was sent" "$WORK/out"
cli publish "$o1" --validate-only --json --endpoint-url "$url" > "$WORK/changeset.json"
check "--validate-only --json prints the change set" grep -q '"ChangeType" : "CreateOffer"' "$WORK/changeset.json"
check "validating changed nothing" test "$before" = "$(cli show "$o1" --json | sha256sum)"

# unreachable: exit 1, the draft untouched
cli publish "$o1" --endpoint-url "http://127.0.0.1:9" > "$WORK/out" 2> "$WORK/err"
check "an unreachable AWS exits 1" test $? -eq 1
check "and says it could not reach AWS" grep -q "Could not reach" "$WORK/err"
check "the draft is untouched" test "$before" = "$(cli show "$o1" --json | sha256sum)"

# the rules refuse: exit 2, one line per error, nothing sent
cli add offer --json - > "$WORK/o3" 2>/dev/null <<JSON
{"customer": "Granite Savings Bank", "product_title": "Insight Suite", "product_id": "prod-insight42",
 "product_type": "container", "kind": "PO", "renewal_mechanism": "new_offer",
 "buyer_account_id": "123456789012", "duration_months": 12, "currency": "CHF",
 "offer_expiration_date": "$(days 30)", "stage": "drafted",
 "pricing_dimensions": [{"dimension_key": "nodes", "pricing": "contract", "quantity": 2, "price": "1.00"}]}
JSON
o3=$(cat "$WORK/o3")
cli publish "$o3" --endpoint-url "$url" > "$WORK/out" 2> "$WORK/err"
check "a record AWS would refuse exits 2" test $? -eq 2
check "the error names the field" grep -q "^renewal-desk-cli: currency: " "$WORK/err"
check "every error line is prefixed" test "$(wc -l < "$WORK/err")" -eq "$(grep -c '^renewal-desk-cli: ' "$WORK/err")"
check "nothing printed on stdout" test ! -s "$WORK/out"

# publish: the change set runs through, the record is published
cli publish "$o1" --endpoint-url "$url" > "$WORK/out" 2> "$WORK/err"
check "publish exits 0" test $? -eq 0
check "prints the change set id and SUCCEEDED" grep -qP '^cs\w+\tSUCCEEDED\toffer-test' "$WORK/out"
cli show "$o1" --json > "$WORK/published.json"
check "the offer is published" grep -q '"stage" : "published"' "$WORK/published.json"
check "with its AWS offer id" grep -q '"offer_id" : "offer-test' "$WORK/published.json"
check "the agreement shows its renewal is published" \
  bash -c "'$CLI' --db '$DB' show '$a1' --json | grep -q '\"renewal_stage\" : \"published\"'"
cli publish "$o1" --endpoint-url "$url" > "$WORK/out2" 2>/dev/null
check "publishing again is a no-op that succeeds" grep -q "offer-test" "$WORK/out2"

# AWS refuses what the rules let through (its calendar is years behind ours): exit 2
a4=$(agreement 5a5b5c5d5e5f5a5b5c5d5e5f5 saas_contract)
o4=$(cli renew "$a4")
start_server "$(date -d "$today -3 year" +%Y-%m-%d)"
cli publish "$o4" --endpoint-url "$url" > "$WORK/out" 2> "$WORK/err"
check "a change set AWS fails exits 2" test $? -eq 2
check "the error names agreement_start_date" grep -q "^renewal-desk-cli: agreement_start_date: " "$WORK/err"
cli show "$o4" --json > "$WORK/o4.json"
check "the offer stays drafted" grep -q '"stage" : "drafted"' "$WORK/o4.json"
check "the change-set state is stored" grep -q '"changeset_status" : "FAILED"' "$WORK/o4.json"

tap_end
