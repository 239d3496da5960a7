#!/bin/sh
# diff.sh -- sipdns diff: zone files against the topology. Never in sync on
# nothing (an empty file, a refused transfer saved by dig from a real NSD,
# a file without its SOA, a zone its view does not hold); every file in its
# own view; wildcards and delegations in the files said as such.
. "$top_srcdir/tests/integration/lib.sh"
Z=$top_srcdir/zones
W=$Z/walkthrough.yaml
# diff: zone files against the topology
rm -rf "$TMP/d"; "$SIPDNS" generate -q -o "$TMP/d" "$Z/walkthrough.yaml"
expect_rc 0 "diff: generated zones are in sync" -- "$SIPDNS" diff "$Z/walkthrough.yaml" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/out" "14 records expected: 14 in sync" "diff: every internal record compared"
sed -i 's/^_sipinternaltls._tcp.contoso.com.*/_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com./' "$TMP/d/internal/contoso.com.zone"
expect_rc 1 "diff: a changed SRV" -- "$SIPDNS" diff -f json "$Z/walkthrough.yaml" "$TMP/d/internal/contoso.com.zone"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; assert len(f)==1 and f[0]["kind"]=="changed" and f[0]["got"]==["_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com."]' "$TMP/out" && pass "diff: exactly the changed SRV" || fail "diff: findings differ"
printf '$ORIGIN contoso.com.\nocs01 IN A 10.0.0.300\n' > "$TMP/d/internal/bad.zone"
# (ldns leaks what it read of a broken zone: full stacks let LSan's
# suppression see that it is ldns's, tests/lsan.supp)
expect_rc 2 "diff: a broken zone file" -- env ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 "$SIPDNS" diff "$Z/walkthrough.yaml" "$TMP/d/internal/bad.zone"
expect_in "$TMP/err" "bad.zone:2: error:" "diff: broken zone file positioned"
# a second SOA: refused with its line (ldns 1.8's zone reader would read
# freed memory on the record after it; the fuzzer found that)
printf '@ IN SOA ns. host. 1 2 3 4 5\n@ IN SOA ns. host. 1 2 3 4 5\nwww IN A 10.0.0.1\n' > "$TMP/d/internal/contoso.com.zone"
expect_rc 2 "diff: a second SOA" -- "$SIPDNS" diff "$Z/walkthrough.yaml" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/err" "contoso.com.zone:2: error: a second SOA record" "diff: a second SOA positioned"
# ... but a saved zone transfer ends with the first SOA again: that is read
{ cat "$Z/walkthrough/internal/contoso.com.zone"
  echo 'contoso.com. 3600 IN SOA dc01.contoso.com. hostmaster.contoso.com. 2026010100 3600 900 1209600 3600'
} > "$TMP/d/internal/contoso.com.zone"
expect_rc 0 "diff: a zone transfer's closing SOA" -- "$SIPDNS" diff "$Z/walkthrough.yaml" "$TMP/d/internal/contoso.com.zone"
expect_rc 2 "diff: a directory is refused, not read forever" -- "$SIPDNS" diff --view internal "$Z/walkthrough.yaml" "$TMP"
expect_rc 2 "diff: view unknown" -- "$SIPDNS" diff "$Z/walkthrough.yaml" "$Z/walkthrough/internal/../walkthrough.yaml"

# json_check FILE STATUS PYTHON-EXPR DESCRIPTION: the JSON report's status,
# and the expression (of the findings list f) holds
json_check() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d["findings"]; assert d["status"]==sys.argv[2], d["status"]; assert eval(sys.argv[3]), f' "$1" "$2" "$3" && pass "$4" || fail "$4"
}

# nothing to compare: exit 2, never in sync, and what it means
rm -rf "$TMP/d"; "$SIPDNS" generate -q -o "$TMP/d" "$W"
: > "$TMP/d/internal/contoso.com.zone"
expect_rc 2 "diff: an empty file is an error" -- "$SIPDNS" diff -f json "$W" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/err" "contoso.com.zone: error: no records: an empty file or a failed transfer?" "diff: an empty file is said to be one"
grep -q in_sync "$TMP/out" && fail "diff: an empty file printed in_sync" || pass "diff: no in_sync for an empty file"
printf '$ORIGIN contoso.com.\nsip 3600 IN A 10.0.0.10\n' > "$TMP/d/internal/contoso.com.zone"
expect_rc 2 "diff: a .zone file without its SOA" -- "$SIPDNS" diff "$W" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/err" "error: no SOA record" "diff: the missing SOA is said"
# a .frag is records only: no SOA needed, and its records are compared
grep -v SOA "$Z/walkthrough/internal/contoso.com.zone" | sed '/^\t\t[0-9]/d' > "$TMP/d/internal/contoso.com.frag"
expect_rc 0 "diff: a .frag needs no SOA" -- "$SIPDNS" diff "$W" "$TMP/d/internal/contoso.com.frag"
expect_in "$TMP/out" "14 records expected: 14 in sync" "diff: a .frag's records compared"
: > "$TMP/d/internal/contoso.com.frag"
expect_rc 2 "diff: an empty .frag is an error" -- "$SIPDNS" diff "$W" "$TMP/d/internal/contoso.com.frag"
expect_in "$TMP/err" "an empty file or a failed transfer?" "diff: an empty .frag is said to be one"

# a refused zone transfer, saved by dig from a real NSD (no provide-xfr)
if command -v dig >/dev/null && { command -v nsd >/dev/null || [ -x /usr/sbin/nsd ]; }; then
	mkdir -p "$TMP/ns"; cp "$TMP/d/external/contoso.com.zone" "$TMP/ns/"
	P=$(free_port); start_nsd "$TMP/ns" "$P"
	mkdir -p "$TMP/axfr/external"
	dig +time=2 +tries=1 -p "$P" @127.0.0.1 contoso.com AXFR > "$TMP/axfr/external/contoso.com.zone" 2>&1
	grep -q "; Transfer failed." "$TMP/axfr/external/contoso.com.zone" && pass "dig saved a refused transfer" || fail "dig's output has no '; Transfer failed.'"
	expect_rc 2 "diff: a saved failed transfer is an error" -- "$SIPDNS" diff -f json "$W" "$TMP/axfr/external/contoso.com.zone"
	expect_in "$TMP/err" "only dig's \"; Transfer failed.\"" "diff: the failed transfer is named"
	grep -q in_sync "$TMP/out" && fail "diff: a failed transfer printed in_sync" || pass "diff: no in_sync for a failed transfer"
else
	echo "(dig or nsd missing: a saved failed transfer written by hand)"
	printf '; <<>> DiG <<>> contoso.com AXFR\n;; global options: +cmd\n; Transfer failed.\n' > "$TMP/d/external/contoso.com.zone"
	expect_rc 2 "diff: a saved failed transfer is an error" -- "$SIPDNS" diff "$W" "$TMP/d/external/contoso.com.zone"
	expect_in "$TMP/err" "only dig's \"; Transfer failed.\"" "diff: the failed transfer is named"
fi

# a zone that the view does not hold
rm -rf "$TMP/d"; "$SIPDNS" generate -q -o "$TMP/d" "$W"
sed 's/contoso\.com/fabrikam.net/g' "$TMP/d/internal/contoso.com.zone" > "$TMP/d/internal/fabrikam.net.zone"
expect_rc 2 "diff: a zone of no view" -- "$SIPDNS" diff -f json "$W" "$TMP/d/internal/fabrikam.net.zone"
expect_in "$TMP/err" "fabrikam.net.zone: error: zone fabrikam.net is in no view of the topology" "diff: the foreign zone is named"
grep -q in_sync "$TMP/out" && fail "diff: a foreign zone printed in_sync" || pass "diff: no in_sync for a foreign zone"
# ... nor is a good file beside it compared
expect_rc 2 "diff: one foreign zone fails the run" -- "$SIPDNS" diff "$W" "$TMP/d/internal/contoso.com.zone" "$TMP/d/internal/fabrikam.net.zone"
expect_rc 2 "diff: the same zone twice" -- "$SIPDNS" diff "$W" "$TMP/d/internal/contoso.com.zone" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/err" "is given twice" "diff: the zone given twice is named"

# files of both views in one run: each compared in its own view
expect_rc 0 "diff: both views in one run" -- "$SIPDNS" diff -f json "$W" "$TMP/d/internal/contoso.com.zone" "$TMP/d/external/contoso.com.zone"
json_check "$TMP/out" in_sync 'd["summary"]["expected"]==24 and d["summary"]["in_sync"]==24 and f==[]' "diff: both views, 24 of 24 in sync, no false unexpected"
expect_rc 0 "diff: both views, external first" -- "$SIPDNS" diff "$W" "$TMP/d/external/contoso.com.zone" "$TMP/d/internal/contoso.com.zone"
expect_in "$TMP/out" "24 records expected: 24 in sync" "diff: both views whatever the order"
sed -i 's/^sip\.contoso\.com\..*/sip.contoso.com.\t3600\tIN\tA\t131.107.155.99/' "$TMP/d/external/contoso.com.zone"
expect_rc 1 "diff: a change in the second view's file" -- "$SIPDNS" diff -f json "$W" "$TMP/d/internal/contoso.com.zone" "$TMP/d/external/contoso.com.zone"
json_check "$TMP/out" drift 'len(f)==1 and f[0]["kind"]=="changed" and f[0]["view"]=="external" and f[0]["name"]=="sip.contoso.com."' "diff: exactly the external change, in the external view"
# --view puts every file in that view
expect_rc 2 "diff: --view external for an internal-only zone" -- "$SIPDNS" diff --view external "$W" "$TMP/d/internal/contoso.com.zone" "$TMP/d/external/contoso.com.zone"
expect_in "$TMP/err" "is given twice" "diff: --view external: both files are the external zone"

# a wildcard: a missing name answered by it is missing, not changed
rm -rf "$TMP/d"; "$SIPDNS" generate -q -o "$TMP/d" "$W"
E=$TMP/d/external/contoso.com.zone
sed -i '/^av\.contoso\.com\./d' "$E"; echo '*.contoso.com. 3600 IN A 198.51.100.80' >> "$E"
expect_rc 1 "diff: a wildcard zone file" -- "$SIPDNS" diff -f json "$W" "$E"
json_check "$TMP/out" drift 'len(f)==1 and f[0]["kind"]=="missing" and f[0]["name"]=="av.contoso.com." and "answered by the wildcard *.contoso.com: the record itself does not exist" in f[0]["detail"]' "diff: the wildcard's answer is missing, with why"
expect_rc 1 "diff: a wildcard zone file, text" -- "$SIPDNS" diff "$W" "$E"
expect_in "$TMP/out" "answered by the wildcard *.contoso.com" "diff: text says the wildcard answered"

# a delegated child: the names below the cut are the child's, unverified
rm -rf "$TMP/d"; "$SIPDNS" generate -q -o "$TMP/d" "$W"
E=$TMP/d/external/contoso.com.zone
sed -i '/^_sipfederationtls\._tcp\./d' "$E"
printf '_tcp.contoso.com.\t3600\tIN\tNS\tns1.child.example.\n_tcp.contoso.com.\t3600\tIN\tNS\tns2.child.example.\n' >> "$E"
expect_rc 1 "diff: a delegated child" -- "$SIPDNS" diff -f json "$W" "$E"
json_check "$TMP/out" drift 'len(f)==1 and f[0]["kind"]=="unverified" and f[0]["name"]=="_sipfederationtls._tcp.contoso.com." and "delegated to ns1.child.example. ns2.child.example." in f[0]["detail"]' "diff: the delegated name is unverified, delegated to the child's servers"
grep -q '"missing"' "$TMP/out" && fail "diff: a delegated name reported missing" || pass "diff: a delegated name is never missing"

finish
