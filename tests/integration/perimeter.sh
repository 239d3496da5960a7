#!/bin/sh
# perimeter.sh -- the Edge's own name resolution: the perimeter view of
# zones/perimeter.yaml served by a real NSD on 127.0.0.1 (in sync, then a
# record removed: missing; a view not asked is never in sync), diff on
# its zone file, and generate -f hosts (one block per Edge server, from
# the perimeter view, else the internal view).
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
P=$top_srcdir/zones/perimeter.yaml
E=$top_srcdir/zones/enterprise.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$P" || exit 99
[ -f "$TMP/good/perimeter/corp.contoso.com.zone" ] && pass "generate writes DIR/perimeter/corp.contoso.com.zone" ||
	fail "no perimeter zone file written"

# serve NAME [SED]: the perimeter zone, after sed expression SED; sets PP
serve() {
	mkdir -p "$TMP/$1"; cp "$TMP/good/perimeter/corp.contoso.com.zone" "$TMP/$1/"
	[ -n "${2:-}" ] && sed -i "$2" "$TMP/$1/corp.contoso.com.zone"
	PP=$(free_port); start_nsd "$TMP/$1" "$PP"
}
serve sync
expect_rc 0 "perimeter view in sync" -- "$SIPDNS" verify --no-recurse --view perimeter -s perimeter=127.0.0.1:$PP "$P"
expect_in "$TMP/out" "5 records expected: 5 in sync, 0 wrong" "every perimeter record in sync"
expect_rc 0 "perimeter view in sync, json" -- "$SIPDNS" verify --no-recurse --view perimeter -f json -s perimeter=127.0.0.1:$PP "$P"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="in_sync" and d["summary"]["in_sync"]==5 and list(d["servers"])==["perimeter"]' "$TMP/out" &&
	pass "json: in sync, only the perimeter view's servers asked" || fail "json report of the perimeter view"

serve missing '/^dirpool\.corp\.contoso\.com\./d'
expect_rc 1 "next hop removed from the perimeter zone" -- "$SIPDNS" verify --no-recurse --view perimeter -s perimeter=127.0.0.1:$PP "$P"
expect_in "$TMP/out" "missing      dirpool.corp.contoso.com. A" "the next hop is missing"
expect_in "$TMP/out" "[R2-P1]" "with its fact"
expect_in "$TMP/out" "4 in sync, 1 wrong" "the other names still in sync"
expect_rc 2 "nagios: next hop missing is CRITICAL" -- "$SIPDNS" verify --no-recurse --view perimeter -f nagios -s perimeter=127.0.0.1:$PP "$P"
expect_in "$TMP/out" "perimeter dirpool.corp.contoso.com. A: missing" "nagios names the perimeter view"

# a server that does not answer: unverified, never missing nor in sync
DEAD=$(free_port)
expect_rc 3 "perimeter server down" -- "$SIPDNS" verify --no-recurse --view perimeter --timeout 200 --tries 1 -s perimeter=127.0.0.1:$DEAD "$P"
grep -q "missing" "$TMP/out" && fail "a dead perimeter server gave missing records" || pass "dead server: nothing missing"
expect_in "$TMP/out" "5 records expected: 0 in sync, 0 wrong, 0 TTL only, 5 unverified" "dead server: all unverified, none in sync"
expect_in "$TMP/out" "perimeter view (127.0.0.1:$DEAD)" "the perimeter server of -s was asked"

# diff: the generated zone file in sync, the broken one missing
expect_rc 0 "diff of the perimeter zone file" -- "$SIPDNS" diff "$P" "$TMP/good/perimeter/corp.contoso.com.zone"
expect_in "$TMP/out" "compared against 1 zone file (perimeter corp.contoso.com)" "diff reads it as the perimeter view's"
expect_rc 1 "diff: next hop removed" -- "$SIPDNS" diff --view perimeter "$P" "$TMP/missing/corp.contoso.com.zone"
expect_in "$TMP/out" "missing      dirpool.corp.contoso.com. A" "diff: the next hop is missing"

# generate -f hosts: from the perimeter view, one block per Edge server
expect_rc 0 "generate -f hosts" -- "$SIPDNS" generate -f hosts "$P"
tr -d '\r' < "$TMP/out" > "$TMP/hosts"
[ "$(grep -c '^# Edge server ' "$TMP/hosts")" = 2 ] && pass "one block per Edge server" || fail "not two blocks"
grep -q "$(printf '\r')\$" "$TMP/out" && pass "CRLF line ends" || fail "no CRLF line ends"
cmp -s "$TMP/hosts" "$top_srcdir/tests/data/generate/perimeter.hosts" && pass "hosts output is the golden one" ||
	{ fail "hosts output differs from tests/data/generate/perimeter.hosts"; diff "$top_srcdir/tests/data/generate/perimeter.hosts" "$TMP/hosts" | head; }
awk '/^# Edge server edge01/ { b = 1 } /^# Edge server edge02/ { b = 2 }
     b == 1 && /edge02\.corp/ { bad = 1 } b == 2 && /edge01\.corp/ { bad = 1 } END { exit bad }' "$TMP/hosts" &&
	pass "each block leaves out the other array member" || fail "a block holds another Edge server's own name"
"$SIPDNS" generate -f hosts "$P" | cmp -s - "$TMP/out" && pass "hosts output deterministic" || fail "hosts output differs between runs"
# without a perimeter view: the same names from the internal view
expect_rc 0 "generate -f hosts, no perimeter view" -- "$SIPDNS" generate -f hosts "$E"
expect_in "$TMP/out" "from the internal view of enterprise.yaml" "the internal view's records"
expect_in "$TMP/out" "10.10.2.10	dir01.corp.contoso.com	# internal next hop of the Edge: Standard Edition Director [R2-I7" "the next hop with its fact"
grep -q "pool01\|fe01\|_sip" "$TMP/out" && fail "hosts lists names the Edge does not resolve" || pass "only the Edge's names"
expect_rc 2 "-f hosts with -o is refused" -- "$SIPDNS" generate -f hosts -o "$TMP/h" "$P"
expect_in "$TMP/err" "-f hosts writes one document to standard output" "says why"
[ -e "$TMP/h" ] && fail "-f hosts -o made a directory" || pass "nothing written"
W=$top_srcdir/zones/walkthrough.yaml
sed '/^edge:/,/^  next_hop/d' "$W" | sed 's/remote_access: true/remote_access: false/; s/federation: true/federation: false/' > "$TMP/noedge.yaml"
expect_rc 2 "-f hosts without an edge" -- "$SIPDNS" generate -f hosts "$TMP/noedge.yaml"
expect_in "$TMP/err" "the topology has no edge" "says there is no Edge"
finish
