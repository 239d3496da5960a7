#!/bin/sh
# pinpoint.sh -- issue 14's deployment end to end: three SIP domains
# (contoso.com split-brain with a full internal zone, fabrikam.net and
# litwareinc.com in pin-point zones; zones/pinpoint.yaml) checked with
# --strict (certificates declared), generated, served by NSD on loopback,
# verified and diffed in sync; then one record removed from a pin-point
# zone: verify and diff report it missing. The dnscmd and PowerShell
# scripts create each pin-point zone before its records.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
P=$top_srcdir/zones/pinpoint.yaml
PZ="_sipinternaltls._tcp.fabrikam.net _sipinternaltls._tcp.litwareinc.com pool01.fabrikam.net"

expect_rc 0 "check --strict: the three-domain deployment" -- "$SIPDNS" check --strict "$P"
expect_in "$TMP/out" "3 SIP domains, 8 zones" "the pin-point zones count as zones"

expect_rc 0 "generate" -- "$SIPDNS" generate -q -o "$TMP/good" "$P"
for z in $PZ; do
	[ -f "$TMP/good/internal/$z.zone" ] && pass "pin-point zone $z written" || fail "no $TMP/good/internal/$z.zone"
	[ -f "$TMP/good/external/$z.zone" ] && fail "pin-point zone $z in the external view" || pass "$z: internal view only"
done
# the record at the apex, the zone with SOA and NS like the others
Z=$TMP/good/internal/_sipinternaltls._tcp.fabrikam.net.zone
grep -q '^\$ORIGIN _sipinternaltls._tcp.fabrikam.net.$' "$Z" && grep -q '^@	IN	SOA	dc01.contoso.local. ' "$Z" &&
	grep -q '^@	IN	NS	dc01.contoso.local.$' "$Z" && pass "pin-point zone: SOA and NS of the view" || fail "pin-point zone without the view's SOA/NS"
grep -q '^_sipinternaltls._tcp.fabrikam.net.	[0-9]*	IN	SRV	0 0 5061 pool01.fabrikam.net.$' "$Z" &&
	pass "SRV at the apex, 5061 to the pool" || fail "no apex SRV in $Z"
grep -q '^pool01.fabrikam.net.	[0-9]*	IN	A	10.0.0.10$' "$TMP/good/internal/pool01.fabrikam.net.zone" &&
	pass "pool zone: A at the apex (the VIP)" || fail "no apex A in the pool zone"
# no sign-in SRV of a pin-point domain in any other zone
grep -l '_sipinternaltls._tcp.fabrikam.net' "$TMP/good/internal"/*.zone | grep -qv '/_sipinternaltls._tcp.fabrikam.net.zone$' &&
	fail "the fabrikam.net SRV is in another zone too" || pass "the pin-point SRV lives in its own zone only"

# served: the internal view (five zones, pin-point ones included) and the external view
PI=$(free_port); start_nsd "$TMP/good/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/good/external" "$PE"
for z in $PZ; do wait_soa "$PI" "$z" 5 && pass "NSD serves $z" || fail "NSD does not serve $z"; done
expect_rc 0 "verify: in sync" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$P"
expect_in "$TMP/out" "SIPDNS OK - " "verify: nagios OK"
expect_rc 0 "verify --view internal, json" -- "$SIPDNS" verify --no-recurse -f json --view internal -s internal=127.0.0.1:$PI "$P"
python3 - "$TMP/out" <<'PY' && pass "verify: every pin-point record in sync, none unverified" || fail "verify json: pin-point records not all in sync"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "in_sync", d["status"]
s = d["summary"]
assert s["unverified"] == 0 and s["in_sync"] >= 3, s
PY
expect_rc 0 "diff: the generated zone files in sync" -- "$SIPDNS" diff "$P" "$TMP/good/internal"/*.zone "$TMP/good/external"/*.zone
expect_rc 0 "diff --zone with an underscore label (a pin-point zone)" -- \
	"$SIPDNS" diff --zone _sipinternaltls._tcp.fabrikam.net. "$P" "$TMP/good/internal/_sipinternaltls._tcp.fabrikam.net.zone"
expect_rc 2 "diff --zone: an underscore inside a host-name label is still refused" -- \
	"$SIPDNS" diff --zone fab_rikam.net "$P" "$TMP/good/internal/_sipinternaltls._tcp.fabrikam.net.zone"
expect_in "$TMP/err" "underscore" "says why"

# a fragment has no SOA: its zone is its file name, underscores and all
"$SIPDNS" generate -q -f fragment -o "$TMP/frag" "$P" || fail "generate -f fragment"
expect_rc 0 "diff: a pin-point zone's fragment, its zone from the file name" -- \
	"$SIPDNS" diff --view internal "$P" "$TMP/frag/internal/_sipinternaltls._tcp.fabrikam.net.frag"
expect_in "$TMP/out" "1 in sync" "the fragment's SRV compared"

# one record removed from a pin-point zone
mkdir -p "$TMP/drift"; cp "$TMP/good/internal"/*.zone "$TMP/drift/"
sed -i '/^_sipinternaltls._tcp.litwareinc.com.	/d' "$TMP/drift/_sipinternaltls._tcp.litwareinc.com.zone"
PD=$(free_port); start_nsd "$TMP/drift" "$PD"
expect_rc 2 "verify: a removed pin-point SRV is critical" -- "$SIPDNS" verify --no-recurse -f nagios --view internal -s internal=127.0.0.1:$PD "$P"
expect_in "$TMP/out" "internal _sipinternaltls._tcp.litwareinc.com. SRV: missing" "verify names the missing SRV"
grep -qE "(fabrikam|contoso).*: missing" "$TMP/out" && fail "verify calls other records missing" || pass "only that record is missing"
expect_rc 1 "diff: the removed SRV" -- "$SIPDNS" diff --view internal "$P" "$TMP/drift/_sipinternaltls._tcp.litwareinc.com.zone"
expect_in "$TMP/out" "missing      _sipinternaltls._tcp.litwareinc.com. SRV" "diff names the missing SRV"
expect_in "$TMP/out" "0 in sync, 1 wrong" "diff: only that record"

# the Windows scripts create each pin-point zone before its records
"$SIPDNS" generate -q -f dnscmd -o "$TMP/win" "$P" && "$SIPDNS" generate -q -f powershell -o "$TMP/win" "$P" || fail "generate dnscmd/powershell"
for z in $PZ; do
	c=$TMP/win/internal/$z.cmd; s=$TMP/win/internal/$z.ps1
	za=$(grep -n "^call :sipdns_zoneadd dnscmd \. /ZoneAdd $z /DsPrimary" "$c" | head -1 | cut -d: -f1)
	ra=$(grep -n "/RecordAdd $z " "$c" | head -1 | cut -d: -f1)
	[ -n "$za" ] && [ -n "$ra" ] && [ "$za" -lt "$ra" ] && pass "dnscmd: /ZoneAdd $z /DsPrimary before its records" ||
		fail "dnscmd: no /ZoneAdd $z before its records (zoneadd line '$za', first record line '$ra')"
	pa=$(grep -n "Add-DnsServerPrimaryZone @cn0 -Name '$z' -ReplicationScope 'Domain'" "$s" | head -1 | cut -d: -f1)
	pr=$(grep -n "Add-DnsServerResourceRecord" "$s" | head -1 | cut -d: -f1)
	[ -n "$pa" ] && [ -n "$pr" ] && [ "$pa" -lt "$pr" ] && pass "PowerShell: Add-DnsServerPrimaryZone $z before its records" ||
		fail "PowerShell: no zone creation for $z before its records"
done
grep -q "ZoneAdd contoso.com /DsPrimary" "$TMP/win/internal/contoso.com.cmd" && ! grep -q "^call :sipdns_zoneadd" "$TMP/win/internal/contoso.com.cmd" &&
	pass "a listed zone is not created (only named as needed)" || fail "a listed zone is created by the script"
finish
