#!/bin/sh
# servers.sh -- which servers verify asks: without --server each view's
# name servers from the topology (NSD on 127.0.0.1:53 and 127.0.0.2:53,
# as the topology's ns say), and the report says so; --server with an
# IPv6 literal ([::1]:PORT, NSD on ::1) and with a host name (localhost,
# resolved once and shown as name (address)).
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
command -v nsd >/dev/null || [ -x /usr/sbin/nsd ] || skip "needs nsd"
W=$top_srcdir/zones/walkthrough.yaml

# nsd_at ADDR PORT DIR: NSD serving the zones of DIR on ADDR:PORT (as
# start_nsd, on another address); false when it does not answer in 10 s
nsd_at() {
	conf=$3/nsd.conf
	printf 'server:\n\tip-address: %s\n\tport: %s\n\tusername: ""\n\tchroot: ""\n\tdatabase: ""\n\tzonelistfile: "%s/zone.list"\n\txfrdfile: "%s/xfrd.state"\n\txfrdir: "%s"\n\tpidfile: "%s/nsd.pid"\n\tlogfile: "%s/nsd.log"\n\trrl-ratelimit: 0\nremote-control:\n\tcontrol-enable: no\n' \
		"$1" "$2" "$3" "$3" "$3" "$3" "$3" > "$conf"
	for z in "$3"/*.zone; do
		n=$(basename "$z" .zone)
		printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' "$n" "$z" >> "$conf"
	done
	PATH=$PATH:/usr/sbin nsd -d -c "$conf" > "$3/nsd.out" 2>&1 &
	PIDS="$PIDS $!"
	for _ in $(seq 100); do
		soa_seen "$1" "$2" contoso.com && return 0
		sleep 0.1
	done
	return 1
}
v() { timeout 60 "$SIPDNS" verify --no-recurse --timeout 300 --tries 2 "$@"; }

# --- a host name: localhost, resolved once
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
PI=$(free_port); start_nsd "$TMP/good/internal" "$PI"
expect_rc 0 "--server localhost:PORT: in sync" -- v --view internal -s internal=localhost:$PI "$W"
expect_in "$TMP/out" "14 records expected: 14 in sync" "--server localhost:PORT: every record in sync"
sed -i '/^cwa01\.contoso\.com\./d' "$TMP/good/internal/contoso.com.zone"
PI2=$(free_port); start_nsd "$TMP/good/internal" "$PI2"
expect_rc 1 "--server localhost: drift found" -- v --view internal -s internal=localhost:$PI2 "$W"
# localhost may resolve to ::1 as well, and first (a fresh Debian's /etc/hosts)
expect_in "$TMP/out" "localhost (127.0.0.1:$PI2)" "--server localhost: shown as name (address)"
expect_rc 2 "--server with a name that does not resolve" -- v -s internal=no-such-host.invalid "$W"
expect_in "$TMP/err" "'no-such-host.invalid' is not an IPv4 or IPv6 address and could not be resolved" "an unresolvable name: says so"
expect_rc 2 "--server with a bad port" -- v -s "internal=[::1]:0" "$W"
expect_rc 2 "--server with a bad IPv6 literal" -- v -s "internal=[::1" "$W"

expect_rc 0 "--system-resolver is accepted" -- "$SIPDNS" verify --system-resolver --print-questions "$W"

# --- an IPv6 literal: NSD on [::1]
"$SIPDNS" generate -q -o "$TMP/v6" "$W" || exit 99
P6=$(free_port)
if ip -6 addr show lo 2>/dev/null | grep -q '::1/128' && nsd_at ::1 "$P6" "$TMP/v6/internal"; then
	expect_rc 0 "--server [::1]:PORT: in sync" -- v --view internal -s "internal=[::1]:$P6" "$W"
	expect_in "$TMP/out" "14 records expected: 14 in sync" "--server [::1]:PORT: every record in sync"
	expect_rc 0 "--server ::1 without a port is read as an address" -- "$SIPDNS" verify --print-questions -s internal=::1 "$W"
else
	echo "SKIP (part): no IPv6 on the loopback here: the IPv6 literal is not tested"
fi

# --- the topology's name servers: the internal view's ns at 127.0.0.1:53
# (the external view may not publish a loopback address: that one is
# given with --server)
sed -e 's/address: 10\.0\.0\.1$/address: 127.0.0.1/' "$W" > "$TMP/loop.yaml"
grep -q 'address: 127.0.0.1$' "$TMP/loop.yaml" || { echo "the topology's ns was not rewritten"; exit 99; }
"$SIPDNS" generate -q -o "$TMP/loop" "$TMP/loop.yaml" || exit 99
PE=$(free_port); start_nsd "$TMP/loop/external" "$PE"
if nsd_at 127.0.0.1 53 "$TMP/loop/internal"; then
	expect_rc 0 "no --server: the topology's name servers, in sync" -- v --view internal "$TMP/loop.yaml"
	expect_in "$TMP/out" "14 records expected: 14 in sync" "no --server: every record in sync"
	expect_in "$TMP/out" "note: the internal view was asked at its name servers: dc01.contoso.com (127.0.0.1:53), from the topology" "no --server: the report names the view's servers"
	if grep -q "system resolver" "$TMP/out"; then fail "no --server: the system resolver was used"; else pass "no --server: not the system resolver"; fi
	expect_rc 0 "--server for one view, the topology's for the other" -- v -s external=127.0.0.1:$PE "$TMP/loop.yaml"
	expect_in "$TMP/out" "24 records expected: 24 in sync" "both views: every record in sync"
	if grep -q "external view was asked at its name servers" "$TMP/out"; then fail "--server external: the topology's servers used anyway"; else pass "--server external: the topology's not used for that view"; fi
else
	echo "SKIP (part): 127.0.0.1:53 cannot be served here (not root, or in use): the topology's servers are not tested"
fi
finish
