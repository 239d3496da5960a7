#!/bin/sh
# absence.sh -- names that must not exist (the product profile's list),
# asked of a real NSD by verify and read from zone files by diff: a present
# one is "unexpected" with its reason and what to do; absence is fine and
# counts nowhere; nothing else is judged.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml   # tcp_allowed: false, no fallback names
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
Z=contoso.com.zone

# serve NAME LINES...: the internal zone plus LINES; sets PI
serve() {
	n=$1; shift
	mkdir -p "$TMP/$n"; cp -r "$TMP/good/internal" "$TMP/$n/"
	for l in "$@"; do printf '%s\n' "$l" >> "$TMP/$n/internal/$Z"; done
	PI=$(free_port); start_nsd "$TMP/$n/internal" "$PI"
}
V() { "$SIPDNS" verify --no-recurse --timeout 500 --tries 2 --view internal -s "internal=127.0.0.1:$PI" "$@" "$W"; }
unexpected() { # unexpected NAME TYPE DESCRIPTION: a finding line in $TMP/out
	if grep -qE "^ +unexpected +$1 $2\$" "$TMP/out"; then pass "$3"; else fail "$3"; sed 's/^/  | /' "$TMP/out"; fi
}

"$SIPDNS" verify --print-questions --view internal "$W" > "$TMP/q" 2>&1
for q in "_sipinternal._tcp.contoso.com. SRV" "_sip._tls.contoso.com. SRV" "sip.contoso.com. A" \
	 "sipinternal.contoso.com. A" "sipexternal.contoso.com. A"; do
	expect_in "$TMP/q" "$q" "--print-questions: $q"
done
# the wildcard probes verify sends come last: A and AAAA at a random name
# under each internal zone asked (contoso.com only here)
if tail -2 "$TMP/q" | grep -cE '^sipdns-nx-[0-9a-f]{16}\.contoso\.com\. (A|AAAA)$' | grep -qx 2; then
	pass "--print-questions: the wildcard probes last"
else
	fail "--print-questions: the wildcard probes last"; tail -3 "$TMP/q"
fi
if grep -q "_sipfederationtls" "$TMP/q"; then fail "federation SRV asked internally"; else pass "federation SRV not judged internally"; fi

serve clean
expect_rc 0 "absent names are fine" -- V
expect_in "$TMP/out" "14 records expected: 14 in sync, 0 wrong, 0 TTL only, 0 unverified; extra findings: 0 unexpected" "absence counts nowhere"

serve stale '_sipinternal._tcp.contoso.com. 3600 IN SRV 0 0 5060 oldpool.contoso.com.' \
	'_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.' \
	'sip.contoso.com. 3600 IN A 131.107.155.10' \
	'sipinternal.contoso.com. 3600 IN A 10.0.0.10' \
	'www.contoso.com. 3600 IN A 10.0.0.99'
expect_rc 1 "stale names that must not exist" -- V
unexpected "_sipinternal._tcp.contoso.com." SRV "stale TCP sign-in SRV unexpected"
expect_in "$TMP/out" "automatic sign-in over TCP, but TCP is not allowed [S1.3-3]" "its reason and fact"
expect_in "$TMP/out" "delete it: " "what to do"
unexpected "_sip._tls.contoso.com." SRV "remote-access SRV inside unexpected"
expect_in "$TMP/out" "remote-access SRV in the internal view [S1.3-P]" "its reason and fact"
unexpected "sip.contoso.com." A "sip.<sip> at the Edge inside unexpected"
if grep -qE "sipinternal\.contoso\.com\." "$TMP/out"; then fail "a fallback name at the sign-in pool reported"; else pass "a fallback name at the sign-in pool is fine"; fi
if grep -q "www.contoso.com" "$TMP/out"; then fail "a name outside the lists judged"; else pass "nothing else judged"; fi
expect_in "$TMP/out" "14 records expected: 14 in sync" "managed records still in sync"

# the same questions flow through diff
cp "$TMP/stale/internal/$Z" "$TMP/stale.zone"
mkdir -p "$TMP/dz/internal"; cp "$TMP/stale/internal/$Z" "$TMP/dz/internal/$Z"
expect_rc 1 "diff: a zone file holding names that must not exist" -- "$SIPDNS" diff "$W" "$TMP/dz/internal/$Z"
unexpected "_sipinternal._tcp.contoso.com." SRV "diff: stale TCP sign-in SRV unexpected"
expect_in "$TMP/out" "automatic sign-in over TCP, but TCP is not allowed [S1.3-3]" "diff: its reason and fact"
unexpected "_sip._tls.contoso.com." SRV "diff: remote-access SRV inside unexpected"
mkdir -p "$TMP/dg/internal"; cp "$TMP/good/internal/$Z" "$TMP/dg/internal/$Z"
expect_rc 0 "diff: absent names are fine" -- "$SIPDNS" diff "$W" "$TMP/dg/internal/$Z"
expect_in "$TMP/out" "14 records expected: 14 in sync, 0 wrong, 0 TTL only, 0 unverified; extra findings: 0 unexpected" "diff: absence counts nowhere"
finish
