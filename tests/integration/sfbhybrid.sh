#!/bin/sh
# sfbhybrid.sh -- issue 15's case end to end against a real NSD on
# 127.0.0.1: a Skype for Business Server Subscription Edition deployment
# in hybrid (contoso.com) with one domain already TeamsOnly (fabrikam.com),
# zones/sfbse-hybrid.yaml: checked, generated, served, verified in sync;
# then verify --teams-only-preflight names exactly the records that stand
# between contoso.com and TeamsOnly, and passes once they are at
# Microsoft 365.
. "$top_srcdir/tests/integration/lib.sh"
H=$top_srcdir/zones/sfbse-hybrid.yaml
expect_rc 0 "check sfbse-hybrid.yaml" -- "$SIPDNS" check "$H"
expect_in "$TMP/out" "sfbse, 2 SIP domains" "Subscription Edition, two SIP domains"
"$SIPDNS" generate -q -o "$TMP/good" "$H" || exit 99
PI=$(free_port); start_nsd "$TMP/good/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/good/external" "$PE"
V() { "$SIPDNS" verify --no-recurse --timeout 500 --tries 2 -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$@"; }
expect_rc 0 "hybrid + teams_only zones verify in sync" -- V "$H"
expect_in "$TMP/out" "0 wrong" "nothing wrong"

# the preflight on the live zones: contoso.com still on premises
expect_rc 1 "preflight: contoso.com stands in the way" -- V --teams-only-preflight "$H"
for r in "sip.contoso.com. CNAME access1.contoso.com." \
	 "lyncdiscover.contoso.com. A 131.107.155.1" \
	 "_sip._tls.contoso.com. SRV 0 0 443 access1.contoso.com." \
	 "_sipfederationtls._tcp.contoso.com. SRV 0 0 5061 access1.contoso.com."; do
	set -- $r
	grep -q "got:  $1 3600 IN $(echo "$r" | cut -d' ' -f2-)\$" "$TMP/out" &&
		pass "the gate's record found on premises: $1" || fail "not named: $r"
done
expect_in "$TMP/out" "lyncdiscoverinternal.contoso.com. 3600 IN A 192.168.21.121" "an internal name the gate misses (M365-G2)"
expect_in "$TMP/out" "_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 fe-pool.contoso.com." "the internal sign-in SRV the gate misses"
expect_in "$TMP/out" "contoso.com (m365: hybrid): the gate would refuse, 4 record(s) not at Microsoft 365" "the gate refuses contoso.com on its four records"
expect_in "$TMP/out" "fabrikam.com (m365: teams_only): ready" "fabrikam.com ready"
expect_in "$TMP/out" "1 of 2 SIP domain(s) ready for TeamsOnly" "the count"
# fabrikam.com asks nothing on premises: no finding names it
grep -q "^ *\(changed\|missing\|unexpected\) .*fabrikam\.com" "$TMP/out" && fail "a finding for fabrikam.com" || pass "no finding for fabrikam.com"

# after the move: contoso.com teams_only too; the preflight passes
sed 's/m365: hybrid/m365: teams_only/' "$H" > "$TMP/moved.yaml"
"$SIPDNS" generate -q -o "$TMP/moved" "$TMP/moved.yaml" || exit 99
PI=$(free_port); start_nsd "$TMP/moved/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/moved/external" "$PE"
expect_rc 0 "preflight passes after the move" -- V --teams-only-preflight "$H"
expect_in "$TMP/out" "2 of 2 SIP domain(s) ready for TeamsOnly" "both ready"
expect_rc 0 "the moved topology verifies in sync" -- V "$TMP/moved.yaml"
finish
