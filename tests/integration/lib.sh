# lib.sh -- shared by the integration tests (sourced)
# Exit codes for automake: 0 pass, 1 fail, 77 skip, 99 hard error.
set -u
: "${top_srcdir:?run through make check}"
: "${SIPDNS:?run through make check}"
export SOURCE_DATE_EPOCH=1795000000   # 2026-11-18: stable serials
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sipdns-test.XXXXXX") || exit 99
FAILS=0
PIDS=""
# (every step may fail harmlessly: callers may run under set -e)
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	umount "$TMP/full" 2>/dev/null || true
	chmod -R u+w "$TMP" 2>/dev/null || true
	rm -rf "$TMP" || true
}
trap cleanup EXIT INT TERM

# skip WHY: exit 77, or a hard error where every tool must be present (CI)
skip() {
	echo "SKIP: $*"
	[ "${SIPDNS_REQUIRE_ALL:-}" = 1 ] && { echo "SIPDNS_REQUIRE_ALL=1: a missing tool is an error"; exit 99; }
	exit 77
}
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
finish() { [ "$FAILS" -eq 0 ] && { echo "all passed"; exit 0; }; echo "$FAILS failure(s)"; exit 1; }

# expect_rc WANT DESCRIPTION -- command...
expect_rc() {
	want=$1; what=$2; shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then pass "$what (exit $rc)"; else
		fail "$what: exit $rc, want $want"; sed 's/^/  | /' "$TMP/err" | head -20; fi
}
# expect_in FILE TEXT DESCRIPTION
expect_in() {
	if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: '$2' not in $1"; sed 's/^/  | /' "$1" | head -20; fi
}

# free_port: a UDP+TCP port on 127.0.0.1 nobody listens on
free_port() {
	python3 - <<'PY' 2>/dev/null || echo $((20000 + $$ % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", p)); u.close()
print(p)
PY
}

# soa_seen ADDR PORT ZONE: the server at ADDR#PORT answers ZONE's SOA
# (an SOA record in the answer: dig prints its own errors, "connection
# refused" while the server is still loading, to stdout)
soa_seen() {
	dig +noall +answer +time=1 +tries=1 -p "$2" @"$1" "$3" SOA 2>/dev/null | grep -q '[[:space:]]SOA[[:space:]]'
}

# wait_soa PORT ZONE [SECONDS]: until the server answers (default 10 s)
wait_soa() {
	for _ in $(seq $((${3:-10} * 10))); do
		if soa_seen 127.0.0.1 "$1" "$2"; then return 0; fi
		sleep 0.1
	done
	return 1
}

# start_nsd DIR PORT [WAIT]: serve every DIR/*.zone (named ZONE.zone) on
# 127.0.0.1:PORT with NSD, rate limiting off; waits (WAIT seconds, 10)
# until it answers.
start_nsd() {
	dir=$1; port=$2; wait_s=${3:-10}
	command -v nsd >/dev/null || [ -x /usr/sbin/nsd ] || skip "needs nsd"
	conf=$dir/nsd.conf
	cat > "$conf" <<CONF
server:
	ip-address: 127.0.0.1
	port: $port
	username: ""
	chroot: ""
	database: ""
	zonelistfile: "$dir/zone.list"
	xfrdfile: "$dir/xfrd.state"
	xfrdir: "$dir"
	pidfile: "$dir/nsd.pid"
	logfile: "$dir/nsd.log"
	rrl-ratelimit: 0
	verbosity: 1
remote-control:
	control-enable: no
CONF
	# one pass, no process per zone: 200,000 zones in a benchmark
	ls "$dir" | awk -v d="$dir" '/\.zone$/ { n = $0; sub(/\.zone$/, "", n);
		printf "zone:\n\tname: \"%s\"\n\tzonefile: \"%s/%s\"\n", n, d, $0 }' >> "$conf"
	first=$(ls "$dir" | sed -n 's/\.zone$//p' | head -1)
	PATH=$PATH:/usr/sbin nsd -d -c "$conf" > "$dir/nsd.out" 2>&1 &
	PIDS="$PIDS $!"
	if [ -n "$first" ]; then
		wait_soa "$port" "$first" "$wait_s" || { echo "nsd did not start:"; cat "$dir/nsd.out" "$dir/nsd.log" 2>/dev/null | tail; exit 99; }
	else
		sleep 0.5
	fi
}

# walkthrough_drifted OUT [SED-OPTION...]: the walkthrough's internal zone
# (contoso.com), drifted: a wrong address (cwa01), a missing name
# (webconf), an A where a CNAME belongs (im), a CNAME where an A belongs
# (webext), a stale SRV beside the right one, another address of the
# self-registered server (ocs01, TTL 1200); more sed options may follow.
walkthrough_drifted() {
	out=$1; shift
	sed -e 's/^\(cwa01\.contoso\.com\..*A\t\)10\.0\.0\.20$/\110.0.0.21/' \
	    -e '/^webconf\.contoso\.com\./d' \
	    -e 's/^im\.contoso\.com\.\t3600\tIN\tCNAME\tcwa01\.contoso\.com\.$/im.contoso.com.\t3600\tIN\tA\t10.0.0.77/' \
	    -e 's/^webext\.contoso\.com\.\t3600\tIN\tA\t131\.107\.155\.40$/webext.contoso.com.\t3600\tIN\tCNAME\tcwa01.contoso.com./' \
	    "$@" "$top_srcdir/zones/walkthrough/internal/contoso.com.zone" > "$out" || exit 99
	printf '_sipinternaltls._tcp.contoso.com.\t3600\tIN\tSRV\t0 0 5061 oldpool.contoso.com.\nocs01.contoso.com.\t1200\tIN\tA\t10.0.0.11\n' >> "$out"
	grep -q '10.0.0.21' "$out" && grep -q '10.0.0.77' "$out" || exit 99
}

# start_named_zone DIR PORT ZONEFILE [KEYNAME]: BIND serving contoso.com
# from ZONEFILE on 127.0.0.1:PORT (its files in DIR, transfers to
# 127.0.0.1 allowed); with KEYNAME, DIR/key.conf (tsig-keygen) is
# included and updates signed with that key are allowed. Waits until it
# answers; stopped by the trap.
start_named_zone() {
	nd=$1 nport=$2 nzone=$3 nkey=${4:-}
	ninc="" nupd=""
	if [ -n "$nkey" ]; then
		ninc="include \"$nd/key.conf\";"
		nupd="allow-update { key $nkey; };"
	fi
	cat > "$nd/named.conf" <<CONF
options {
	directory "$nd";
	listen-on port $nport { 127.0.0.1; };
	listen-on-v6 { none; };
	pid-file "$nd/named.pid";
	session-keyfile "$nd/session.key";
	recursion no;
	dnssec-validation no;
	allow-transfer { 127.0.0.1; };
};
controls { };
$ninc
zone "contoso.com" { type primary; file "$nzone"; $nupd };
CONF
	PATH=$PATH:/usr/sbin named -g -4 -c "$nd/named.conf" > "$nd/named.log" 2>&1 &
	PIDS="$PIDS $!"
	wait_soa "$nport" contoso.com || { echo "named did not start:"; tail -20 "$nd/named.log"; exit 99; }
}
