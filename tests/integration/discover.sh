#!/bin/sh
# discover.sh -- sipdns discover against real servers on loopback: NSD
# serving one zone per branch of the client's lookup order, badns.py in
# front of it for a step that times out in the middle of the walk, and the
# walkthrough topology's generated views for the designated-pool check.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
Z=$TMP/nsd; mkdir -p "$Z"
zone() { # zone NAME RECORDS...: NAME.zone with SOA, NS and the records
	n=$1; shift
	{ printf '$ORIGIN %s.\n$TTL 3600\n@ SOA ns.%s. h.%s. 1 3600 600 86400 60\n@ NS ns.%s.\nns A 127.0.0.1\n' "$n" "$n" "$n" "$n"
	  for r in "$@"; do echo "$r"; done; } > "$Z/$n.zone"
}
# the first SRV answers (the later ones too: the client takes the first)
zone first.test '_sipinternaltls._tcp SRV 0 0 5061 pool.first.test.' 'pool A 192.0.2.10' \
	'_sip._tls SRV 0 0 443 sip.first.test.' 'sip A 198.51.100.10'
# only the TCP SRV
zone tcp.test '_sipinternal._tcp SRV 0 0 5060 pool.tcp.test.' 'pool A 192.0.2.20'
# only the external SRV
zone ext.test '_sip._tls SRV 0 0 443 sip.ext.test.' 'sip A 198.51.100.30'
# only A fallbacks: sip. (and sipexternal.); r2-beta asks sip. first, r2-ga sipinternal.
zone afb.test 'sip A 192.0.2.40' 'sipexternal A 198.51.100.40'
zone both.test 'sip A 192.0.2.41' 'sipinternal A 192.0.2.42'
# nothing at all
zone none.test
# the SRV points outside the SIP domain
zone strict.test '_sipinternaltls._tcp SRV 0 0 5061 pool.other.test.'
zone other.test 'pool A 192.0.2.60'
zone sales.strict.test '_sipinternaltls._tcp SRV 0 0 5061 pool.strict.test.' 'pool A 192.0.2.61' 
echo 'pool A 192.0.2.61' >> "$Z/strict.test.zone"
# the SRV target has no address
zone noaddr.test '_sipinternaltls._tcp SRV 0 0 5061 pool.noaddr.test.' '_sip._tls SRV 0 0 443 sip.noaddr.test.' 'sip A 198.51.100.70'
# two SRV records: the lowest priority wins, whatever their order
zone prio.test '_sipinternaltls._tcp SRV 10 0 5061 b.prio.test.' '_sipinternaltls._tcp SRV 0 0 5061 a.prio.test.' \
	'a A 192.0.2.80' 'b A 192.0.2.81'
PN=$(free_port); start_nsd "$Z" "$PN"

D() { "$SIPDNS" discover --server "127.0.0.1:${PORT:-$PN}" --timeout 300 --tries 2 "$@"; }

expect_rc 0 "the first SRV answers" -- D alice@first.test
expect_in "$TMP/out" "connect: pool.first.test (192.0.2.10), TLS port 5061" "first SRV: the host, address, TLS port 5061"
expect_in "$TMP/out" "answers, but the client takes _sipinternaltls._tcp.first.test first" "first SRV: a later SRV is not taken"
expect_in "$TMP/out" "order r2-ga: OCS 2007 R2 \"Client DNS Queries Drilldown\" (2009-06-05) [S21]" "the variant used is named, with its source"
expect_in "$TMP/out" "strict naming: passes: pool.first.test is in the SIP domain first.test" "first SRV: strict naming passes"
expect_in "$TMP/out" "not needed: the client stops at _sipinternaltls._tcp.first.test" "first SRV: the fallbacks are not needed"

expect_rc 0 "two SRV records of one name" -- D alice@prio.test
expect_in "$TMP/out" "connect: a.prio.test (192.0.2.80), TLS port 5061" "two SRV records: the lowest priority taken"

expect_rc 0 "only the TCP SRV" -- D sip:bob@tcp.test
expect_in "$TMP/out" "connect: pool.tcp.test (192.0.2.20), TCP port 5060" "TCP SRV: TCP port 5060"
expect_in "$TMP/out" "nothing here (NXDOMAIN): go on" "TCP SRV: the TLS SRV is absent (seen)"

expect_rc 0 "only the external SRV" -- D carol@ext.test
expect_in "$TMP/out" "connect: sip.ext.test (198.51.100.30), TLS port 443" "external SRV: TLS port 443"

expect_rc 0 "only an A fallback (r2-ga)" -- D dave@afb.test
expect_in "$TMP/out" "connect: sip.afb.test (192.0.2.40), TLS port 5061, then 443" "A fallback: sip., ports 5061 then 443"
expect_in "$TMP/out" "ports: S20, S21 and S40 give no port" "A fallback: where the ports come from"
expect_in "$TMP/out" "not needed: the client stops at sip.afb.test" "A fallback: sipexternal. not needed"
expect_rc 0 "A fallbacks, r2-ga: sipinternal. first" -- D erin@both.test
expect_in "$TMP/out" "connect: sipinternal.both.test (192.0.2.42)" "r2-ga takes sipinternal."
expect_rc 0 "A fallbacks, r2-beta: sip. first" -- D --order r2-beta erin@both.test
expect_in "$TMP/out" "connect: sip.both.test (192.0.2.41)" "r2-beta takes sip."
expect_in "$TMP/out" "order r2-beta: OCS 2007 R2 Beta" "r2-beta named"
expect_in "$TMP/out" "SRV _sip._tcp.both.test" "r2-beta asks _sip._tcp"
expect_rc 0 "Phone Edition: its own order" -- D --client phone-edition erin@both.test
expect_in "$TMP/out" "client phone-edition, order phone-r2" "phone-r2 named"
sed -n 's/^ *[0-9]*\. *srv *SRV \([^ ]*\).*/\1/p' "$TMP/out" | tr '\n' ' ' > "$TMP/srvs"
expect_in "$TMP/srvs" "_sipinternaltls._tcp.both.test _sip._tls.both.test _sipinternal._tcp.both.test " "phone-r2: TLS, external, then TCP SRV [S22]"

expect_rc 1 "nothing found" -- D frank@none.test
expect_in "$TMP/out" "verdict: not found: a client would not find a server: every step was seen and none found a server" "nothing: not found, every step seen"
expect_in "$TMP/out" "connect: none" "nothing: no connection"

expect_rc 1 "strict naming fails" -- D gina@strict.test
expect_in "$TMP/out" "strict naming: refused: pool.other.test is not in the SIP domain strict.test" "strict: refused"
expect_in "$TMP/out" "they share no suffix, so the DisableStrictDNSNaming policy does not help" "strict: no shared suffix, the policy is no fix"
expect_rc 1 "strict naming fails even with the policy (no shared suffix)" -- D --disable-strict-dns-naming gina@strict.test
expect_rc 1 "a pool in the parent domain: strict naming refuses" -- D hal@sales.strict.test
expect_in "$TMP/out" "set the DisableStrictDNSNaming policy (suffix matching" "parent domain: the policy is offered"
expect_rc 0 "a pool in the parent domain, with the policy: let through" -- D --disable-strict-dns-naming hal@sales.strict.test
expect_in "$TMP/out" "the sources do not give the exact matching rule" "policy: the open rule is said"

expect_rc 1 "the SRV target has no address" -- D ivan@noaddr.test
expect_in "$TMP/out" "the target has no address (NXDOMAIN), and the client uses the first SRV record that answers and tries no other" "no address: no other SRV tried"
expect_in "$TMP/out" "verdict: not found: a client would not find a server: the SRV record's target has no address" "no address: not found"

expect_rc 0 "--format json" -- D --format json alice@first.test
python3 - "$TMP/out" > "$TMP/json" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["verdict"], d["exit"], d["order"], d["connect"]["host"], d["connect"]["ports"],
      d["steps"][0]["state"], d["steps"][0]["found"], d["strict_naming"]["passes"])
PY
expect_in "$TMP/json" "found 0 r2-ga pool.first.test 5061 answer True True" "json: verdict, order, connection, steps"

# a timeout in the middle of the walk: never "not found", exit 3
PB=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" "silent-name=_sipinternal._tcp.ext.test." "$PB" "$PN" > "$TMP/badns.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns.out" 2>/dev/null && break; sleep 0.1; done
PORT=$PB expect_rc 3 "a timeout in the middle of the walk" -- D carol@ext.test
expect_in "$TMP/out" "not seen: timeout" "timeout: the step is not seen"
expect_in "$TMP/out" "verdict: undecided: could not decide: not seen: _sipinternal._tcp.ext.test SRV (timeout); if it holds nothing, the client would sign in at sip.ext.test (198.51.100.30) TLS port 443" "timeout: undecided, with what happens if it holds nothing"
if grep -q "not found" "$TMP/out"; then fail "timeout: reported as not found"; else pass "timeout: never 'not found'"; fi
expect_in "$TMP/badns.out" "dropped _sipinternal._tcp.ext.test." "timeout: badns.py dropped the TCP SRV question"
PORT=$PB expect_rc 3 "a timeout, json" -- D --format json carol@ext.test
expect_in "$TMP/out" '"verdict": "undecided"' "timeout json: undecided"
PORT=$PB expect_rc 0 "a timeout after the step taken does not matter" -- D bob@tcp.test

# the chosen SRV record's target times out
PT=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" "silent-name=pool.first.test." "$PT" "$PN" > "$TMP/badns2.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns2.out" 2>/dev/null && break; sleep 0.1; done
PORT=$PT expect_rc 3 "the SRV target's address times out" -- D alice@first.test
expect_in "$TMP/out" "_sipinternaltls._tcp.first.test points at pool.first.test, and where that leads was not seen" "target timeout: undecided, never not found"
expect_in "$TMP/out" "connect: none" "target timeout: no connection claimed"

# nothing answers at all: DNS could not be asked
DEAD=$(free_port)
PORT=$DEAD expect_rc 3 "no server answers" -- D alice@first.test
expect_in "$TMP/out" "DNS could not be asked: no step was seen" "no server: DNS could not be asked"

# --topology: the walkthrough's views, served by NSD
"$SIPDNS" generate -q -o "$TMP/w" "$W" || exit 99
PI=$(free_port); start_nsd "$TMP/w/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/w/external" "$PE"
PORT=$PI expect_rc 0 "internal view: the designated pool" -- D --topology "$W" alice@contoso.com
expect_in "$TMP/out" "topology: designated: ocs01.contoso.com is the designated sign-in pool; the records that led there are the topology's in view(s): internal" "topology: designated pool, internal view"
PORT=$PE expect_rc 0 "external view: the Access Edge" -- D --topology "$W" --format json alice@contoso.com
expect_in "$TMP/out" '"designated": false, "views": "external"' "topology json: not designated, external view"
expect_in "$TMP/out" "sip.contoso.com is the Access Edge, not the designated sign-in pool ocs01.contoso.com" "topology: the Access Edge named"
PORT=$PN expect_rc 0 "a SIP domain the topology lacks" -- D --topology "$W" alice@first.test
expect_in "$TMP/out" "topology: the topology has no SIP domain first.test" "topology: an unknown SIP domain said so"

# usage
expect_rc 2 "not a SIP address" -- D alice
expect_in "$TMP/err" "'alice' is not a SIP address (it has no '@'): give user@domain or sip:user@domain" "bad address: what and how"
expect_rc 2 "an unknown order" -- D --order r3 alice@first.test
expect_in "$TMP/err" "give one of r2-ga, r2-beta, insideocs" "unknown order: the variants"
expect_rc 2 "an order of the other client" -- D --client phone-edition --order r2-ga alice@first.test
expect_rc 2 "an unknown client" -- D --client lync alice@first.test
expect_rc 0 "discover --help" -- "$SIPDNS" discover --help
expect_in "$TMP/out" "Exit status: 0 a client would find a server" "help: exit status"
expect_rc 0 "sipdns help discover" -- "$SIPDNS" help discover
# every option of discover --help is a DISCOVER OPTIONS item of the man page
# and in README.md's discover section
awk '/^\.SH DISCOVER OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on && tp { print; tp = 0 } on && /^\.TP/ { tp = 1 }' \
	"$top_srcdir/src/cli/sipdns.1" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' > "$TMP/man"
sed -n '/^## Seeing DNS as the client does: discover/,/^## /p' "$top_srcdir/README.md" > "$TMP/readme"
"$SIPDNS" discover --help | grep -oE -- '--[a-z][a-z-]+' | sort -u | grep -vx -- --help > "$TMP/opts"
[ -s "$TMP/opts" ] || fail "discover --help lists no options"
while read -r opt; do
	grep -qE -- "(^|[ ,])$opt( |,|\$)" "$TMP/man" && pass "discover $opt: in the man page" ||
		fail "discover $opt: in --help, not in the man page's DISCOVER OPTIONS"
	grep -qF -- "$opt" "$TMP/readme" && pass "discover $opt: in README.md" ||
		fail "discover $opt: in --help, not in README.md's discover section"
done < "$TMP/opts"
finish
