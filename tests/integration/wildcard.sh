#!/bin/sh
# wildcard.sh -- verify against a real NSD whose zone holds a wildcard, or
# delegates a managed name to a child zone: a name answered by the
# wildcard is missing ("answered by the wildcard"), never changed nor in
# sync; a delegated name is "delegated to ...", never missing.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
Z=contoso.com.zone

# serve NAME SED [LINE]: the external zone after sed SED, plus LINE; sets PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/external" "$TMP/$1/"
	sed -i "$2" "$TMP/$1/external/$Z"
	[ -n "${3:-}" ] && printf '%s\n' "$3" >> "$TMP/$1/external/$Z"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
has_missing() {
	if grep -qE "^ +missing +av\.contoso\.com\. A$" "$TMP/out"; then pass "$1"; else fail "$1"; sed 's/^/  | /' "$TMP/out"; fi
}
V() { "$SIPDNS" verify --timeout 500 --tries 2 --view external -s "external=127.0.0.1:$PE" "$@" "$W"; }

# the A/V Edge name missing, a wildcard answers for it
serve wild '/^av\.contoso\.com\./d' '*.contoso.com. 3600 IN A 198.51.100.80'
expect_rc 1 "a wildcard answers for a missing name" -- V --no-recurse
has_missing "the wildcard's answer is missing"
expect_in "$TMP/out" "answered by the wildcard *.contoso.com: the record itself does not exist" "the wildcard named"
if grep -qE "changed|198\.51\.100\.80" "$TMP/out"; then fail "reported as changed"; sed 's/^/  | /' "$TMP/out"; else pass "not reported as changed"; fi
expect_in "$TMP/out" "10 records expected: 9 in sync" "the records that exist are in sync"
if grep -q "sipdns-nx-" "$TMP/out"; then fail "the probe was reported"; else pass "the probe is no finding"; fi
expect_rc 1 "the same without --no-recurse" -- V
expect_in "$TMP/out" "answered by the wildcard *.contoso.com" "the wildcard named (recursion desired)"

# a wildcard whose data equal the expected record's: over DNS it cannot be
# told from the record, and the clients get what they need: in sync
serve samewild '/^av\.contoso\.com\./d' '*.contoso.com. 3600 IN A 131.107.155.30'
expect_rc 0 "a wildcard equal to the expected data" -- V --no-recurse
expect_in "$TMP/out" "10 records expected: 10 in sync" "all in sync"

# no wildcard: the missing name is plainly missing
serve nowild '/^av\.contoso\.com\./d'
expect_rc 1 "no wildcard" -- V --no-recurse
has_missing "missing"
if grep -q "wildcard" "$TMP/out"; then fail "a wildcard claimed where none is"; else pass "no wildcard claimed"; fi

# the A/V Edge name delegated to a child zone
serve deleg '/^av\.contoso\.com\./d' 'av.contoso.com. 3600 IN NS ns1.av.example.'
expect_rc 3 "a delegated name, --no-recurse" -- V --no-recurse
expect_in "$TMP/out" "delegated to ns1.av.example." "delegated"
if grep -qE "^ +(missing|changed) " "$TMP/out"; then fail "a delegated name reported as drift"; else pass "delegated: never missing"; fi
expect_rc 3 "a delegated name, recursion desired" -- V
expect_in "$TMP/out" "delegated to ns1.av.example." "delegated (recursion desired)"
finish
