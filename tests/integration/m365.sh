#!/bin/sh
# m365.sh -- Microsoft 365 modes against a real NSD on 127.0.0.1: the
# hybrid example (contoso.com hybrid, fabrikam.com teams_only) generated,
# served and verified in sync; drifted (a TeamsOnly lyncdiscover back on
# premises, an internal on-premises sign-in SRV left behind, the hybrid
# federation SRV gone); then verify --teams-only-preflight: a pass (every
# domain TeamsOnly), a stale lyncdiscover, a wildcard answering a name
# that must not exist, and the options it refuses.
. "$top_srcdir/tests/integration/lib.sh"
H=$top_srcdir/zones/hybrid.yaml
expect_rc 0 "check hybrid.yaml" -- "$SIPDNS" check "$H"
"$SIPDNS" generate -q -o "$TMP/good" "$H" || exit 99
F=$TMP/good/external/fabrikam.com.zone
for r in 'lyncdiscover\.fabrikam\.com\.	3600	IN	CNAME	webdir\.online\.lync\.com\.' \
	 'sip\.fabrikam\.com\.	3600	IN	CNAME	sipdir\.online\.lync\.com\.' \
	 '_sip\._tls\.fabrikam\.com\.	3600	IN	SRV	100 1 443 sipdir\.online\.lync\.com\.' \
	 '_sipfederationtls\._tcp\.fabrikam\.com\.	3600	IN	SRV	100 1 5061 sipfed\.online\.lync\.com\.'; do
	grep -q "^$r\$" "$F" && pass "teams_only: $(echo "$r" | cut -f1,4,5 | tr -d '\\')" || fail "teams_only record missing: $r"
done
grep -q "_sipinternaltls" "$TMP/good/internal/fabrikam.com.zone" && fail "teams_only kept the internal sign-in SRV" || pass "teams_only: no internal sign-in SRV"
grep -q '^lyncdiscover\.contoso\.com\.	3600	IN	A	131\.107\.155\.40$' "$TMP/good/external/contoso.com.zone" &&
	pass "hybrid: external lyncdiscover stays on premises" || fail "hybrid lyncdiscover not on premises"
grep -q '^webcon\.contoso\.com\.	3600	IN	A	131\.107\.155\.20$' "$TMP/good/internal/contoso.com.zone" &&
	pass "hybrid: internal clients resolve the Web Conferencing Edge external FQDN" || fail "no internal webcon"

# serve NAME [VIEW ZONE SED [LINE]]: a copy of the good zones, one zone
# changed by SED, LINE appended; sets PI, PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "${4:-}" ] && sed -i "$4" "$TMP/$1/$2/$3.zone"
	[ -n "${5:-}" ] && printf '%s\n' "$5" >> "$TMP/$1/$2/$3.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
V() { "$SIPDNS" verify --no-recurse --timeout 500 --tries 2 -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$@"; }

serve sync
expect_rc 0 "hybrid and teams_only in sync" -- V "$H"
expect_in "$TMP/out" "in sync" "in sync"

# drifted: the TeamsOnly domain's lyncdiscover back on premises, and an
# internal sign-in SRV left in its internal zone
serve drift external fabrikam.com 's/^lyncdiscover\.fabrikam\.com\..*$/lyncdiscover.fabrikam.com. 3600 IN A 131.107.155.40/'
sed -i '$a _sipinternaltls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 pool01.contoso.com.' "$TMP/drift/internal/fabrikam.com.zone"
kill $(cat "$TMP/drift/internal/nsd.pid") 2>/dev/null; sleep 0.3
PI=$(free_port); start_nsd "$TMP/drift/internal" "$PI"
expect_rc 1 "teams_only drifted" -- V "$H"
expect_in "$TMP/out" "lyncdiscover.fabrikam.com." "the on-premises lyncdiscover found"
expect_in "$TMP/out" "webdir.online.lync.com" "the Microsoft 365 value wanted"
expect_in "$TMP/out" "_sipinternaltls._tcp.fabrikam.com." "the internal sign-in SRV left behind found"
expect_in "$TMP/out" "M365-T5" "its fact named"

# drifted: the hybrid domain's federation SRV gone
serve hyb external contoso.com '/^_sipfederationtls\._tcp\.contoso\.com\./d'
expect_rc 1 "hybrid drifted" -- V "$H"
expect_in "$TMP/out" "_sipfederationtls._tcp.contoso.com." "the hybrid federation SRV missing"

# the preflight: every SIP domain read as teams_only; pass
sed 's/m365: hybrid/m365: teams_only/' "$H" > "$TMP/all.yaml"
"$SIPDNS" generate -q -o "$TMP/allgood" "$TMP/all.yaml" || exit 99
mkdir -p "$TMP/pass"; cp -r "$TMP/allgood/internal" "$TMP/allgood/external" "$TMP/pass/"
PI=$(free_port); start_nsd "$TMP/pass/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/pass/external" "$PE"
expect_rc 0 "preflight passes" -- V --teams-only-preflight "$H"
expect_in "$TMP/out" "2 of 2 SIP domain(s) ready for TeamsOnly" "both domains ready"
expect_in "$TMP/out" "contoso.com (m365: hybrid): ready" "the hybrid domain ready"

# the preflight on the hybrid zones: contoso.com still on premises
serve pre
expect_rc 1 "preflight: the hybrid domain is not ready" -- V --teams-only-preflight "$H"
expect_in "$TMP/out" "contoso.com (m365: hybrid): the gate would refuse" "the gate refuses contoso.com"
expect_in "$TMP/out" "fabrikam.com (m365: teams_only): ready" "fabrikam.com ready"
expect_in "$TMP/out" "1 of 2 SIP domain(s) ready" "the count"

# a stale lyncdiscover (TeamsOnly zones but lyncdiscover still on premises)
mkdir -p "$TMP/stale"; cp -r "$TMP/allgood/internal" "$TMP/allgood/external" "$TMP/stale/"
sed -i 's/^lyncdiscover\.contoso\.com\..*$/lyncdiscover.contoso.com. 3600 IN A 131.107.155.40/' "$TMP/stale/external/contoso.com.zone"
PI=$(free_port); start_nsd "$TMP/stale/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/stale/external" "$PE"
expect_rc 1 "preflight: a stale lyncdiscover" -- V --teams-only-preflight "$H"
expect_in "$TMP/out" "lyncdiscover.contoso.com." "the stale lyncdiscover named"
expect_in "$TMP/out" "M365-T2" "its fact"
expect_in "$TMP/out" "contoso.com (m365: hybrid): the gate would refuse, 1 record(s) not at Microsoft 365" "the gate refuses on that one record"

# a wildcard answering lyncdiscoverinternal: the gate passes, clients do not
mkdir -p "$TMP/wild"; cp -r "$TMP/allgood/internal" "$TMP/allgood/external" "$TMP/wild/"
printf '*.fabrikam.com. 3600 IN A 10.10.10.6\n' >> "$TMP/wild/internal/fabrikam.com.zone"
PI=$(free_port); start_nsd "$TMP/wild/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/wild/external" "$PE"
expect_rc 0 "plain verify takes a wildcard for absence" -- V "$TMP/all.yaml"
expect_rc 1 "preflight: a wildcard answers a name that must not exist" -- V --teams-only-preflight "$H"
expect_in "$TMP/out" "answered by the wildcard *.fabrikam.com" "the wildcard named"
expect_in "$TMP/out" "M365-G2" "the gate's blind spot named"
expect_in "$TMP/out" "fabrikam.com (m365: teams_only): the gate would pass, " "the gate would pass, the rest not"

# what it refuses to combine with
expect_rc 2 "not with --state" -- "$SIPDNS" verify --teams-only-preflight --state "$TMP/st" "$H"
expect_in "$TMP/err" "do not go together" "says why"
expect_rc 2 "not with --plan" -- "$SIPDNS" verify --teams-only-preflight --plan nsupdate "$H"
expect_rc 2 "not with --view: a view not asked is never called ready" -- "$SIPDNS" verify --teams-only-preflight --view external "$H"
expect_in "$TMP/err" "every view that holds its names was asked" "says why"
expect_rc 2 "not with --between" -- "$SIPDNS" verify --teams-only-preflight --between a=127.0.0.1:1 b=127.0.0.1:2 "$H"
expect_in "$TMP/err" "teams-only-preflight and --between" "says it is --between"
# an m365 mode where it does not apply
sed 's/product: lync2013/product: ocs2007r2/' "$H" > "$TMP/ocs.yaml"
expect_rc 2 "m365 under ocs2007r2" -- "$SIPDNS" check "$TMP/ocs.yaml"
expect_in "$TMP/err" "m365: hybrid does not apply to OCS 2007 R2" "refused for OCS 2007 R2"
finish
