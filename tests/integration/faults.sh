#!/bin/sh
# faults.sh -- verify against servers that misbehave: a small adversarial
# server (badns.py) in front of a real NSD. None of these may be reported
# as in sync or as a missing record; truncation is retried over TCP.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/z" "$W" || exit 99
PN=$(free_port); start_nsd "$TMP/z/external" "$PN"

bad() { # bad MODE: start badns.py in MODE; sets PB
	PB=$(free_port)
	python3 "$top_srcdir/tests/integration/badns.py" "$1" "$PB" "$PN" > "$TMP/badns-$1.out" 2>&1 &
	PIDS="$PIDS $!"
	for _ in $(seq 50); do grep -q ready "$TMP/badns-$1.out" 2>/dev/null && return 0; sleep 0.1; done
	echo "badns.py did not start"; cat "$TMP/badns-$1.out"; exit 99
}
never_drift() { # the output holds no missing/changed/unexpected and nothing in sync
	if grep -qE "^ +(missing|changed|unexpected|ttl) " "$TMP/out"; then fail "$1: a failure was reported as drift"; else pass "$1: never reported as drift"; fi
	expect_in "$TMP/out" "10 records expected: 0 in sync" "$1: nothing counted in sync"
}
V() { "$SIPDNS" verify --no-recurse --timeout 200 --tries 2 --view external -s "external=127.0.0.1:$1" "$W"; }

bad servfail
expect_rc 3 "SERVFAIL on every query" -- V "$PB"
expect_in "$TMP/out" "could not verify: SERVFAIL" "SERVFAIL reported"
never_drift SERVFAIL

bad wrongid
expect_rc 3 "answers with a wrong ID" -- V "$PB"
expect_in "$TMP/out" "unverified: no answer from 127.0.0.1:$PB for any of 18 questions" "wrong-ID answers ignored (no answer)"
never_drift "wrong ID"

bad wrongaddr
expect_rc 3 "answers from a wrong address" -- V "$PB"
expect_in "$TMP/out" "unverified: no answer from 127.0.0.1:$PB for any of 18 questions" "wrong-address answers ignored (no answer)"
never_drift "wrong address"

bad truncate
expect_rc 0 "truncated answers retried over TCP" -- V "$PB"
expect_in "$TMP/out" "10 records expected: 10 in sync" "all in sync through TCP"

bad truncate-notcp
expect_rc 3 "truncated, TCP refused" -- V "$PB"
never_drift "TCP refused"

bad malformed
expect_rc 3 "malformed answers" -- V "$PB"
expect_in "$TMP/out" "could not verify: " "malformed answers reported"
never_drift malformed

bad oversized
expect_rc 3 "oversized answers" -- V "$PB"
expect_in "$TMP/out" "oversized answer: 300 records, more than 256" "oversized answer refused"
never_drift oversized

bad notauth
expect_rc 3 "non-authoritative answers with --no-recurse" -- V "$PB"
expect_in "$TMP/out" "could not verify: not authoritative" "non-authoritative answers reported"
never_drift "not authoritative"
expect_rc 0 "non-authoritative answers are fine without --no-recurse" -- "$SIPDNS" verify --view external -s "external=127.0.0.1:$PB" "$W"

# answers judged by what they are: records of another class, owner or
# type, or an NXDOMAIN that carries records, are malformed (unverified),
# never in sync and never missing
for m in nxrecords class-ch other-owner other-type; do
	bad $m
	expect_rc 3 "$m: unverified" -- V "$PB"
	expect_in "$TMP/out" "could not verify: error: malformed answer: " "$m: reported as a malformed answer"
	if grep -qE "^ +aaaa-only " "$TMP/out"; then fail "$m: a false aaaa-only"; else pass "$m: no false aaaa-only"; fi
	never_drift "$m"
done
# a referral is a delegation, with or without --no-recurse
bad referral
expect_rc 3 "referral with --no-recurse" -- V "$PB"
expect_in "$TMP/out" "delegated to ns1.child.invalid." "referral: delegated (--no-recurse)"
never_drift "referral (--no-recurse)"
expect_rc 3 "referral without --no-recurse" -- "$SIPDNS" verify --timeout 200 --tries 2 --view external -s "external=127.0.0.1:$PB" "$W"
expect_in "$TMP/out" "delegated to ns1.child.invalid." "referral: delegated (recursion desired)"
never_drift "referral (recursion desired)"

# one of two servers of a view dead: the live one answers everything
DEAD=$(free_port)
expect_rc 0 "one of two servers dead" -- "$SIPDNS" verify --no-recurse --timeout 200 --view external -s "external=127.0.0.1:$DEAD" -s "external=127.0.0.1:$PN" "$W"
finish
