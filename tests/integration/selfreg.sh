#!/bin/sh
# selfreg.sh -- self-registered records (issue 11, item 11), against a real
# NSD: a name a server registers itself (Standard Edition server, Front End,
# the internal view's domain controller by default; any host that says
# self_registered: true) is checked for its address only: its TTL (1200 s
# when Windows registers it) and further addresses are not drift. A host that
# says self_registered: false is checked exactly. Where the key is not
# allowed, the topology is refused with file:line:column and the fix.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
Z=contoso.com.zone
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99

# An AD-integrated zone: the DC, the SE server and the CWA server have
# registered themselves (TTL 1200); the DC and the SE server have a second
# adapter's address too.
mkdir -p "$TMP/ad/internal"
grep -vE '^(dc01|ocs01|cwa01)\.contoso\.com\.' "$TMP/good/internal/$Z" > "$TMP/ad/internal/$Z"
cat >> "$TMP/ad/internal/$Z" <<'EOF'
dc01.contoso.com.	1200	IN	A	10.0.0.1
dc01.contoso.com.	1200	IN	A	10.0.9.1
ocs01.contoso.com.	1200	IN	A	10.0.0.10
ocs01.contoso.com.	1200	IN	A	10.0.9.10
cwa01.contoso.com.	1200	IN	A	10.0.0.20
EOF
P=$(free_port); start_nsd "$TMP/ad/internal" "$P"
V() { "$SIPDNS" verify --no-recurse --timeout 500 --tries 2 --view internal -s "internal=127.0.0.1:$P" "$@"; }
line() { # line PATTERN DESCRIPTION: an extended regex in $TMP/out
	if grep -qE -- "$1" "$TMP/out"; then pass "$2"; else fail "$2"; sed 's/^/  | /' "$TMP/out"; fi
}
noline() {
	if grep -qE -- "$1" "$TMP/out"; then fail "$2"; sed 's/^/  | /' "$TMP/out"; else pass "$2"; fi
}

# defaults: DC and SE server register themselves, the CWA server does not
expect_rc 1 "defaults: only the CWA server's TTL is drift" -- V "$W"
line '^ +ttl +cwa01\.contoso\.com\. A$' "CWA server (not self-registered by default): TTL 1200 is a warning"
noline 'dc01\.contoso\.com' "domain controller (internal name server): TTL and second address are not drift"
noline 'ocs01\.contoso\.com\. A' "Standard Edition server: TTL and second address are not drift"
expect_in "$TMP/out" "0 wrong, 1 TTL only" "the summary counts one TTL finding"

# the CWA server says it registers itself: the zone is in sync
sed 's/^      address: 10.0.0.20$/      address: 10.0.0.20\n      self_registered: true/' "$W" > "$TMP/cwa.yaml"
grep -q 'self_registered: true' "$TMP/cwa.yaml" || fail "test setup: cwa.yaml"
expect_rc 0 "cwa server self_registered: true: in sync" -- V "$TMP/cwa.yaml"

# the DC's dynamic update is off (self_registered: false): checked exactly
sed 's/^        address: 10.0.0.1$/        address: 10.0.0.1\n        self_registered: false/' "$TMP/cwa.yaml" > "$TMP/dc.yaml"
grep -q 'self_registered: false' "$TMP/dc.yaml" || fail "test setup: dc.yaml"
expect_rc 1 "dc self_registered: false: its extra address is drift" -- V "$TMP/dc.yaml"
line '^ +unexpected +dc01\.contoso\.com\. A$' "the DC's second address is unexpected"
line '10\.0\.9\.1' "the finding shows the address"

# the same through diff (one comparison): the zone file the server loaded
expect_rc 1 "diff: defaults give the same finding" -- "$SIPDNS" diff "$W" "$TMP/ad/internal/$Z"
line '^ +ttl +cwa01\.contoso\.com\. A$' "diff: CWA server TTL warning"
noline 'dc01\.contoso\.com' "diff: domain controller not drift"
expect_rc 0 "diff: cwa self_registered: true: in sync" -- "$SIPDNS" diff "$TMP/cwa.yaml" "$TMP/ad/internal/$Z"

# presence is still checked: a self-registered server whose address is gone
mkdir -p "$TMP/gone/internal"
grep -vE '^ocs01\.contoso\.com\.' "$TMP/ad/internal/$Z" > "$TMP/gone/internal/$Z"
echo 'ocs01.contoso.com.	1200	IN	A	10.0.9.10' >> "$TMP/gone/internal/$Z"
expect_rc 1 "a self-registered server without its address" -- "$SIPDNS" diff "$TMP/cwa.yaml" "$TMP/gone/internal/$Z"
line '^ +(missing|changed) +ocs01\.contoso\.com\. A$' "its address is reported missing"

# where the key is not allowed: refused with its position and the fix
cat > "$TMP/ee.yaml" <<'EOF'
version: 1
product: ocs2007r2
ad_domain: contoso.com
sip_domains: [contoso.com]
views:
  internal:
    ns: [{fqdn: dc01.contoso.com, address: 10.0.0.1}]
    zones: [contoso.com]
  external:
    ns: [{fqdn: ns1.contoso.com, address: 131.107.155.2, self_registered: true}]
    zones: [contoso.com]
pools:
  - fqdn: pool01.contoso.com
    edition: enterprise
    vip: 10.0.0.50
    self_registered: true
    front_ends:
      - {fqdn: fe01.contoso.com, address: 10.0.0.51}
      - {fqdn: fe02.contoso.com, address: 10.0.0.52, self_registered: false}
    auto_sign_in: true
EOF
expect_rc 2 "self_registered where it cannot apply" -- "$SIPDNS" check "$TMP/ee.yaml"
expect_in "$TMP/err" "ee.yaml:16:22: error: an Enterprise pool's name never registers itself" "Enterprise pool: position and reason"
expect_in "$TMP/err" "set self_registered on each of its front_ends instead" "Enterprise pool: the fix"
expect_in "$TMP/err" "ee.yaml:10:75: error: self_registered applies to the internal view's name servers only" "external name server: position and reason"

# Front Ends: self-registered by default, one of them says not
sed -e '16d' -e 's/, self_registered: true}]/}]/' "$TMP/ee.yaml" > "$TMP/ee2.yaml"
expect_rc 0 "Front Ends may say self_registered" -- "$SIPDNS" check "$TMP/ee2.yaml"
"$SIPDNS" generate -f json "$TMP/ee2.yaml" > "$TMP/ee2.json" 2>"$TMP/err" || fail "generate ee2"
grep -q '"name": "fe01.contoso.com.".*"self_registered": true' "$TMP/ee2.json" && pass "fe01: self-registered by default" || fail "fe01 default"
grep -q '"name": "fe02.contoso.com.".*"self_registered": false' "$TMP/ee2.json" && pass "fe02: self_registered: false" || fail "fe02 false"
grep -q '"name": "pool01.contoso.com.".*"self_registered": false' "$TMP/ee2.json" && pass "the pool name is not self-registered" || fail "pool01"
grep -q '"name": "ns1.contoso.com.".*"self_registered": true' "$TMP/ee2.json" && fail "an external name server self-registered" || pass "external name servers register nothing"
finish
