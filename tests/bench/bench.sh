#!/bin/sh
# bench.sh -- make bench: for 10, 1,000, 10,000 and 100,000 SIP domains,
# side by side in one run: check (three runs: the median time, the
# largest peak memory, bytes per record);
# generate -o into a new directory, again over its own unchanged output,
# beside cp -r of the same files; generate to stdout; verify against NSD
# on 127.0.0.1 beside dnsperf on the same questions, server and queries
# in flight, each as a whole process (wall seconds, /usr/bin/time) and as
# an asking rate; a sequential dig loop over 500 of the questions. Then
# verify --state at the largest size with a 200,000-finding state file.
# With a baseline build (BENCH_BASELINE, a sipdns binary; make
# bench-baseline builds the one issue 13 measured), check is also timed
# with it, three runs right after this build's three, and the two are
# compared: the same machine, the same run, the same topology.
# Prints one table, also written to $BENCH_RESULTS (default
# bench-results.txt). BENCH_SIZES overrides the sizes.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SIPDNS:=$PWD/sipdns}"
export top_srcdir SIPDNS
. "$top_srcdir/tests/integration/lib.sh"
sizes=${BENCH_SIZES:-"10 1000 10000 100000"}
results=${BENCH_RESULTS:-bench-results.txt}
INFLIGHT=64
# the baseline: BENCH_BASELINE, else what make bench-baseline built;
# BENCH_BASELINE=none for none
BENCH_BASELINE=${BENCH_BASELINE:-}
if [ -z "$BENCH_BASELINE" ] && [ -x "$PWD/bench-baseline/sipdns" ]; then
	BENCH_BASELINE=$PWD/bench-baseline/sipdns
fi
[ "$BENCH_BASELINE" = none ] && BENCH_BASELINE=
if [ -n "$BENCH_BASELINE" ]; then
	[ -x "$BENCH_BASELINE" ] || skip "BENCH_BASELINE=$BENCH_BASELINE is not an executable"
	what=$(sed -n '1{s/^\([0-9a-f]\{12\}\)[0-9a-f]* \(.*\)/commit \1, CFLAGS \2/;p;}' "$(dirname "$BENCH_BASELINE")/commit" 2>/dev/null)
	BENCH_BASELINE_WHAT="sipdns $("$BENCH_BASELINE" --version | cut -d' ' -f2)${what:+ at $what}"
fi
for c in dnsperf dig; do command -v $c >/dev/null || skip "make bench needs $c (Debian: dnsperf, bind9-dnsutils)"; done
[ -x /usr/bin/time ] || skip "make bench needs /usr/bin/time (Debian: time)"

row() { printf '%-7s %8s %7s %7s %6s %6s %7s %7s %8s %8s %7s %7s %6s %8s %8s %6s\n' "$@"; }
{
echo "sipdns $("$SIPDNS" --version | cut -d' ' -f2) on $(uname -m), $(nproc) cores; NSD $(nsd -v 2>&1 | head -1 | awk '{print $NF}'); $INFLIGHT queries in flight"
echo "check (median of 3), gen (-o, new dir), again (-o, unchanged files), cp -r (+ sync), stdout (generate to stdout): wall s; MiB, B/rec: check's peak RSS (largest of 3)"
echo "verify s, dnsperf s: each whole process, wall s (median of 3); ratio: dnsperf s / verify s (>= 0.9 is the target); q/s: asking rate"
row domains records "check s" "MiB" "B/rec" "gen s" "again s" "cp -r s" "stdout s" questions "verify s" "dnsperf s" ratio "verify q/s" "dnsperf q/s" "dig q/s"
} | tee "$TMP/table"
# median of the lines of a file
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'; }
last=$(echo $sizes | awk '{ print $NF }')
# check_runs BIN P: BIN check on $d/topology.yaml three times, its wall
# seconds into $d/Pwall, its peak RSS (KiB) into $d/Prss, its output into
# $d/Pcheck; false when a run fails
check_runs() {
	: > "$d/$2wall"; : > "$d/$2rss"
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$d/time.$2" "$1" check "$d/topology.yaml" > "$d/$2check" || return 1
		read t kb < "$d/time.$2"
		echo "$t" >> "$d/$2wall"
		echo "$kb" >> "$d/$2rss"
	done
}
# verify as a whole process, wall seconds into $1; its JSON's asking
# seconds into $2
verify_run() {
	/usr/bin/time -f "%e" -o "$d/t.v" "$SIPDNS" verify --no-recurse --view external \
		--max-in-flight $INFLIGHT --max-per-server $INFLIGHT -f json -s "external=127.0.0.1:$port" \
		"$d/topology.yaml" > "$d/verify.json" || fail "verify $size not in sync"
	cat "$d/t.v" >> "$1"
	sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$d/verify.json" >> "$2"
}
for size in $sizes; do
	d=$TMP/n$size; mkdir -p "$d"
	sh "$top_srcdir/tests/bench/topology.sh" "$size" > "$d/topology.yaml"
	# three runs, as verify and dnsperf: the median wall time, the
	# largest peak memory (a first run on a VM pays the host's first
	# touch of its memory, up to a second at 100,000 domains)
	check_runs "$SIPDNS" c || { fail "check $size"; continue; }
	records=$(sed -n 's/.* \([0-9]*\) records.*/\1/p' "$d/ccheck")
	check_s=$(median "$d/cwall")
	echo "$size: $(tr '\n' ' ' < "$d/cwall")" >> "$TMP/cruns"
	rss_kb=$(sort -n "$d/crss" | tail -1)
	if [ -n "$BENCH_BASELINE" ] && { check_runs "$BENCH_BASELINE" b || { fail "baseline check $size"; false; }; }; then
		brec=$(sed -n 's/.* \([0-9]*\) records.*/\1/p' "$d/bcheck")
		awk -v n="$size" -v c="$check_s" -v b="$(median "$d/bwall")" -v kb="$rss_kb" -v rec="$records" \
		    -v bkb="$(sort -n "$d/brss" | tail -1)" -v brec="${brec:-0}" -v cr="$(tr '\n' ' ' < "$d/cwall")" \
		    -v br="$(tr '\n' ' ' < "$d/bwall")" 'BEGIN {
			ratio = c >= 0.2 ? sprintf("%.2f times as fast as the baseline", b / c) : "too short to compare (under 0.2 s)"
			printf "%s: check %.2f s (runs %s), baseline %.2f s (runs %s): %s; peak %.1f MiB, %.0f B/rec (%s records), baseline %.1f MiB, %.0f B/rec (%s records)\n",
				n, c, cr, b, br, ratio, kb / 1024, (rec > 0 ? kb * 1024 / rec : 0), rec, bkb / 1024,
				(brec > 0 ? bkb * 1024 / brec : 0), brec }' | sed 's/ )/)/g' >> "$TMP/bruns"
	fi
	/usr/bin/time -f "%e" -o "$d/time.gen" "$SIPDNS" generate -q -o "$d/out" "$d/topology.yaml" || { fail "generate $size"; continue; }
	# the nightly run: the same topology again, every file unchanged
	/usr/bin/time -f "%e" -o "$d/time.again" "$SIPDNS" generate -q -o "$d/out" "$d/topology.yaml" || fail "generate $size again"
	# the same records to stdout: generation without the file system
	/usr/bin/time -f "%e" -o "$d/time.stdout" "$SIPDNS" generate -q "$d/topology.yaml" > /dev/null || fail "generate $size to stdout"
	# verify and dnsperf send the same queries (the questions and the
	# wildcard probes) to the same server
	"$SIPDNS" verify --print-questions --view external "$d/topology.yaml" > "$d/questions"
	nq=$(wc -l < "$d/questions")
	port=$(free_port)
	start_nsd "$d/out/external" "$port" 600
	# three runs each, alternating, and the median of each: single runs
	# on a shared 2-core VM vary by half
	: > "$d/vwall"; : > "$d/vsec"; : > "$d/pwall"; : > "$d/pqps"
	for run in 1 2 3; do
		verify_run "$d/vwall" "$d/vsec"
		/usr/bin/time -f "%e" -o "$d/t.p" dnsperf -s 127.0.0.1 -p "$port" -d "$d/questions" -c 1 -q $INFLIGHT -n 1 -t 5 > "$d/dnsperf" 2>&1
		cat "$d/t.p" >> "$d/pwall"
		sed -n 's/.*Queries per second: *\([0-9.]*\).*/\1/p' "$d/dnsperf" >> "$d/pqps"
	done
	# the file system's own cost for the same files, made durable as
	# generate makes them: a plain copy, after verify (right after the
	# copy and its sync of 818 MB at 100,000 domains, this VM's first
	# touches of memory cost more: a verify then took 6.66 s, 4.44 s of
	# it in the kernel zeroing pages, and the next one 5.04 s; dnsperf
	# touches little memory and does not pay it). Nothing is deleted
	# before the end: for minutes after a mass delete, ext4 scans past
	# the freed inodes on every create (recently_deleted), and the next
	# size's files would pay for it
	/usr/bin/time -f "%e" -o "$d/time.cp" sh -c 'cp -r "$1" "$2" && sync -f "$2"' - "$d/out" "$d/copy"
	echo "$size: verify $(tr '\n' ' ' < "$d/vwall")/ dnsperf $(tr '\n' ' ' < "$d/pwall")" | sed 's/ *$//' >> "$TMP/vruns"
	head -500 "$d/questions" > "$d/q500"
	t0=$(date +%s.%N)
	while read -r name type; do dig +short +tries=1 +time=2 -p "$port" @127.0.0.1 "$name" "$type" > /dev/null; done < "$d/q500"
	t1=$(date +%s.%N)
	awk -v n="$size" -v rec="$records" -v c="$check_s" -v kb="$rss_kb" -v g="$(cat "$d/time.gen")" \
	    -v ag="$(cat "$d/time.again")" -v cp="$(cat "$d/time.cp")" -v so="$(cat "$d/time.stdout")" \
	    -v nq="$nq" -v vw="$(median "$d/vwall")" -v pw="$(median "$d/pwall")" -v vs="$(median "$d/vsec")" \
	    -v pq="$(median "$d/pqps")" -v t0="$t0" -v t1="$t1" -v nd="$(wc -l < "$d/q500")" 'BEGIN {
		printf "%-7s %8s %7.2f %7.1f %6.0f %6.2f %7.2f %7.2f %8.2f %8s %7.2f %7.2f %6.2f %8.0f %8.0f %6.0f\n",
			n, rec, c, kb / 1024, kb * 1024 / rec, g, ag, cp, so, nq, vw, pw, (vw > 0 ? pw / vw : 0),
			(vs > 0 ? nq / vs : 0), pq, nd / (t1 - t0) }' | tee -a "$TMP/table"
	[ "$size" = "$last" ] || kill $(cat "$d/out/external/nsd.pid" 2>/dev/null) 2>/dev/null
done
# verify --state at the largest size with a 200,000-finding state file:
# findings of the internal view, which this run does not ask, so all are
# loaded, judged (not checked), carried over and written back. The same
# NSD still serves the external view.
awk 'BEGIN { print "# scope: internal,external"; for (i = 0; i < 200000; i++) printf "1700000000\tmissing|internal|host%d.hoster.net|A\n", i }' > "$d/state"
: > "$d/pwall2"; : > "$d/psec2"
verify_run "$d/pwall2" "$d/psec2"
/usr/bin/time -f "%e" -o "$d/t.v" "$SIPDNS" verify --no-recurse --view external \
	--max-in-flight $INFLIGHT --max-per-server $INFLIGHT -f json -s "external=127.0.0.1:$port" \
	--state "$d/state" "$d/topology.yaml" > /dev/null || fail "verify --state $size not in sync"
withstate=$(cat "$d/t.v")
kept=$(grep -c '^1700000000' "$d/state")
kill $(cat "$d/out/external/nsd.pid" 2>/dev/null) 2>/dev/null
[ "$kept" -eq 200000 ] || fail "the state benchmark lost findings: $kept of 200000 kept"
# the internal view's questions, with one owned_elsewhere name per SIP
# domain: each name is looked up among them (a walk of the list for each
# was quadratic: 11 minutes at 100,000 domains)
/usr/bin/time -f "%e" -o "$d/t.q" "$SIPDNS" verify --print-questions --view internal "$d/topology.yaml" > "$d/qin" || fail "verify --print-questions --view internal $last"
echo "verify --print-questions --view internal at $last domains ($(grep -c . "$d/qin") questions, $last names owned elsewhere): $(cat "$d/t.q") s" | tee -a "$TMP/table"
if [ -n "$BENCH_BASELINE" ] && [ -s "$TMP/bruns" ]; then
	echo "check beside the baseline $BENCH_BASELINE ($BENCH_BASELINE_WHAT), three runs each, this build's first (medians; only this build's first run follows other work):" | tee -a "$TMP/table"
	sed 's/^/  /' "$TMP/bruns" | tee -a "$TMP/table"
fi
echo "check's three runs (wall s) by size: $(sed 's/ *$//' "$TMP/cruns" | tr '\n' ';' | sed 's/;$//; s/;/; /g')" | tee -a "$TMP/table"
echo "verify's and dnsperf's three runs (wall s, alternating) by size: $(tr '\n' ';' < "$TMP/vruns" | sed 's/;$//; s/;/; /g')" | tee -a "$TMP/table"
echo "verify --state at $last domains with a 200,000-finding state file: $withstate s (without --state: $(cat "$d/pwall2") s); $kept findings carried over" | tee -a "$TMP/table"
cp "$TMP/table" "$results"
echo "written to $results"
finish
