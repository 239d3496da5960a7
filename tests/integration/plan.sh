#!/bin/sh
# plan.sh -- change plans against a real BIND on 127.0.0.1 (TSIG, nsupdate):
# the plan of a drifted zone brings it in sync (verify then exits 0), with
# the CNAME conflicts both ways resolved; a second plan is empty; a zone
# changed between plan and send fails the prerequisite and nothing changes;
# a CNAME where unseen data may be is refused; --prune; --plan-file.
. "$top_srcdir/tests/integration/lib.sh"
for c in named nsupdate dig tsig-keygen; do
	command -v $c >/dev/null || [ -x /usr/sbin/$c ] || skip "needs $c (bind9, bind9-utils, bind9-dnsutils)"
done
PATH=$PATH:/usr/sbin
PORT=$(free_port)
W=$top_srcdir/zones/walkthrough.yaml
tsig-keygen -a hmac-sha256 sipdns-plan > "$TMP/key.conf" || exit 99
# the generated zone, drifted (lib.sh: walkthrough_drifted)
walkthrough_drifted "$TMP/contoso.com.db"
start_named_zone "$TMP" "$PORT" "$TMP/contoso.com.db" sipdns-plan

V="--view internal --no-recurse --server internal=127.0.0.1:$PORT --timeout 1000 --tries 3"
axfr() {
	dig +noall +answer +nocmd -p "$PORT" @127.0.0.1 contoso.com AXFR |
	awk '$4 != "SOA" {$1=$1; print tolower($0)}' | sort -u
}
rc_is() {  # WANT GOT WHAT
	[ "$2" -eq "$1" ] && pass "$3 (exit $2)" || fail "$3: exit $2, want $1"
}
send() {   # nsupdate a plan; BIND still busy loading answers SERVFAIL, or
	   # busy writing its journal does not answer in time: again (a plan
	   # that did apply fails its prerequisites on the second send, and
	   # the checks after each send look at the zone itself)
	for try in 1 2 3 4 5; do
		nsupdate -k "$TMP/key.conf" "$1" > "$2" 2>&1; rc=$?
		[ $rc -ne 0 ] && grep -q 'SERVFAIL\|timed out' "$2" || break
		sleep 1
	done
	return $rc
}

# a BIND still busy with the freshly loaded zone answers SERVFAIL (seen
# on a loaded machine): verify says so with exit 3; ask again
for try in 1 2 3 4 5; do
	"$SIPDNS" verify $V "$W" > "$TMP/v0.txt"; rc=$?
	[ $rc -eq 3 ] || break
	echo "note: verify could not verify yet (try $try); again in 1 s"
	sleep 1
done
rc_is 1 $rc "verify sees the drift"

# without --prune the stale SRV is kept and listed; report stays on stdout
"$SIPDNS" verify $V --plan-file "$TMP/keep.nsupdate" "$W" > "$TMP/v1.txt"; rc=$?
rc_is 1 $rc "verify --plan-file exits with verify's verdict"
grep -q 'want: cwa01.contoso.com. 3600 IN A 10.0.0.20' "$TMP/v1.txt" && pass "the report stays on stdout with --plan-file" || fail "no report with --plan-file"
grep -q '^; kept: _sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool' "$TMP/keep.nsupdate" &&
	pass "without --prune the stale SRV is kept and listed" || { fail "stale SRV not listed as kept"; cat "$TMP/keep.nsupdate"; }
grep -q 'update delete _sipinternaltls' "$TMP/keep.nsupdate" && fail "stale SRV deleted without --prune" || pass "no delete of the stale SRV without --prune"

"$SIPDNS" verify $V --plan nsupdate --prune "$W" > "$TMP/plan.nsupdate"; rc=$?
rc_is 1 $rc "verify --plan exits with verify's verdict"
grep -q '^prereq yxrrset cwa01.contoso.com. IN A 10.0.0.21$' "$TMP/plan.nsupdate" && pass "prerequisite: the set as seen" || { fail "no yxrrset prerequisite"; cat "$TMP/plan.nsupdate"; }
grep -q '^prereq nxdomain webconf.contoso.com.$' "$TMP/plan.nsupdate" && pass "prerequisite: the name did not exist" || fail "no nxdomain prerequisite"
grep -q 'update delete ocs01' "$TMP/plan.nsupdate" && fail "a self-registered address would be deleted" || pass "self-registered addresses are not deleted"
grep -q 'want:\|got:' "$TMP/plan.nsupdate" && fail "the report went to stdout with --plan" || pass "--plan prints the plan instead of the report"
cp "$TMP/contoso.com.db" "$TMP/before.db"
send "$TMP/plan.nsupdate" "$TMP/u1.out" && pass "nsupdate applied the plan (TSIG)" || { fail "nsupdate failed"; cat "$TMP/u1.out"; }
"$SIPDNS" verify $V "$W" > "$TMP/v2.txt"; rc_is 0 $? "verify after the plan: in sync"
[ "$(dig +short -p "$PORT" @127.0.0.1 im.contoso.com CNAME)" = "cwa01.contoso.com." ] && pass "CNAME wanted where an A was: the A deleted, the CNAME added" || fail "im.contoso.com is not the CNAME"
[ "$(dig +short -p "$PORT" @127.0.0.1 webext.contoso.com A)" = "131.107.155.40" ] && pass "A wanted where a CNAME was: the CNAME deleted, the A added" || fail "webext.contoso.com is not the A"
dig +short -p "$PORT" @127.0.0.1 ocs01.contoso.com A | grep -q 10.0.0.11 && pass "the self-registered extra address is still there" || fail "self-registered address removed"

"$SIPDNS" verify $V --plan nsupdate --prune "$W" > "$TMP/plan2.nsupdate"; rc_is 0 $? "second plan: in sync"
grep -q '^send' "$TMP/plan2.nsupdate" && fail "second plan is not empty" || pass "second plan is empty (nothing to send)"
"$SIPDNS" verify $V --plan json "$W" > "$TMP/plan2.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["adds"]==0 and d["deletes"]==0 else 1)' "$TMP/plan2.json" && pass "json: a second plan has 0 adds and 0 deletes" || fail "json second plan"

# concurrent change: plan, then someone changes the set, then send
printf 'server 127.0.0.1 %s\nzone contoso.com.\nupdate delete cwa01.contoso.com. A\nupdate add cwa01.contoso.com. 3600 IN A 10.0.0.21\nsend\n' "$PORT" > "$TMP/drift1.txt"
send "$TMP/drift1.txt" "$TMP/d1.out" || { fail "could not drift"; cat "$TMP/d1.out"; }
"$SIPDNS" verify $V --plan nsupdate "$W" > "$TMP/plan3.nsupdate"
printf 'server 127.0.0.1 %s\nzone contoso.com.\nupdate delete cwa01.contoso.com. A\nupdate add cwa01.contoso.com. 3600 IN A 10.0.0.22\nsend\n' "$PORT" > "$TMP/drift2.txt"
send "$TMP/drift2.txt" "$TMP/d2.out" || fail "could not drift again"
axfr > "$TMP/z1"
send "$TMP/plan3.nsupdate" "$TMP/u3.out" && fail "a stale plan was applied" || {
	grep -q NXRRSET "$TMP/u3.out" && pass "a zone changed since the plan: the prerequisite fails (NXRRSET)" || { fail "failed oddly"; cat "$TMP/u3.out"; }
}
axfr > "$TMP/z2"
cmp -s "$TMP/z1" "$TMP/z2" && pass "and nothing changed" || { fail "the stale plan changed the zone"; diff "$TMP/z1" "$TMP/z2"; }

# a CNAME wanted where only data sipdns does not ask for is: refused
printf 'server 127.0.0.1 %s\nzone contoso.com.\nupdate delete as.im.contoso.com. CNAME\nupdate add as.im.contoso.com. 3600 IN TXT "hand-made"\nsend\n' "$PORT" > "$TMP/txt.txt"
send "$TMP/txt.txt" "$TMP/t.out" || fail "could not plant a TXT"
"$SIPDNS" verify $V --plan nsupdate "$W" > "$TMP/plan4.nsupdate"
grep -q '^; as.im.contoso.com. CNAME: refused: ' "$TMP/plan4.nsupdate" && pass "CNAME beside unseen data refused with a message" || { fail "CNAME not refused"; cat "$TMP/plan4.nsupdate"; }
grep -q 'update add as.im.contoso.com' "$TMP/plan4.nsupdate" && fail "the refused CNAME is in the update" || pass "the refused CNAME is not in the update"
send "$TMP/plan4.nsupdate" "$TMP/u4.out" && pass "the rest of that plan applies" || { fail "plan 4 failed"; cat "$TMP/u4.out"; }
[ "$(dig +short -p "$PORT" @127.0.0.1 cwa01.contoso.com A)" = "10.0.0.20" ] && pass "and brought cwa01 back" || fail "cwa01 not fixed"
dig +short -p "$PORT" @127.0.0.1 as.im.contoso.com TXT | grep -q hand-made && pass "the unseen TXT is untouched" || fail "TXT removed"

# diff of a transferred zone makes the same kind of plan
dig +noall +answer +nocmd -p "$PORT" @127.0.0.1 contoso.com AXFR > "$TMP/internal.zone.txt"
mkdir -p "$TMP/internal" && mv "$TMP/internal.zone.txt" "$TMP/internal/contoso.com.zone"
"$SIPDNS" diff --plan markdown "$W" "$TMP/internal/contoso.com.zone" > "$TMP/plan.md"; rc=$?
rc_is 1 $rc "diff --plan exits with diff's verdict"
grep -q 'refused: as.im.contoso.com. exists' "$TMP/plan.md" && pass "markdown plan from diff lists the refusal" || { fail "markdown plan"; cat "$TMP/plan.md"; }
"$SIPDNS" verify $V --plan bogus "$W" > /dev/null 2>&1; rc_is 2 $? "an unknown plan format is a usage error"
finish
