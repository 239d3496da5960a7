#!/bin/sh
# deadserver.sh -- a dead server costs a few timeouts, not one per question:
# against NSD and badns.py silent on 127.0.0.1, the first of two servers
# dead (every question answered by the second), every server dead (the
# first timeouts, then "server not answering" at once, without a packet),
# and --deadline (what is left then is unverified, never missing).
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
PI=$(free_port); start_nsd "$TMP/good/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/good/external" "$PE"
PB=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" silent "$PB" 1 > "$TMP/badns.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/badns.out" || { echo "badns.py did not start"; exit 99; }
DEAD=127.0.0.1:$PB
# (timeout 60: a generous bound that only catches a hang)
v() { timeout 60 "$SIPDNS" verify --no-recurse --timeout 200 --tries 2 "$@" "$W"; }
queries() { grep -c query "$TMP/badns.out"; }

# the first of two servers dead: every question answered by the second
expect_rc 0 "first of two dead: in sync" -- v -s internal=$DEAD -s internal=127.0.0.1:$PI -s external=$DEAD -s external=127.0.0.1:$PE
expect_in "$TMP/out" "24 records expected: 24 in sync, 0 wrong, 0 TTL only, 0 unverified" "first of two dead: every record in sync"
expect_rc 0 "first of two dead, json" -- v -f json -s internal=$DEAD -s internal=127.0.0.1:$PI -s external=$DEAD -s external=127.0.0.1:$PE
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="in_sync" and d["summary"]["in_sync"]==24' "$TMP/out" && pass "first of two dead: json in sync" || fail "first of two dead: json"

# every server dead: 45 questions, 2 in flight per view, 2 tries: the
# first few time out, the server is down after 3, the rest fail at once
before=$(queries)
expect_rc 3 "all dead: could not verify" -- v --max-in-flight 2 -s internal=$DEAD -s external=$DEAD
expect_in "$TMP/out" "unverified: no answer from 127.0.0.1:$PB for any of " "all dead: says the server does not answer"
expect_in "$TMP/out" "more not sent to it once it was down" "all dead: says the rest was not sent"
expect_in "$TMP/out" "24 records expected: 0 in sync, 0 wrong, 0 TTL only, 24 unverified; extra findings: 0 unexpected, 0 target-alias, 0 aaaa-only; 0 names owned elsewhere; 50 questions (0 answered, 50 failed)" "all dead: every question unanswered, none missing"
if grep -qE "^ *(missing|changed) " "$TMP/out"; then fail "all dead: a finding other than unverified"; else pass "all dead: nothing missing or changed"; fi
sent=$(( $(queries) - before ))
# down after 3 failed questions: at most 4 per view asked, 2 tries each
if [ "$sent" -le 16 ]; then pass "all dead: $sent queries sent for 45 questions"; else fail "all dead: $sent queries sent, want at most 16 (45 questions x 2 tries = 90 without the down server)"; fi
expect_rc 2 "all dead: nagios CRITICAL" -- v -f nagios --max-in-flight 2 -s internal=$DEAD -s external=$DEAD
expect_in "$TMP/out" "server not answering: 127.0.0.1:$PB (timed out 3 times in a row)" "all dead: every question says the server is not answering (nagios)"

# --deadline: a 30 s timeout, a 1 s deadline
expect_rc 3 "--deadline: could not verify" -- v --timeout 30000 --tries 1 --max-in-flight 2 --deadline 1 -s internal=$DEAD -s external=$DEAD
expect_in "$TMP/out" "no answer before the deadline" "--deadline: the questions in flight say so"
expect_in "$TMP/out" "not asked before the deadline" "--deadline: the questions never asked say so"
expect_in "$TMP/out" "50 questions (0 answered, 50 failed)" "--deadline: every question unanswered"
expect_rc 0 "--deadline not reached: in sync" -- v --deadline 60 -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE
expect_rc 2 "--deadline 0 is a usage error" -- v --deadline 0 -s internal=127.0.0.1:$PI
expect_in "$TMP/err" "--deadline '0': seconds, 1 to 86400" "--deadline 0: says why"
finish
