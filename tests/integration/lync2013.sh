#!/bin/sh
# lync2013.sh -- product: lync2013 end to end: check, generate, serve the
# generated zones with NSD on 127.0.0.1, verify in sync; then records the
# profile brings (the XMPP SRV, an AAAA of the dual-stack pool, the
# Director's external web services) removed are found missing, never in
# sync. The schema's conditions accept the example and refuse the Lync
# Server 2013 keys under lync2010.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
L=$top_srcdir/zones/lync2013.yaml
expect_rc 0 "check lync2013.yaml" -- "$SIPDNS" check "$L"
expect_in "$TMP/out" "ok: lync2013, 1 SIP domain, 2 zones, 58 records" "check counts the records"
"$SIPDNS" generate -q -o "$TMP/good" "$L" || exit 99
grep -q '^_xmpp-server\._tcp\.contoso\.com\.	3600	IN	SRV	0 0 5269 xmpp\.contoso\.com\.$' "$TMP/good/external/contoso.com.zone" &&
	pass "the XMPP SRV, port 5269, to the XMPP proxy" || fail "no XMPP SRV in the external zone"
grep -q '^xmpp\.contoso\.com\.	3600	IN	A	131\.107\.155\.10$' "$TMP/good/external/contoso.com.zone" &&
	pass "the XMPP proxy at the Access Edge address" || fail "no XMPP proxy A at the Access Edge"

# serve NAME VIEW SED: a copy of the good zones as $TMP/NAME, the sed
# expression run on VIEW's contoso.com zone; sets PI, PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "${3:-}" ] && sed -i "$3" "$TMP/$1/$2/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
run() { # run NAME EXPECTED-RC: nagios lines in $TMP/out
	expect_rc "$2" "$1" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$L"
}

serve sync internal ""
run "in sync" 0
expect_in "$TMP/out" "SIPDNS OK - 58 of 58 records in sync" "every record in sync"
dig +short -p "$PI" @127.0.0.1 pool01.contoso.com AAAA | sort > "$TMP/pool"
printf 'fd00:10::1\nfd00:10::2\n' | cmp -s - "$TMP/pool" &&
	pass "NSD serves the dual-stack DNS load-balanced pool with one AAAA per Front End" ||
	{ fail "pool01 AAAA records served:"; cat "$TMP/pool"; }

serve xmpp external '/^_xmpp-server\._tcp\.contoso\.com\./d'
run "XMPP SRV removed" 2
expect_in "$TMP/out" "external _xmpp-server._tcp.contoso.com. SRV: missing" "the XMPP SRV is missing"
grep -q "_xmpp-server._tcp.contoso.com. SRV: in sync" "$TMP/out" && fail "XMPP SRV said in sync" || pass "XMPP SRV not in sync"
expect_rc 1 "text mode names the reason" -- "$SIPDNS" verify --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$L"
expect_in "$TMP/out" "why: XMPP federation for SIP domain contoso.com [L13-04]" "the reason and fact shown"

serve aaaa internal '/^pool01\.contoso\.com\.\t.*AAAA\tfd00:10::2$/d'
run "one pool AAAA removed" 2
expect_in "$TMP/out" "internal pool01.contoso.com. AAAA: missing" "the removed AAAA is missing"
expect_in "$TMP/out" "want pool01.contoso.com. 3600 IN AAAA fd00:10::2" "the missing address named"
grep -q "pool01.contoso.com. AAAA: in sync" "$TMP/out" && fail "pool01 AAAA said in sync" || pass "pool01 AAAA not in sync"

serve dirweb external '/^webdirext\.contoso\.com\.\t.*\tA\t/d'
run "Director external web services removed" 2
expect_in "$TMP/out" "external webdirext.contoso.com. A: missing" "the Director's external web services are missing"

# the schema's per-product conditions (python3-jsonschema)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if $PY -c 'import jsonschema, yaml' 2>/dev/null; then
	$PY - "$top_srcdir" > "$TMP/schema" 2>&1 <<'PY'
import json, os, sys
import jsonschema, yaml
top = sys.argv[1]
v = jsonschema.Draft202012Validator(json.load(open(os.path.join(top, "schema/topology.schema.json"))))
def load(p): return yaml.safe_load(open(os.path.join(top, p)))
for p, want in [("zones/lync2013.yaml", True),
                ("tests/data/check/ok-lync2013-dual-stack.yaml", True),
                ("tests/data/check/ok-lync2013-director.yaml", True),
                ("tests/data/check/lync2013-only--lync2010.yaml", False)]:
    print(("ok" if v.is_valid(load(p)) == want else "FAIL") + ": " + p + (" valid" if want else " rejected"))
PY
	cat "$TMP/schema"
	grep -q FAIL "$TMP/schema" && fail "schema conditions" || pass "schema conditions for lync2013"
else
	echo "skipped: the schema conditions need python3-jsonschema and python3-yaml"
fi
finish
