#!/bin/sh
# bench.sh -- make bench: generate time and memory at 10, 1,000, 10,000 and
# 100,000 SIP domains; verify against NSD on 127.0.0.1 beside dnsperf on
# the same questions, server and queries in flight; and a sequential dig
# loop over 500 of the questions; verify with a 200,000-finding --state
# file. Prints one table, also written to
# $BENCH_RESULTS (default bench-results.txt). BENCH_SIZES overrides sizes.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIPDNS:=$PWD/sipdns}"
export top_srcdir SIPDNS
. "$top_srcdir/tests/integration/lib.sh"
sizes=${BENCH_SIZES:-"10 1000 10000 100000"}
results=${BENCH_RESULTS:-bench-results.txt}
INFLIGHT=64
for c in dnsperf dig; do command -v $c >/dev/null || skip "make bench needs $c (Debian: dnsperf, bind9-dnsutils)"; done
[ -x /usr/bin/time ] || skip "make bench needs /usr/bin/time (Debian: time)"

row() { printf '%-8s %9s %7s %7s %8s %7s %9s %6s %9s %10s %11s %6s %8s\n' "$@"; }
{
echo "sipdns $("$SIPDNS" --version | cut -d' ' -f2) on $(uname -m), $(nproc) cores; NSD $(nsd -v 2>&1 | head -1 | awk '{print $NF}'); $INFLIGHT queries in flight"
row domains records "gen s" "again s" "stdout s" "cp -r s" "peak MiB" "B/rec" questions "verify q/s" "dnsperf q/s" ratio "dig q/s"
} | tee "$TMP/table"
for size in $sizes; do
	d=$TMP/n$size; mkdir -p "$d"
	sh "$top_srcdir/tests/bench/topology.sh" "$size" > "$d/topology.yaml"
	records=$("$SIPDNS" check "$d/topology.yaml" | sed -n 's/.* \([0-9]*\) records.*/\1/p')
	/usr/bin/time -f "%e %M" -o "$d/time" "$SIPDNS" generate -q -o "$d/out" "$d/topology.yaml" || { fail "generate $size"; continue; }
	read gen_s rss_kb < "$d/time"
	# the nightly run: the same topology again, every file unchanged
	/usr/bin/time -f "%e" -o "$d/time.again" "$SIPDNS" generate -q -o "$d/out" "$d/topology.yaml" || fail "generate $size again"
	# the same records to stdout: generation without the file system
	/usr/bin/time -f "%e" -o "$d/time.stdout" "$SIPDNS" generate -q "$d/topology.yaml" > /dev/null || fail "generate $size to stdout"
	# the file system's own cost for the same files, made durable as
	# generate makes them: a plain copy. Nothing is deleted before the
	# end: for minutes after a mass delete, ext4 scans past the freed
	# inodes on every create (recently_deleted), and the next size's
	# files would pay for it
	/usr/bin/time -f "%e" -o "$d/time.cp" sh -c 'cp -r "$1" "$2" && sync -f "$2"' - "$d/out" "$d/copy"
	# verify and dnsperf ask the same questions of the same server
	"$SIPDNS" verify --print-questions --view external "$d/topology.yaml" > "$d/questions"
	nq=$(wc -l < "$d/questions")
	port=$(free_port)
	start_nsd "$d/out/external" "$port" 600
	# three runs each, alternating, and the median of each: single runs
	# on a shared 2-core VM vary by half
	: > "$d/vsec"; : > "$d/pqps"
	for run in 1 2 3; do
		"$SIPDNS" verify --no-recurse --view external --max-in-flight $INFLIGHT --max-per-server $INFLIGHT \
			-f json -s "external=127.0.0.1:$port" "$d/topology.yaml" > "$d/verify.json" || fail "verify $size not in sync"
		sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$d/verify.json" >> "$d/vsec"
		dnsperf -s 127.0.0.1 -p "$port" -d "$d/questions" -c 1 -q $INFLIGHT -n 1 -t 5 > "$d/dnsperf" 2>&1
		sed -n 's/.*Queries per second: *\([0-9.]*\).*/\1/p' "$d/dnsperf" >> "$d/pqps"
	done
	vsec=$(sort -n "$d/vsec" | sed -n 2p)
	pqps=$(sort -n "$d/pqps" | sed -n 2p)
	head -500 "$d/questions" > "$d/q500"
	t0=$(date +%s.%N)
	while read -r name type; do dig +short +tries=1 +time=2 -p "$port" @127.0.0.1 "$name" "$type" > /dev/null; done < "$d/q500"
	t1=$(date +%s.%N)
	kill $(cat "$d/out/external/nsd.pid" 2>/dev/null) 2>/dev/null
	awk -v n="$size" -v rec="$records" -v g="$gen_s" -v kb="$rss_kb" -v nq="$nq" -v vs="$vsec" \
	    -v so="$(cat "$d/time.stdout")" -v cp="$(cat "$d/time.cp")" -v ag="$(cat "$d/time.again")" \
	    -v pq="${pqps:-0}" -v t0="$t0" -v t1="$t1" -v nd="$(wc -l < "$d/q500")" 'BEGIN {
		vq = vs > 0 ? nq / vs : 0
		printf "%-8s %9s %7.2f %7.2f %8.2f %7.2f %8.1f %7.0f %9s %10.0f %11.0f %6.2f %8.0f\n", n, rec, g, ag, so, cp,
			kb / 1024, kb * 1024 / rec, nq, vq, pq, (pq > 0 ? vq / pq : 0), nd / (t1 - t0) }' | tee -a "$TMP/table"
done
# verify --state with a 200,000-finding state file: every finding of the
# internal view, which this run does not ask, so all are loaded, judged
# (not checked), carried over and written back
sd=$TMP/state; mkdir -p "$sd"
"$SIPDNS" generate -q -o "$sd/out" "$top_srcdir/zones/walkthrough.yaml" || fail "generate for the state benchmark"
awk 'BEGIN { print "# scope: internal,external"; for (i = 0; i < 200000; i++) printf "1700000000\tmissing|internal|host%d.contoso.com|A\n", i }' > "$sd/state"
port=$(free_port)
start_nsd "$sd/out/external" "$port"
vs() { /usr/bin/time -f "%e" -o "$sd/time" "$SIPDNS" verify --no-recurse --view external -f json -s "external=127.0.0.1:$port" "$@" \
	"$top_srcdir/zones/walkthrough.yaml" > /dev/null; cat "$sd/time"; }
plain=$(vs)
withstate=$(vs --state "$sd/state")
kept=$(grep -c '^1700000000' "$sd/state")
kill $(cat "$sd/out/external/nsd.pid" 2>/dev/null) 2>/dev/null
[ "$kept" -eq 200000 ] || fail "the state benchmark lost findings: $kept of 200000 kept"
echo "verify --state with a 200,000-finding state file: $withstate s (without --state: $plain s); $kept findings carried over" | tee -a "$TMP/table"
cp "$TMP/table" "$results"
echo "written to $results"
finish
