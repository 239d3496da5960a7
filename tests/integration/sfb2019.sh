#!/bin/sh
# sfb2019.sh -- product: sfb2019 (and sfbse, configured the same) end to
# end: check, generate, serve the generated zones with NSD on 127.0.0.1,
# verify in sync; then drifted zones give exactly the findings of the
# records the Skype for Business profile brings: the external sip.<sip>
# CNAME turned into an A, a member of the DNS load-balanced Access Edge
# missing, the desk phones' _ntp._udp and the internal sip.<sip> of
# legacy clients missing, and an XMPP SRV left behind from 2015. The
# schema's conditions accept the examples and refuse the Skype for
# Business keys elsewhere and XMPP in 2019. sfb2015 (with XMPP) is
# served and verified too.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
L=$top_srcdir/zones/sfb2019.yaml
expect_rc 0 "check sfb2019.yaml" -- "$SIPDNS" check "$L"
expect_in "$TMP/out" "ok: sfb2019, 1 SIP domain, 2 zones, 49 records" "check counts the records"
"$SIPDNS" generate -q -o "$TMP/good" "$L" || exit 99
EX=$TMP/good/external/contoso.com.zone IN=$TMP/good/internal/contoso.com.zone
grep -q '^sip\.contoso\.com\.	3600	IN	CNAME	access1\.contoso\.com\.$' "$EX" &&
	pass "external sip.<sip> a CNAME to the Access Edge pool (sip_record: cname)" || fail "no sip CNAME"
grep -q '^_sip\._tls\.contoso\.com\.	3600	IN	SRV	0 0 443 access1\.contoso\.com\.$' "$EX" &&
	pass "the SRVs at the Access Edge FQDN, not at the alias" || fail "remote access SRV not at access1"
grep -q '_xmpp-server' "$EX" && fail "an XMPP SRV for sfb2019" || pass "no XMPP from 2019 on"
grep -q '^_ntp\._udp\.contoso\.com\.	3600	IN	SRV	0 0 123 north-america\.pool\.ntp\.org\.$' "$IN" &&
	pass "_ntp._udp for desk phones, to a time server outside the topology" || fail "no _ntp._udp"
grep -q '^_sipfederationtls\._tcp\.contoso\.com\.	3600	IN	SRV	0 0 5061 edgepool-int\.contoso\.com\.$' "$IN" &&
	pass "internal _sipfederationtls._tcp to the Edge pool (mobile clients)" || fail "no internal federation SRV"
[ "$(grep -c '^sip\.contoso\.com\.	3600	IN	A	192\.168\.21\.12[234]$' "$IN")" -eq 3 ] &&
	pass "internal sip.<sip> at each Front End (legacy clients, desk phones)" || fail "internal sip.<sip> not at the 3 Front Ends"

# serve NAME VIEW SED: a copy of the good zones as $TMP/NAME, the sed
# expression run on VIEW's contoso.com zone; sets PI, PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "${3:-}" ] && sed -i "$3" "$TMP/$1/$2/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
run() { # run NAME EXPECTED-RC [TOPOLOGY]: nagios lines in $TMP/out
	expect_rc "$2" "$1" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "${3:-$L}"
}
# only LINE...: the out file's finding lines (all but in sync and the
# servers lines), sorted, are exactly these
only() {
	grep -v ': in sync' "$TMP/out" | grep -E '^(internal|external) ' | grep -v ' view servers: ' | sort > "$TMP/got"
	printf '%s\n' "$@" | sort | cmp -s - "$TMP/got" && pass "exactly the drift: $*" ||
		{ fail "findings differ from: $*"; cat "$TMP/got"; }
}

serve sync internal ""
run "in sync" 0
expect_in "$TMP/out" "SIPDNS OK - 49 of 49 records in sync" "every record in sync"
dig +short -p "$PE" @127.0.0.1 av1.contoso.com A | sort > "$TMP/av"
printf '131.107.16.170\n131.107.16.171\n' | cmp -s - "$TMP/av" &&
	pass "NSD serves the DNS load-balanced A/V Edge at each member's A/V address" ||
	{ fail "av1 A records served:"; cat "$TMP/av"; }
sed 's/^product: sfb2019$/product: sfbse/' "$L" > "$TMP/sfbse.yaml"
run "the same zones in sync for Subscription Edition" 0 "$TMP/sfbse.yaml"
expect_in "$TMP/out" "SIPDNS OK - 49 of 49 records in sync" "sfbse: every record in sync"

serve cname external 's/^sip\.contoso\.com\.\t3600\tIN\tCNAME\taccess1\.contoso\.com\.$/sip.contoso.com.\t3600\tIN\tA\t131.107.16.10/'
run "sip.<sip> an A instead of the CNAME" 2
only "external sip.contoso.com. A: changed; want sip.contoso.com. 3600 IN CNAME access1.contoso.com.; got sip.contoso.com. 3600 IN A 131.107.16.10"
expect_rc 1 "text mode names the reason" -- "$SIPDNS" verify --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$L"
expect_in "$TMP/out" "why: Access Edge external name for SIP domain contoso.com, an alias of the Access Edge FQDN [F01]" "the reason and fact shown"

serve member external '/^access1\.contoso\.com\.\t.*\tA\t131\.107\.16\.11$/d'
run "one Access Edge member removed" 2
only "external access1.contoso.com. A: missing; want access1.contoso.com. 3600 IN A 131.107.16.11"

serve phones internal '/^_ntp\._udp\./d; /^sip\.contoso\.com\.\t.*\tA\t192\.168\.21\.123$/d'
run "_ntp._udp and one internal sip.<sip> address removed" 2
only "internal _ntp._udp.contoso.com. SRV: missing (the name does not exist (NXDOMAIN)); want _ntp._udp.contoso.com. 3600 IN SRV 0 0 123 north-america.pool.ntp.org." \
	"internal sip.contoso.com. A: missing; want sip.contoso.com. 3600 IN A 192.168.21.123"

# an XMPP SRV left from Skype for Business Server 2015: check refuses the
# key for 2019; the profile writes no XMPP record
sed 's/^office_web_apps:/xmpp: {fqdn: xmpp.contoso.com}\noffice_web_apps:/' "$L" > "$TMP/xmpp.yaml"
expect_rc 1 "xmpp refused for sfb2019" -- "$SIPDNS" check "$TMP/xmpp.yaml"
grep -E '^[^ ].*: (error|warning): ' "$TMP/err" | sed 's/^[^:]*:[0-9]*:[0-9]*: //' > "$TMP/why"
printf '%s\n' "error: Skype for Business Server 2019 has no XMPP federation: XMPP gateways and proxies are no longer supported from Skype for Business Server 2019 on (F03), so no _xmpp-server._tcp record is written; remove xmpp, and the _xmpp-server._tcp.<sip> SRV from the external zone [sfb2019-no-xmpp]" |
	cmp -s - "$TMP/why" && pass "the one finding: no XMPP from 2019 on, and no XMPP record written" ||
	{ fail "xmpp findings:"; cat "$TMP/why"; }

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
for p, want in [("zones/sfb2019.yaml", True), ("zones/sfb2015.yaml", True),
                ("tests/data/check/ok-sfb2019-edge-dns-lb-nat.yaml", True),
                ("tests/data/check/ok-sfbse-no-legacy.yaml", True),
                ("tests/data/check/ok-sfb2015-xmpp.yaml", True),
                ("tests/data/check/sfb-only.yaml", False),
                ("tests/data/check/sfb2019-no-xmpp.yaml", False),
                ("tests/data/check/sfb2019-no-xmpp--sfbse.yaml", False),
                ("tests/data/check/lync-edge-dns-lb.yaml", False)]:
    print(("ok" if v.is_valid(load(p)) == want else "FAIL") + ": " + p + (" valid" if want else " rejected"))
PY
	cat "$TMP/schema"
	grep -q FAIL "$TMP/schema" && fail "schema conditions" || pass "schema conditions for sfb"
else
	echo "skipped: the schema conditions need python3-jsonschema and python3-yaml"
fi

# sfb2015 (zones/sfb2015.yaml, with XMPP): served and verified in sync,
# then its XMPP SRV gone is exactly one finding
L=$top_srcdir/zones/sfb2015.yaml
rm -rf "$TMP/good"
"$SIPDNS" generate -q -o "$TMP/good" "$L" || exit 99
serve sync2015 internal ""
run "sfb2015 in sync" 0
expect_in "$TMP/out" "SIPDNS OK - 29 of 29 records in sync" "sfb2015: every record in sync"
serve xmpp2015 external '/^_xmpp-server\._tcp\.contoso\.com\./d'
run "sfb2015: the XMPP SRV gone" 2
only "external _xmpp-server._tcp.contoso.com. SRV: missing (the name does not exist (NXDOMAIN)); want _xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 xmpp.contoso.com."
finish
