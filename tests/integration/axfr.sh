#!/bin/sh
# axfr.sh -- sipdns diff --axfr against a real BIND on 127.0.0.1 that
# allows zone transfers only with a TSIG key (tsig-keygen): the right key
# compares (in sync, then drift found); a wrong secret, an unknown key
# name and no key are each a clear error with exit 3, never an empty zone;
# the secret is in no output, no diagnostic and no server log line sipdns
# caused, and never on sipdns's command line.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
NAMED=$(command -v named || echo /usr/sbin/named)
[ -x "$NAMED" ] || skip "needs named (bind9)"
command -v tsig-keygen >/dev/null || [ -x /usr/sbin/tsig-keygen ] || skip "needs tsig-keygen (bind9-utils)"
command -v dig >/dev/null || skip "needs dig"
PATH=$PATH:/usr/sbin
B=$TMP/bind
mkdir -p "$B"
tsig-keygen -a hmac-sha256 sipdns-xfr > "$B/key.conf"
tsig-keygen -a hmac-sha256 sipdns-xfr > "$TMP/wrong.key"     # same name, other secret
tsig-keygen -a hmac-sha256 nobody-key > "$TMP/unknown.key"   # a name BIND does not know
chmod 600 "$B/key.conf" "$TMP/wrong.key" "$TMP/unknown.key"
SECRET=$(sed -n 's/.*secret "\(.*\)";.*/\1/p' "$B/key.conf")
[ -n "$SECRET" ] || { echo "no secret in the key file"; exit 99; }
"$SIPDNS" generate -q -o "$TMP/gen" "$W" || exit 99

# start_named ZONEFILE: BIND serving contoso.com from ZONEFILE on a free
# port (into $P), transfers with the key only; stopped by the trap. The
# machine is shared: a port taken between free_port and named's bind
# makes named say so in its log; then another port (three tries).
start_named() {
	cp "$1" "$B/contoso.com.zone"
	for _try in 1 2 3; do
		P=$(free_port)
		: > "$B/named.log"
		named_conf
		"$NAMED" -f -c "$B/named.conf" > "$B/named.out" 2>&1 &
		NAMED_PID=$!
		PIDS="$PIDS $NAMED_PID"
		for _ in $(seq 100); do
			grep -q "running$" "$B/named.log" 2>/dev/null && break
			kill -0 "$NAMED_PID" 2>/dev/null || break
			sleep 0.1
		done
		if grep -q "running$" "$B/named.log" && ! grep -qi "address in use\|could not listen" "$B/named.log" &&
		   wait_soa "$P" contoso.com 10; then return 0; fi
		stop_named
	done
	echo "named did not start:"; tail "$B/named.out" "$B/named.log"; exit 99
}
named_conf() {
	cat > "$B/named.conf" <<CONF
options {
	directory "$B";
	listen-on port $P { 127.0.0.1; };
	listen-on-v6 { none; };
	pid-file "$B/named.pid";
	session-keyfile "$B/session.key";
	managed-keys-directory "$B";
	recursion no;
	dnssec-validation no;
	allow-transfer { none; };
};
controls { };
include "$B/key.conf";
logging { channel l { file "$B/named.log"; severity debug 3; print-time yes; }; category default { l; }; category xfer-out { l; }; };
zone "contoso.com" { type primary; file "$B/contoso.com.zone"; allow-transfer { key sipdns-xfr; }; };
CONF
}
stop_named() { kill "$NAMED_PID" 2>/dev/null; wait "$NAMED_PID" 2>/dev/null; cat "$B/named.log" >> "$TMP/named-all.log"; }
# every output of every run, for the secret check at the end
keep() { cat "$TMP/out" "$TMP/err" >> "$TMP/all-output"; }

start_named "$TMP/gen/internal/contoso.com.zone"
expect_rc 0 "axfr: the right key: compared, in sync" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$B/key.conf" "$W"; keep
expect_in "$TMP/out" "14 records expected: 14 in sync" "axfr: every record of the transferred zone compared"
expect_rc 0 "axfr: --zone picks the zone" -- "$SIPDNS" diff -f json --axfr "127.0.0.1:$P" --view internal --zone contoso.com. --tsig-file "$B/key.conf" "$W"; keep
expect_in "$TMP/out" '"status": "in_sync"' "axfr: json says in sync"

expect_rc 3 "axfr: a wrong secret is an error" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$TMP/wrong.key" "$W"; keep
expect_in "$TMP/err" "127.0.0.1:$P: error: zone transfer (AXFR) of contoso.com signed with the key sipdns-xfr failed: the server said NOTAUTH, TSIG error BADSIG" "axfr: the wrong secret named (BADSIG)"
grep -q "in sync" "$TMP/out" && fail "axfr: in sync printed after a refused transfer" || pass "axfr: nothing compared after BADSIG"
expect_rc 3 "axfr: an unknown key name is an error" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$TMP/unknown.key" "$W"; keep
expect_in "$TMP/err" "TSIG error BADKEY" "axfr: the unknown key named (BADKEY)"
expect_rc 3 "axfr: no key where one is required is an error" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal "$W"; keep
expect_in "$TMP/err" "of contoso.com without a key failed: the server said REFUSED" "axfr: the refusal named (REFUSED)"
expect_in "$TMP/err" "--tsig-file FILE" "axfr: the refusal says how to sign"
[ -s "$TMP/out" ] && fail "axfr: a report printed after a refused transfer" || pass "axfr: no report after REFUSED"
# usage errors: exit 2
expect_rc 2 "axfr: --axfr without --view" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" "$W"; keep
expect_rc 2 "axfr: --axfr with zone files" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal "$W" "$TMP/gen/internal/contoso.com.zone"; keep
expect_rc 2 "axfr: --tsig-file without --axfr" -- "$SIPDNS" diff --tsig-file "$B/key.conf" "$W" "$TMP/gen/internal/contoso.com.zone"; keep
expect_rc 2 "axfr: a zone not in the view" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --zone fabrikam.net "$W"; keep
printf 'key "k" { algorithm hmac-sha3; secret "%s"; };\n' "$SECRET" > "$TMP/badalg.key"; chmod 600 "$TMP/badalg.key"
expect_rc 2 "axfr: a key file with an unknown algorithm" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$TMP/badalg.key" "$W"; keep
expect_in "$TMP/err" "badalg.key:1:21: error: unsupported TSIG algorithm: use one of" "axfr: the bad key file named at line:col"
stop_named

# drift in the served zone is found through the transfer
sed 's/^edge01\(.*\)172.25.33.10$/edge01\1172.25.33.99/' "$TMP/gen/internal/contoso.com.zone" > "$TMP/drift.zone"
start_named "$TMP/drift.zone"
expect_rc 1 "axfr: drift found through the transfer" -- "$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$B/key.conf" "$W"; keep
expect_in "$TMP/out" "got:  edge01.contoso.com. 3600 IN A 172.25.33.99" "axfr: the drifted record shown"
# the secret goes to ldns only: not in argv (ps), not in what sipdns wrote
"$SIPDNS" diff --axfr "127.0.0.1:$P" --view internal --tsig-file "$B/key.conf" "$W" > /dev/null 2>&1 &
SP=$!
tr '\0' ' ' < "/proc/$SP/cmdline" > "$TMP/cmdline" 2>/dev/null
wait "$SP"
stop_named
grep -qF "$SECRET" "$TMP/cmdline" && fail "axfr: the secret is on the command line" || pass "axfr: the secret is not on the command line"
grep -qF "$SECRET" "$TMP/all-output" && fail "axfr: the secret is in sipdns's output" || pass "axfr: the secret is in no output or diagnostic"
grep -qF "$SECRET" "$TMP/named-all.log" "$B/named.out" && fail "axfr: the secret is in the server's log" || pass "axfr: the secret is in no server log"
grep -q "key sipdns-xfr (contoso.com): transfer of 'contoso.com/IN': AXFR started: TSIG sipdns-xfr" "$TMP/named-all.log" && pass "axfr: the server's log shows the signed transfers" || fail "axfr: the server's log does not show the key"
# a server that answers the signed request with an unsigned transfer
# (badns.py): refused, exit 3, nothing compared; unsigned asked, it is read
PB=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" axfr-unsigned "$PB" 1 > "$TMP/badns.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/badns.out" || { echo "badns.py did not start"; exit 99; }
expect_rc 3 "axfr: an unsigned answer to a signed transfer" -- "$SIPDNS" diff --axfr "127.0.0.1:$PB" --view internal --tsig-file "$B/key.conf" "$W"
expect_in "$TMP/err" "answered the signed request without a TSIG signature" "axfr: the unsigned answer named; nothing compared"
expect_rc 1 "axfr: the same transfer asked without a key is compared" -- "$SIPDNS" diff --axfr "127.0.0.1:$PB" --view internal "$W"
finish
