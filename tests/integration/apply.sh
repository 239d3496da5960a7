#!/bin/sh
# apply.sh -- sipdns apply against a real BIND on 127.0.0.1 with a TSIG
# key allowing update: refusals before sending (no key, the threshold),
# the dry run, a wrong key, an unknown key, no key where one is required,
# a zone changed between the plan and the send (--confirm holds the send
# while nsupdate changes the zone: the prerequisite fails, nothing
# changes), an interrupt at that point, then the drifted zone brought in
# sync (CNAME conflicts both ways) and a second apply that changes
# nothing. The secret is never in any output. knsupdate with the key
# converted as the README says, when knot-dnsutils is installed.
. "$top_srcdir/tests/integration/lib.sh"
# the docs first (no server needed): every option of apply --help is an
# option item of the man page and in README.md
"$SIPDNS" apply --help > "$TMP/help" || fail "apply --help failed"
awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$top_srcdir/src/cli/sipdns.1" |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g' -e 's/^\.[A-Z]* //' > "$TMP/items"
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$TMP/help" | sort -u); do
	grep -qE -- "(^|[ ,])$opt( |,|\$)" "$TMP/items" || fail "apply $opt: not an option item of the man page"
	[ "$opt" = --help ] || grep -qF -- "\`$opt" "$top_srcdir/README.md" || fail "apply $opt: not in README.md"
done
grep -q '^\.SH APPLY OPTIONS' "$top_srcdir/src/cli/sipdns.1" && pass "apply's options are in the man page and README" || fail "no APPLY OPTIONS in the man page"
for c in named nsupdate dig tsig-keygen; do
	command -v $c >/dev/null || [ -x /usr/sbin/$c ] || skip "needs $c (bind9, bind9-utils, bind9-dnsutils)"
done
PATH=$PATH:/usr/sbin
PORT=$(free_port)
W=$top_srcdir/zones/walkthrough.yaml
umask 077
tsig-keygen -a hmac-sha256 sipdns-apply > "$TMP/key.conf" || exit 99
SECRET=$(sed -n 's/.*secret "\(.*\)".*/\1/p' "$TMP/key.conf")
[ -n "$SECRET" ] || exit 99
# the same key name with another secret; a key the server does not know
sed "s|$SECRET|$(tsig-keygen -a hmac-sha256 x | sed -n 's/.*secret "\(.*\)".*/\1/p')|" "$TMP/key.conf" > "$TMP/wrong.conf"
tsig-keygen -a hmac-sha256 unknown-key > "$TMP/unknown.conf" || exit 99
cmp -s "$TMP/key.conf" "$TMP/wrong.conf" && exit 99
# drifted as in plan.sh (lib.sh: walkthrough_drifted)
walkthrough_drifted "$TMP/contoso.com.db"
start_named_zone "$TMP" "$PORT" "$TMP/contoso.com.db" sipdns-apply

S="--server 127.0.0.1:$PORT --view internal"
K="--tsig-file $TMP/key.conf"
axfr() {
	dig +noall +answer +nocmd -p "$PORT" @127.0.0.1 contoso.com AXFR |
	awk '$4 != "SOA" {$1=$1; print tolower($0)}' | sort -u
}
rc_is() {  # WANT GOT WHAT
	[ "$2" -eq "$1" ] && pass "$3 (exit $2)" || fail "$3: exit $2, want $1"
}
unchanged() {  # WHAT: the zone is as it was at the last snapshot
	axfr > "$TMP/now"
	cmp -s "$TMP/snap" "$TMP/now" && pass "$1: the zone is unchanged" ||
		{ fail "$1: the zone changed"; diff "$TMP/snap" "$TMP/now" | head; }
}
# a BIND still busy loading answers SERVFAIL (verify: exit 3): again
for try in 1 2 3 4 5; do
	"$SIPDNS" verify --no-recurse --server internal=127.0.0.1:$PORT --view internal "$W" > "$TMP/v0.txt"; rc=$?
	[ $rc -eq 3 ] || break
	sleep 1
done
rc_is 1 $rc "verify sees the drift"
axfr > "$TMP/snap"

# refused before sending
"$SIPDNS" apply $S "$W" > "$TMP/o1" 2> "$TMP/e1"; rc_is 2 $? "no --tsig-file, no --insecure-update: refused"
grep -q 'refused: no --tsig-file.*nothing was sent' "$TMP/e1" && pass "and says so" || { fail "no refusal message"; cat "$TMP/e1"; }
unchanged "refused without a key"
"$SIPDNS" apply $S $K --max-change 10 "$W" > "$TMP/o2" 2> "$TMP/e2"; rc_is 4 $? "over --max-change: refused"
grep -q 'refused: the plan deletes 3 of the 14 managed records (21 %), more than --max-change 10 %: nothing was sent' "$TMP/e2" &&
	pass "the threshold refusal says the figures" || { fail "threshold message"; cat "$TMP/e2"; }
unchanged "the threshold refusal"
"$SIPDNS" apply $S $K --max-change 10 --dry-run "$W" > "$TMP/o3" 2> "$TMP/e3"; rc_is 1 $? "--dry-run exits as verify"
grep -q '^prereq yxrrset cwa01.contoso.com. IN A 10.0.0.21$' "$TMP/o3" && grep -q "^server 127.0.0.1 $PORT\$" "$TMP/o3" &&
	pass "--dry-run prints the nsupdate plan for the server" || { fail "dry run plan"; cat "$TMP/o3"; }
grep -q 'apply would refuse it without --force' "$TMP/e3" && grep -q 'nothing was sent' "$TMP/e3" &&
	pass "--dry-run says the threshold would refuse" || { fail "dry run threshold note"; cat "$TMP/e3"; }
"$SIPDNS" apply $S --dry-run --plan json "$W" > "$TMP/o3j" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["deletes"]==3 and d["adds"]==4 else 1)' "$TMP/o3j" &&
	pass "--dry-run --plan json: 3 deletes, 4 adds" || fail "--dry-run --plan json"
unchanged "the dry run"

# the server says no
"$SIPDNS" apply $S --tsig-file "$TMP/wrong.conf" "$W" > "$TMP/o4" 2> "$TMP/e4"; rc_is 3 $? "a wrong secret"
grep -q '^internal contoso.com: 3 to delete, 4 to add: NOTAUTH BADSIG: TSIG failure: .*nothing was changed$' "$TMP/o4" &&
	pass "a wrong secret: TSIG failure, BADSIG named" || { fail "wrong key message"; cat "$TMP/o4" "$TMP/e4"; }
unchanged "a wrong secret"
"$SIPDNS" apply $S --tsig-file "$TMP/unknown.conf" "$W" > "$TMP/o5" 2> "$TMP/e5"; rc_is 3 $? "a key the server does not know"
grep -q 'NOTAUTH BADKEY: TSIG failure: the server does not know this key name' "$TMP/o5" &&
	pass "an unknown key: BADKEY named" || { fail "unknown key message"; cat "$TMP/o5"; }
unchanged "an unknown key"
"$SIPDNS" apply $S --insecure-update "$W" > "$TMP/o6" 2> "$TMP/e6"; rc_is 3 $? "unsigned where a key is required"
grep -q '^internal contoso.com: 3 to delete, 4 to add: REFUSED: the server refused the update' "$TMP/o6" &&
	pass "unsigned: REFUSED named" || { fail "REFUSED message"; cat "$TMP/o6"; }
unchanged "unsigned"

# a zone changed between the plan and the send: --confirm holds the send
# until 'yes' comes on stdin; nsupdate changes the zone meanwhile
confirm_run() {  # OUT ERR, then the test acts, then feeds $ANSWER
	rm -f "$TMP/in"; mkfifo "$TMP/in" || exit 99
	"$SIPDNS" apply $S $K --confirm "$W" < "$TMP/in" > "$1" 2> "$2" &
	APID=$!
	exec 3> "$TMP/in"
	for i in $(seq 1 300); do
		grep -q 'type yes' "$2" && break
		kill -0 $APID 2>/dev/null || break
		sleep 0.1
	done
	grep -q 'type yes' "$2" || { fail "no prompt"; cat "$2"; }
}
confirm_run "$TMP/o7" "$TMP/e7"
grep -q '^prereq yxrrset cwa01.contoso.com. IN A 10.0.0.21$' "$TMP/o7" && pass "--confirm shows the plan first" || fail "--confirm shows no plan"
printf 'server 127.0.0.1 %s\nzone contoso.com.\nupdate delete cwa01.contoso.com. A\nupdate add cwa01.contoso.com. 3600 IN A 10.0.0.22\nsend\n' "$PORT" > "$TMP/drift.txt"
nsupdate -k "$TMP/key.conf" "$TMP/drift.txt" > "$TMP/d.out" 2>&1 || { fail "could not change the zone"; cat "$TMP/d.out"; }
axfr > "$TMP/snap"
echo yes >&3; exec 3>&-
wait $APID; rc_is 3 $? "the zone changed between plan and send"
grep -q '^internal contoso.com: 3 to delete, 4 to add: NXRRSET: the zone changed since the plan .*nothing was changed' "$TMP/o7" &&
	pass "the prerequisite fails: NXRRSET, the zone changed since the plan" || { fail "NXRRSET message"; cat "$TMP/o7" "$TMP/e7"; }
unchanged "the prerequisite failed"

# interrupted while asking: nothing sent
confirm_run "$TMP/o8" "$TMP/e8"
kill -INT $APID; exec 3>&-
wait $APID; rc_is 3 $? "interrupted before the first update"
grep -q 'interrupted: no further update was sent; contoso.com: not sent' "$TMP/e8" &&
	pass "the interrupt says which zone was not sent" || { fail "interrupt message"; cat "$TMP/e8"; }
unchanged "interrupted"

# apply: without --prune the stale SRV stays (verify then still finds it)
"$SIPDNS" apply $S $K "$W" > "$TMP/o9" 2> "$TMP/e9"; rc_is 1 $? "apply without --prune: applied, the kept SRV is drift"
grep -q '^internal contoso.com: 3 to delete, 4 to add: NOERROR: applied$' "$TMP/o9" && pass "NOERROR: applied" || { fail "apply"; cat "$TMP/o9" "$TMP/e9"; }
grep -q 'unexpected.*_sipinternaltls._tcp.contoso.com' "$TMP/o9" && pass "the verify after it names the kept SRV" || { fail "no verify after apply"; cat "$TMP/o9"; }
"$SIPDNS" apply $S $K --prune "$W" > "$TMP/o10" 2> "$TMP/e10"; rc_is 0 $? "apply --prune: in sync"
grep -q '^internal contoso.com: 1 to delete, 0 to add: NOERROR: applied$' "$TMP/o10" && pass "the stale SRV deleted" || { fail "prune"; cat "$TMP/o10"; }
"$SIPDNS" verify --no-recurse --server internal=127.0.0.1:$PORT --view internal "$W" > "$TMP/v1.txt"; rc_is 0 $? "verify after apply: in sync"
[ "$(dig +short -p "$PORT" @127.0.0.1 im.contoso.com CNAME)" = "cwa01.contoso.com." ] && pass "CNAME wanted where an A was: done" || fail "im.contoso.com is not the CNAME"
[ "$(dig +short -p "$PORT" @127.0.0.1 webext.contoso.com A)" = "131.107.155.40" ] && pass "A wanted where a CNAME was: done" || fail "webext.contoso.com is not the A"
dig +short -p "$PORT" @127.0.0.1 ocs01.contoso.com A | grep -q 10.0.0.11 && pass "the self-registered extra address is still there" || fail "self-registered address removed"
axfr > "$TMP/snap"
"$SIPDNS" apply $S $K --prune "$W" > "$TMP/o11" 2> "$TMP/e11"; rc_is 0 $? "a second apply"
grep -q '^internal contoso.com: 0 changes: nothing sent$' "$TMP/o11" && pass "a second apply: 0 changes" || { fail "second apply"; cat "$TMP/o11"; }
unchanged "a second apply"

# the secret in no output, no log
if grep -rqF -- "$SECRET" "$TMP"/o* "$TMP"/e*; then fail "the secret is in an output"; else pass "the secret is in no output"; fi

# Knot's knsupdate: the tsig-keygen file converted (README "sipdns apply")
if command -v knsupdate >/dev/null; then
	awk -F'"' '/^key /{n=$2} /algorithm/{a=$0; sub(/.*algorithm[ \t]*/,"",a); sub(/;.*/,"",a)} /secret/{s=$2} END{print a ":" n ":" s}' "$TMP/key.conf" > "$TMP/key.knot"
	printf 'server 127.0.0.1 %s\nzone contoso.com.\nupdate add knot-test.contoso.com. 300 IN TXT "knsupdate"\nsend\n' "$PORT" > "$TMP/k.txt"
	knsupdate -k "$TMP/key.conf" "$TMP/k.txt" > /dev/null 2>&1 && fail "knsupdate reads the tsig-keygen file as it is: the README's conversion is not needed" || pass "knsupdate refuses the tsig-keygen file (as libraries.md says)"
	knsupdate -k "$TMP/key.knot" "$TMP/k.txt" > "$TMP/k.out" 2>&1 && dig +short -p "$PORT" @127.0.0.1 knot-test.contoso.com TXT | grep -q knsupdate &&
		pass "knsupdate sends with the converted key" || { fail "knsupdate with the converted key"; cat "$TMP/k.out"; }
else
	fail "knsupdate not found: install knot-dnsutils (tests/debian-packages) to test the README's key conversion"
fi
finish
