#!/bin/sh
# coexist.sh -- a migration: pools of two products in one topology
# (README "Migrations: pools of two products"). zones/migration.yaml is a
# Lync Server 2013 topology with a Skype for Business Server 2019 pool
# that holds automatic sign-in: each pool's records carry its own
# product's facts, the one sign-in SRV goes to the sfb2019 pool; the
# generated zones, served by NSD on 127.0.0.1, verify in sync, and a
# sign-in SRV still at the old pool gives exactly that finding. OCS 2007
# R2 with a Lync Server 2010 pool carries each product's facts too; a pair
# two generations apart is refused at its file:line:column.
. "$top_srcdir/tests/integration/lib.sh"
L=$top_srcdir/zones/migration.yaml
expect_rc 0 "check migration.yaml" -- "$SIPDNS" check "$L"
expect_in "$TMP/out" "ok: lync2013, 1 SIP domain, 2 zones, 35 records" "check counts both pools' records"
"$SIPDNS" generate -q -o "$TMP/good" "$L" || exit 99
IN=$TMP/good/internal/contoso.com.zone
grep -q '^_sipinternaltls\._tcp\.contoso\.com\.	3600	IN	SRV	0 0 5061 sfbpool01\.contoso\.com\.$' "$IN" &&
	pass "the one sign-in SRV at the pool with auto_sign_in (the sfb2019 one)" || fail "sign-in SRV not at sfbpool01"
[ "$(grep -c '^_sipinternaltls\._tcp\.' "$IN")" -eq 1 ] && pass "one sign-in SRV" || fail "not exactly one sign-in SRV"

# facts NAME...: "owner type fact" lines of the JSON output for these owners
facts() {
	"$SIPDNS" generate -f json "$1" > "$TMP/json" || { fail "generate -f json $1"; return; }
	shift
	python3 - "$TMP/json" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want = set(sys.argv[2:])
for r in sorted({(r["name"], r["type"], r["fact"]) for r in d["records"] if r["name"] in want}):
    print(*r)
PY
}
facts "$L" pool01.contoso.com. sfbpool01.contoso.com. sfbfe01.contoso.com. fe01.contoso.com. > "$TMP/got"
printf '%s\n' "fe01.contoso.com. A L13-03" "pool01.contoso.com. A L13-01" \
	"sfbfe01.contoso.com. A F01" "sfbfe01.contoso.com. AAAA F01" \
	"sfbpool01.contoso.com. A F01" "sfbpool01.contoso.com. AAAA F01" | cmp -s - "$TMP/got" &&
	pass "each pool's records carry its own product's facts (L13-* and F01)" ||
	{ fail "facts differ:"; cat "$TMP/got"; }
R2=$top_srcdir/tests/data/check/ok-migration-ocs2007r2.yaml
facts "$R2" r2pool.contoso.com. lyncpool.contoso.com. lyncpool-web.contoso.com. _sipinternaltls._tcp.contoso.com. > "$TMP/got"
printf '%s\n' "_sipinternaltls._tcp.contoso.com. SRV E1" "lyncpool-web.contoso.com. A L10-04" \
	"lyncpool.contoso.com. A L10-03" "r2pool.contoso.com. A R2-I2" | cmp -s - "$TMP/got" &&
	pass "OCS 2007 R2 with a DNS load-balanced Lync Server 2010 sign-in pool: R2-I2 and L10-* facts" ||
	{ fail "OCS 2007 R2 / Lync Server 2010 facts differ:"; cat "$TMP/got"; }

# two generations apart: refused where it is written
sed 's/^product: lync2013$/product: lync2010/; /external_web:/d; s/, ipv6: "fd00:30::[12]"//' "$L" > "$TMP/far.yaml"
expect_rc 2 "a Lync Server 2010 topology with an sfb2019 pool is refused" -- "$SIPDNS" check "$TMP/far.yaml"
expect_in "$TMP/err" "far.yaml:30:14: error: a Lync Server 2010 topology cannot hold a Skype for Business Server 2019 pool: a migration holds the pools of two neighbouring generations, and Lync Server 2010's neighbours are ocs2007r2, lync2013; give this pool one of those products, or migrate in steps, one generation at a time [pool-product]" \
	"the exact error, at the pool's product"

# the schema: the pool product key and its pairs
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if $PY -c 'import jsonschema, yaml' 2>/dev/null; then
	$PY - "$top_srcdir" "$TMP/far.yaml" > "$TMP/schema" 2>&1 <<'PY'
import json, os, sys
import jsonschema, yaml
top = sys.argv[1]
v = jsonschema.Draft202012Validator(json.load(open(os.path.join(top, "schema/topology.schema.json"))))
def load(p): return yaml.safe_load(open(os.path.join(top, p)))
for p, want in [("zones/migration.yaml", True),
                ("tests/data/check/ok-migration-ocs2007r2.yaml", True),
                ("tests/data/check/lync-pool-vip-required--migration.yaml", True),
                (sys.argv[2], False),
                ("tests/data/check/pool-product.yaml", False)]:
    print(("ok" if v.is_valid(load(p)) == want else "FAIL") + ": " + p + (" valid" if want else " rejected"))
PY
	cat "$TMP/schema"
	grep -q FAIL "$TMP/schema" && fail "schema: pool product" || pass "schema: pool product and its pairs"
else
	echo "skipped: the schema conditions need python3-jsonschema and python3-yaml"
fi

# served by NSD: in sync, then the sign-in SRV drifted back to the old pool
serve() { # serve NAME SED: the good zones as $TMP/NAME, SED run on the internal zone
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "${2:-}" ] && sed -i "$2" "$TMP/$1/internal/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
run() { expect_rc "$2" "$1" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$L"; }
serve sync ""
run "in sync" 0
expect_in "$TMP/out" "SIPDNS OK - 35 of 35 records in sync" "both pools' records in sync"
serve drift 's/^\(_sipinternaltls\._tcp\.contoso\.com\.\t3600\tIN\tSRV\t0 0 5061 \)sfbpool01/\1pool01/'
run "sign-in SRV at the old pool" 2
grep -v ': in sync' "$TMP/out" | grep -E '^(internal|external) ' | grep -v ' view servers: ' > "$TMP/got"
printf '%s\n' "internal _sipinternaltls._tcp.contoso.com. SRV: changed; want _sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sfbpool01.contoso.com.; got _sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 pool01.contoso.com." |
	cmp -s - "$TMP/got" && pass "exactly the drifted sign-in SRV" || { fail "findings differ:"; cat "$TMP/got"; }
finish
