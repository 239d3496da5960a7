#!/bin/sh
# topology.sh N -- a synthetic hosting topology with N SIP domains, each
# with its own zone in both views: one Enterprise pool per 20,000 domains
# (4 Front Ends behind a load balancer), the first one receiving sign-ins,
# a Director pool, Mediation and A/V Conferencing servers, a load-balanced
# Edge array and a reverse proxy. Written with awk: 100,000 domains in a
# fraction of a second.
n=${1:?usage: topology.sh N}
awk -v n="$n" 'BEGIN {
	pools = 1 + int(n / 20000)
	print "# synthetic hosting topology: " n " SIP domains (tests/bench/topology.sh)"
	print "version: 1\nproduct: ocs2007r2\nad_domain: hoster.net"
	print "options: {strict_dns_naming: false, tcp_allowed: true}"
	print "sip_domains:"
	for (i = 1; i <= n; i++) printf "  - tenant%06d.example\n", i
	print "views:"
	for (v = 0; v < 2; v++) {
		print (v ? "  external:" : "  internal:")
		print "    ns: [{fqdn: " (v ? "ns1" : "dc01") ".hoster.net, address: " (v ? "198.51.100.2" : "10.20.0.1") "}]"
		print "    zones:\n      - hoster.net"
		for (i = 1; i <= n; i++) printf "      - tenant%06d.example\n", i
		# the other public names of each tenant, kept by hand in the internal
		# zones (split-brain; rule split-brain-public)
		if (!v) {
			print "    owned_elsewhere:"
			for (i = 1; i <= n; i++) printf "      - www.tenant%06d.example\n", i
		}
	}
	print "pools:"
	for (p = 1; p <= pools; p++) {
		printf "  - fqdn: pool%02d.hoster.net\n    edition: enterprise\n    vip: 10.21.%d.10\n", p, p
		if (p == 1) print "    auto_sign_in: true"
		printf "    web_farm: {fqdn: web%02d.hoster.net, address: 10.21.%d.20}\n    front_ends:\n", p, p
		for (f = 1; f <= 4; f++) printf "      - {fqdn: fe%02d%d.hoster.net, address: 10.21.%d.%d}\n", p, f, p, 10 + f
	}
	print "  - fqdn: dir.hoster.net\n    edition: enterprise\n    role: director\n    vip: 10.22.0.10\n    web_farm: dir.hoster.net"
	print "    front_ends: [{fqdn: dir1.hoster.net, address: 10.22.0.11}, {fqdn: dir2.hoster.net, address: 10.22.0.12}]"
	print "servers:"
	print "  - {fqdn: med01.hoster.net, role: mediation, address: 10.23.0.10}"
	print "  - {fqdn: avmcu01.hoster.net, role: av-conferencing, address: 10.23.0.20}"
	print "device_update: pool01.hoster.net"
	print "edge:"
	print "  internal: {fqdn: edge.hoster.net, address: 172.26.0.10}"
	print "  servers: [{fqdn: edge01.hoster.net, address: 172.26.0.11}, {fqdn: edge02.hoster.net, address: 172.26.0.12}]"
	print "  access: {fqdn: sip.hoster.net, address: 198.51.100.10}"
	print "  web_conferencing: {fqdn: webconf.hoster.net, address: 198.51.100.20}"
	print "  av: {fqdn: av.hoster.net, address: 198.51.100.30}"
	print "  next_hop: dir.hoster.net"
	print "reverse_proxy: {address: 198.51.100.40, web_farm_fqdn: webext.hoster.net}"
}'
