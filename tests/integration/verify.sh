#!/bin/sh
# verify.sh -- sipdns verify against a real NSD on 127.0.0.1 serving the
# zones generated from zones/walkthrough.yaml, then broken copies. Each
# drift kind gives its exact finding; failures are never missing nor in sync.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99

# serve NAME: a copy of the good zones as $TMP/NAME/{internal,external},
# after running the sed expression $2 on the external zone; sets PI, PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "${2:-}" ] && sed -i "$2" "$TMP/$1/external/contoso.com.zone"
	[ -n "${3:-}" ] && printf '%s\n' "$3" >> "$TMP/$1/external/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
run() { # run NAME EXPECTED-RC [extra options]: nagios lines in $TMP/out
	name=$1; want=$2; shift 2
	expect_rc "$want" "$name" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$@" "$W"
}

serve sync
PE_SYNC=$PE
run "in sync" 0
expect_in "$TMP/out" "SIPDNS OK - 24 of 24 records in sync" "every record in sync"
expect_rc 0 "in sync, text" -- "$SIPDNS" verify --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/out" "24 records expected: 24 in sync, 0 wrong, 0 TTL only, 0 unverified" "text summary"
expect_rc 0 "in sync, json" -- "$SIPDNS" verify --no-recurse -f json -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema_version"]==1 and d["status"]=="in_sync" and d["summary"]["in_sync"]==24' "$TMP/out" && pass "json report" || fail "json report"
expect_rc 0 "quiet when in sync" -- "$SIPDNS" verify -q --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
[ -s "$TMP/out" ] && fail "--quiet printed something" || pass "--quiet prints nothing in sync"

serve missing '/^_sip\._tls/d'
run "missing SRV" 2
expect_in "$TMP/out" "external _sip._tls.contoso.com. SRV: missing (the name does not exist (NXDOMAIN)); want _sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com." "missing SRV found"
expect_rc 1 "missing SRV: exit 1 in text mode" -- "$SIPDNS" verify --no-recurse -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/out" "why: remote user sign-in for SIP domain contoso.com [R2-E2]" "the expected record's reason shown"

serve stale "" "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 oldpool.contoso.com."
run "stale extra SRV" 2
expect_in "$TMP/out" "external _sip._tls.contoso.com. SRV: unexpected; got _sip._tls.contoso.com. 3600 IN SRV 0 0 443 oldpool.contoso.com." "stale SRV found"
run "stale SRV, --answers superset" 0 --answers superset

serve port 's/0 0 5061 sip.contoso.com./0 0 5062 sip.contoso.com./'
run "changed port" 2
expect_in "$TMP/out" "external _sipfederationtls._tcp.contoso.com. SRV: changed; want _sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com.; got _sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5062 sip.contoso.com." "changed port found"

serve address 's/131\.107\.155\.20/131.107.155.21/'
run "changed address" 2
expect_in "$TMP/out" "external webconf.contoso.com. A: changed; want webconf.contoso.com. 3600 IN A 131.107.155.20; got webconf.contoso.com. 3600 IN A 131.107.155.21" "changed address found"

serve cname '/^sip\.contoso\.com\./d' "sip.contoso.com. 3600 IN CNAME av.contoso.com."
run "CNAME instead of A" 2
expect_in "$TMP/out" "external sip.contoso.com. A: changed; want sip.contoso.com. 3600 IN A 131.107.155.10; got sip.contoso.com. 3600 IN CNAME av.contoso.com." "CNAME instead of A found"
expect_in "$TMP/out" "external sip.contoso.com. A: target-alias" "SRV target that is an alias flagged"

serve ttl 's/^av\.contoso\.com\.\t3600/av.contoso.com.\t300/'
run "changed TTL" 1
expect_in "$TMP/out" "SIPDNS WARNING" "a TTL difference is a warning"
expect_in "$TMP/out" "external av.contoso.com. A: ttl; want av.contoso.com. 3600 IN A 131.107.155.30; got av.contoso.com. 300 IN A 131.107.155.30" "changed TTL found"
run "changed TTL, --ttl ignore" 0 --ttl ignore
run "changed TTL, --ttl exact" 2 --ttl exact

# a server that never answers: a UDP socket nobody reads
BH=$(free_port)
python3 -c "import socket,time; s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(('127.0.0.1',$BH)); print('ready', flush=True); time.sleep(120)" > "$TMP/bh.out" &
PIDS="$PIDS $!"
# bound before it is asked: a port not yet bound refuses the connection
for _ in $(seq 50); do grep -q ready "$TMP/bh.out" 2>/dev/null && break; sleep 0.1; done
expect_rc 3 "server never answers" -- "$SIPDNS" verify --no-recurse --timeout 100 --tries 2 --view external -s external=127.0.0.1:$BH "$W"
expect_in "$TMP/out" "unverified: no answer from 127.0.0.1:$BH for any of 18 questions (2 tries, 0.3 s): check the address, port and firewall" "timeout reported as unverified, with the cause"
grep -qE "^ +(missing|changed|unexpected) " "$TMP/out" && fail "a timeout was reported as drift" || pass "a timeout is never missing"
expect_in "$TMP/out" "0 in sync" "nothing counted in sync"
# told once, with the cause and the count; -v lists the names
n=$(grep -c "unverified" "$TMP/out")
[ "$n" -eq 2 ] && pass "failures told once for 18 questions (and in the summary)" || fail "failures not told once: $n lines"
expect_in "$TMP/out" "(-v lists them)" "the grouped line says how to list the names"
grep -q "^  unverified: .* for any of 18 questions " "$TMP/out" &&
	pass "the line counts the 18 questions" || fail "the line does not count the 18 questions"
expect_rc 3 "server never answers, -v" -- "$SIPDNS" verify -v --no-recurse --timeout 100 --tries 2 --view external -s external=127.0.0.1:$BH "$W"
[ "$(grep -cE "^        [^ ]+\. (A|AAAA|SRV)$" "$TMP/out")" -eq 18 ] && pass "-v lists the 18 questions" || fail "-v does not list the 18 questions"
expect_rc 3 "server never answers, json" -- "$SIPDNS" verify -f json --no-recurse --timeout 100 --tries 1 --view external -s external=127.0.0.1:$BH "$W"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len([f for f in d["findings"] if f["kind"]=="unverified"])==18 and d["questions"]["failed"]==18' "$TMP/out" &&
	pass "json keeps every question" || fail "json does not keep every question"
expect_rc 2 "never answers, nagios: CRITICAL" -- "$SIPDNS" verify -f nagios --no-recurse --timeout 100 --tries 1 --view external -s external=127.0.0.1:$BH "$W"
expect_in "$TMP/out" "SIPDNS CRITICAL - 18 of 18 questions unanswered" "nagios line for a dead server"
[ "$(grep -c ": unverified" "$TMP/out")" -eq 18 ] && pass "nagios keeps every question" || fail "nagios does not list every question"

# a server that refuses the zone: NSD serving another zone only
mkdir -p "$TMP/other"
printf '$ORIGIN example.net.\n@ 3600 IN SOA ns1 h 1 3600 900 1209600 3600\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.1\n' > "$TMP/other/example.net.zone"
PO=$(free_port); start_nsd "$TMP/other" "$PO"
expect_rc 3 "server refuses the zone" -- "$SIPDNS" verify --no-recurse --view external -s external=127.0.0.1:$PO "$W"
expect_in "$TMP/out" "unverified: 127.0.0.1:$PO refused zone contoso.com: it does not serve this zone (not loaded? wrong server?)" "REFUSED reported as unverified, the zone not served"
grep -qE "^ +(missing|changed|unexpected) " "$TMP/out" && fail "REFUSED was reported as drift" || pass "REFUSED is never missing"

# one of two servers of a view dead: the other answers
expect_rc 0 "one of two servers dead" -- "$SIPDNS" verify --no-recurse --timeout 200 --view external -s external=127.0.0.1:$BH -s external=127.0.0.1:$PE_SYNC "$W"

# --state: new, persisting (since), fixed
serve st1 's/131\.107\.155\.30/131.107.155.31/'
expect_rc 1 "state: first run" -- "$SIPDNS" verify --no-recurse --state "$TMP/state" -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/out" "changed      av.contoso.com. A (new)" "state: a new finding"
expect_rc 1 "state: second run" -- "$SIPDNS" verify --no-recurse --state "$TMP/state" -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/out" "changed      av.contoso.com. A (since " "state: a persisting finding, with its first sighting"
serve st2
expect_rc 0 "state: fixed" -- "$SIPDNS" verify --no-recurse --state "$TMP/state" -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/out" "    changed      av.contoso.com. A (fixed; wrong since " "state: a fixed finding, printed like a finding"

# owned elsewhere: ignored and counted
sed 's/^    zones:$/    owned_elsewhere: ["*.cwa.contoso.com", cwa.contoso.com, webext.contoso.com]\n    zones:/' "$W" > "$TMP/owned.yaml"
serve owned 's/131\.107\.155\.40/131.107.155.41/'
expect_rc 0 "owned elsewhere is not drift" -- "$SIPDNS" verify --no-recurse --view external -s external=127.0.0.1:$PE "$TMP/owned.yaml"
expect_in "$TMP/out" "4 names owned elsewhere" "owned-elsewhere names counted"
expect_rc 1 "without owned_elsewhere the same server is drift" -- "$SIPDNS" verify --no-recurse --view external -s external=127.0.0.1:$PE "$W"
finish
