#!/bin/sh
# lync2010.sh -- product: lync2010 end to end: check, generate, serve the
# generated zones with NSD on 127.0.0.1, verify in sync; then a removed
# record of each kind the profile brings (one of the DNS load-balanced
# pool's addresses, the simple URL, mobility's lyncdiscover) is found
# missing, never in sync. The schema's Lync conditions accept the example
# and refuse CWA and Lync keys where they do not belong.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
L=$top_srcdir/zones/lync2010.yaml
expect_rc 0 "check lync2010.yaml" -- "$SIPDNS" check "$L"
expect_in "$TMP/out" "ok: lync2010, 1 SIP domain, 2 zones, 32 records" "check counts the records"
"$SIPDNS" generate -q -o "$TMP/good" "$L" || exit 99
expect_rc 0 "certs lync2010.yaml" -- "$SIPDNS" certs "$L"
expect_in "$TMP/out" "SAN             sip.contoso.com                  [L10-09]" "the Edge certificate needs sip.<sip>"
expect_in "$TMP/out" "subject and SAN webext.contoso.com               [L10-11]" "the reverse proxy certificate needs the external web services FQDN"

# fallback names at a DNS load-balanced sign-in pool: one A per Front End
sed 's/^views:/options: {fallback_names: true}\nviews:/' "$top_srcdir/tests/data/check/ok-lync2010-dns-lb.yaml" > "$TMP/fb.yaml"
"$SIPDNS" generate -f zone --view internal "$TMP/fb.yaml" > "$TMP/fb.zone" 2>&1
n=$(grep -cE '^sip(internal)?\.contoso\.com\.	3600	IN	A	10\.10\.10\.[12]$' "$TMP/fb.zone")
[ "$n" = 4 ] && pass "fallback names: one A per Front End of a DNS load-balanced pool" ||
	{ fail "fallback names: $n of 4 A records"; grep -E '^sip|error' "$TMP/fb.zone"; }

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
expect_in "$TMP/out" "SIPDNS OK - 32 of 32 records in sync" "every record in sync"
dig +short -p "$PI" @127.0.0.1 pool01.contoso.com A | sort > "$TMP/pool"
printf '10.10.10.1\n10.10.10.2\n10.10.10.3\n' | cmp -s - "$TMP/pool" &&
	pass "NSD serves the DNS load-balanced pool with one A per Front End" ||
	{ fail "pool01 A records served:"; cat "$TMP/pool"; }

serve lb internal '/^pool01\.contoso\.com\.\t.*10\.10\.10\.2$/d'
run "one pool address removed" 2
expect_in "$TMP/out" "internal pool01.contoso.com. A: missing" "the removed pool address is missing"
expect_in "$TMP/out" "want pool01.contoso.com. 3600 IN A 10.10.10.2" "the missing address named"
grep -q "pool01.contoso.com. A: in sync" "$TMP/out" && fail "pool01 A said in sync" || pass "pool01 A not in sync"

serve meet external '/^meet\.contoso\.com\./d'
run "meet simple URL removed outside" 2
expect_in "$TMP/out" "external meet.contoso.com. A: missing" "the simple URL is missing"
expect_rc 1 "text mode names the reason" -- "$SIPDNS" verify --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$L"
expect_in "$TMP/out" "why: meet simple URL, published by the reverse proxy [L10-07]" "the reason and fact shown"

serve mobility external '/^lyncdiscover\.contoso\.com\./d'
run "lyncdiscover removed" 2
expect_in "$TMP/out" "external lyncdiscover.contoso.com. A: missing" "lyncdiscover is missing"

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
for p, want in [("zones/lync2010.yaml", True),
                ("tests/data/check/ok-lync2010-dns-lb.yaml", True),
                ("tests/data/check/ok-lync2010-hardware.yaml", True),
                ("tests/data/check/lync-no-cwa.yaml", False),
                ("tests/data/check/lync-only--ocs2007r2.yaml", False)]:
    print(("ok" if v.is_valid(load(p)) == want else "FAIL") + ": " + p + (" valid" if want else " rejected"))
PY
	cat "$TMP/schema"
	grep -q FAIL "$TMP/schema" && fail "schema conditions" || pass "schema conditions for lync2010"
else
	echo "skipped: the schema conditions need python3-jsonschema and python3-yaml"
fi
finish
