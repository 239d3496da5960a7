#!/bin/sh
# smoke.sh -- 'make fuzz-smoke': each libFuzzer target for SECONDS from its
# seeds, then what it found merged into a copy of the seeds, so that the
# corpora keep growing.
#
#   smoke.sh SRCDIR BUILDDIR SECONDS TARGET=DIR[:DIR...]...
#
# DIRs (under SRCDIR) are the target's seeds, the same list its replay_*
# program replays under make check. Everything goes to fuzz-work/ in the
# current directory: fuzz-work/TARGET/fuzz.log, crash-*, leak-*, timeout-*
# on a finding (exit 1); on none, fuzz-work/TARGET/new/ holds the inputs
# that add coverage beyond the seeds (libFuzzer -merge=1 into a copy of
# them), one summary line per target goes to fuzz-work/summary.txt, and
# when a target's new inputs are few (under FUZZ_KEEP_FILES files and
# FUZZ_KEEP_KB KiB) the way to commit them as seeds follows. With
# FUZZ_NEW_DIR set, the new inputs are also copied to FUZZ_NEW_DIR/TARGET/
# (CI: out of the build tree it deletes).
set -u
src=$1 build=$2 secs=$3
shift 3
keep_files=${FUZZ_KEEP_FILES:-50}
keep_kb=${FUZZ_KEEP_KB:-200}
work=fuzz-work
rm -rf "$work"
mkdir -p "$work" || exit 99
: > "$work/summary.txt"
opts="-timeout=10 -rss_limit_mb=2048 -max_len=65536"

# run TARGET DIR LOG ARGS...: the target in DIR, its output to LOG
# (ASAN: ASan options; leaks are looked for while fuzzing, not in merges)
run() {
	t=$1 d=$2 log=$3
	shift 3
	# $opts: options, split on purpose
	# shellcheck disable=SC2086
	(cd "$d" && ASAN_OPTIONS=$ASAN \
		LSAN_OPTIONS=suppressions="$src/tests/lsan.supp" \
		"$build/tests/fuzz/fuzz_$t" $opts "$@" > "$log" 2>&1)
}

# names DIR: the names of the files in DIR, sorted
names() {
	(cd "$1" && find . -type f | sed 's|^\./||' | sort)
}

# found T W RC: stop on a finding of target T (work dir W, exit status RC)
found() {
	if [ "$3" -ne 0 ] || ls "$2"/crash-* "$2"/leak-* "$2"/timeout-* "$2"/oom-* > /dev/null 2>&1; then
		tail -60 "$2/fuzz.log"
		echo "fuzz_$1 found a problem (exit $3): see $2; add the input to tests/fuzz/corpus/$1/"
		exit 1
	fi
}

for spec in "$@"; do
	t=${spec%%=*}
	w=$PWD/$work/$t
	mkdir -p "$w/corpus" "$w/merged" "$w/new" || exit 99
	dirs=""
	for s in $(echo "${spec#*=}" | tr ':' ' '); do
		dirs="$dirs $src/$s"
	done
	echo "== fuzz_$t for $secs s"
	ASAN=detect_leaks=1:fast_unwind_on_malloc=0
	# $dirs: directory names without blanks (ours)
	# shellcheck disable=SC2086
	run "$t" "$w" "$w/fuzz.log" -max_total_time="$secs" -print_final_stats=1 corpus $dirs
	rc=$?
	grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss)' "$w/fuzz.log"
	found "$t" "$w" $rc
	# what this run found merged into a copy of the seeds: first the
	# seeds (libFuzzer copies them, named by content), then the run's
	# inputs; what lands in the second merge is new coverage (edges: hit
	# counts left out, so that what is new stays few enough to commit)
	ASAN=detect_leaks=0
	# shellcheck disable=SC2086
	run "$t" "$w" "$w/merge.log" -use_counters=0 -merge=1 merged $dirs &&
		names "$w/merged" > "$w/seeds.list" &&
		run "$t" "$w" "$w/merge2.log" -use_counters=0 -merge=1 merged corpus
	rc=$?
	if [ $rc -ne 0 ]; then
		tail -20 "$w/merge.log" "$w/merge2.log" 2> /dev/null
		echo "fuzz_$t: the merge failed (exit $rc): see $w/merge*.log"
		exit 1
	fi
	names "$w/merged" | comm -23 - "$w/seeds.list" | while read -r f; do
		cp "$w/merged/$f" "$w/new/"
	done
	at=$w/new
	if [ -n "${FUZZ_NEW_DIR:-}" ]; then
		at=$FUZZ_NEW_DIR/$t
		mkdir -p "$at" && cp "$w"/new/* "$at/" 2> /dev/null
	fi
	n=$(find "$w/new" -type f | wc -l)
	bytes=$(find "$w/new" -type f -exec cat {} + | wc -c)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$w/fuzz.log")
	cov=$(sed -n 's/^#[0-9]*[[:space:]]*DONE[[:space:]]*cov: *\([0-9]*\).*/\1/p' "$w/fuzz.log")
	echo "fuzz_$t: ${runs:-?} runs, cov ${cov:-?}, $n new inputs ($bytes bytes) beyond the seeds, in $at" >> "$work/summary.txt"
	if [ "$n" -gt 0 ] && [ "$n" -lt "$keep_files" ] && [ "$bytes" -lt $((keep_kb * 1024)) ]; then
		echo "  to keep them as seeds, in the source tree: cp $at/* tests/fuzz/corpus/$t/ && git add tests/fuzz/corpus/$t" >> "$work/summary.txt"
	elif [ "$n" -gt 0 ]; then
		echo "  more than a seed corpus takes ($keep_files files, $keep_kb KiB): not for committing as they are" >> "$work/summary.txt"
	fi
done
cat "$work/summary.txt"
echo "fuzz-smoke: no findings"
