#!/bin/sh
# cli.sh -- the command line: help, exit codes, bad input, atomic output
. "$top_srcdir/tests/integration/lib.sh"
Z=$top_srcdir/zones
D=$top_srcdir/tests/data

expect_rc 0 "--help" -- "$SIPDNS" --help
expect_in "$TMP/out" "Subcommands:" "--help lists subcommands"
expect_rc 0 "--version" -- "$SIPDNS" --version
expect_in "$TMP/out" "sipdns 0.1.0" "--version prints the version"
for c in check generate verify diff; do
	expect_rc 0 "help $c" -- "$SIPDNS" help "$c"
	expect_rc 0 "$c --help" -- "$SIPDNS" "$c" --help
	expect_in "$TMP/out" "Exit status" "$c --help documents exit status"
done
expect_rc 2 "no arguments" -- "$SIPDNS"
expect_rc 2 "unknown subcommand" -- "$SIPDNS" frobnicate
expect_rc 2 "check without a file" -- "$SIPDNS" check
expect_rc 2 "unknown option" -- "$SIPDNS" check --nope "$Z/walkthrough.yaml"
expect_rc 2 "unknown format" -- "$SIPDNS" generate -f bind "$Z/walkthrough.yaml"
expect_in "$TMP/err" "unknown format 'bind'" "unknown format named"
expect_rc 2 "bad serial" -- "$SIPDNS" generate --serial 12x "$Z/walkthrough.yaml"
expect_rc 2 "hostile --server" -- "$SIPDNS" generate -f dnscmd --server 'a;b' "$Z/walkthrough.yaml"
expect_rc 3 "missing file" -- "$SIPDNS" check "$TMP/nope.yaml"
expect_in "$TMP/err" "nope.yaml: error: cannot open: No such file or directory" "missing file named"
expect_rc 3 "a directory" -- "$SIPDNS" check "$TMP"

# check: examples pass, parse errors are 2, rule errors 1, warnings 0
for t in walkthrough enterprise hosting; do
	expect_rc 0 "check $t" -- "$SIPDNS" check "$Z/$t.yaml"
done
expect_rc 2 "check: syntax error" -- "$SIPDNS" check "$D/parse/01-syntax-flow.yaml"
expect_in "$TMP/err" "01-syntax-flow.yaml:3:6: error:" "syntax error positioned"
expect_in "$TMP/err" "^" "offending line echoed with a caret"
expect_rc 1 "check: rule error" -- "$SIPDNS" check "$D/check/av-edge-nat.yaml"
expect_in "$TMP/err" "[av-edge-nat]" "rule id shown"
expect_rc 0 "check: warning only" -- "$SIPDNS" check "$D/check/strict-naming.yaml"
expect_rc 1 "check --strict: warning is an error" -- "$SIPDNS" check --strict "$D/check/strict-naming.yaml"
expect_rc 0 "check -q prints nothing" -- "$SIPDNS" check -q "$Z/walkthrough.yaml"
[ -s "$TMP/out" ] && fail "check -q wrote output"

# generate: an invalid topology never produces output
mkdir "$TMP/o"
expect_rc 2 "generate: invalid topology" -- "$SIPDNS" generate -o "$TMP/o" "$D/check/av-edge-nat.yaml"
[ -z "$(ls -A "$TMP/o")" ] && pass "nothing written for an invalid topology" || fail "files written for an invalid topology"
expect_rc 2 "generate to stdout: invalid topology" -- "$SIPDNS" generate "$D/parse/10-bad-ipv4.yaml"
[ -s "$TMP/out" ] && fail "stdout written for an invalid topology" || pass "empty stdout for an invalid topology"

# generate -o: files per view and zone, unchanged on re-run, serial bumped on change
expect_rc 0 "generate -o" -- "$SIPDNS" generate -o "$TMP/o" "$Z/walkthrough.yaml"
[ -f "$TMP/o/internal/contoso.com.zone" ] && [ -f "$TMP/o/external/contoso.com.zone" ] &&
	pass "DIR/VIEW/ZONE.zone written" || fail "zone files missing"
expect_in "$TMP/o/internal/contoso.com.zone" "2026111800	; serial" "serial is YYYYMMDDnn of SOURCE_DATE_EPOCH"
cp "$TMP/o/internal/contoso.com.zone" "$TMP/before"
expect_rc 0 "generate again" -- "$SIPDNS" generate -o "$TMP/o" "$Z/walkthrough.yaml"
expect_in "$TMP/err" "unchanged $TMP/o/internal/contoso.com.zone" "unchanged file reported"
cmp -s "$TMP/before" "$TMP/o/internal/contoso.com.zone" && pass "unchanged file kept byte for byte" || fail "unchanged file rewritten"
mkdir "$TMP/c"
sed 's/10.0.0.10/10.0.0.11/' "$Z/walkthrough.yaml" > "$TMP/c/walkthrough.yaml"
expect_rc 0 "generate a changed topology" -- "$SIPDNS" generate -o "$TMP/o" "$TMP/c/walkthrough.yaml"
expect_in "$TMP/o/internal/contoso.com.zone" "2026111801	; serial" "serial above the existing one"
expect_in "$TMP/o/external/contoso.com.zone" "2026111800	; serial" "untouched zone keeps its serial"
for f in nsupdate dnscmd powershell json fragment; do
	expect_rc 0 "generate -f $f -o" -- "$SIPDNS" generate -f "$f" -o "$TMP/o" "$Z/enterprise.yaml"
done
for e in nsupdate cmd ps1 json frag; do
	[ -f "$TMP/o/internal/fabrikam.com.$e" ] && pass ".$e file written" || fail ".$e file missing"
done
expect_rc 0 "--view external only" -- "$SIPDNS" generate --view external "$Z/walkthrough.yaml"
grep -q "internal view" "$TMP/out" && fail "--view external printed the internal view" || pass "--view filters"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/o/internal/fabrikam.com.json" &&
	pass "JSON output parses" || fail "JSON output does not parse"

# atomic: a failing write leaves the previous files, and no temporary files
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$TMP/o/internal"
	cp "$TMP/o/external/contoso.com.zone" "$TMP/ext-before"
	expect_rc 3 "read-only directory" -- "$SIPDNS" generate -o "$TMP/o" "$Z/walkthrough.yaml"
	chmod u+w "$TMP/o/internal"
else
	# root ignores permissions: make the target directory a file instead
	cp "$TMP/o/external/contoso.com.zone" "$TMP/ext-before"
	mv "$TMP/o/internal" "$TMP/o/internal.keep"; : > "$TMP/o/internal"
	sed 's/131.107.155.30/131.107.155.31/' "$Z/walkthrough.yaml" > "$TMP/c/walkthrough.yaml"
	expect_rc 3 "unwritable view directory" -- "$SIPDNS" generate -o "$TMP/o" "$TMP/c/walkthrough.yaml"
	expect_in "$TMP/err" "not a directory" "error names the problem"
	rm "$TMP/o/internal"; mv "$TMP/o/internal.keep" "$TMP/o/internal"
fi
cmp -s "$TMP/ext-before" "$TMP/o/external/contoso.com.zone" && pass "previous files intact after a failed run" || fail "previous file changed by a failed run"
ls -A "$TMP/o/internal" "$TMP/o/external" | grep -q '^\.' && fail "temporary files left behind" || pass "no temporary files left"

# interrupted (SIGINT, SIGTERM): the previous files stay, no temporary files.
# 3,000 SIP domains: 6,002 files, 24 MB on disk (CI machines may have little).
N=3000
mkdir -p "$TMP/h1" "$TMP/h2"
sh "$top_srcdir/zones/make-hosting.sh" $N > "$TMP/h1/hosting.yaml"
sed 's/10.20.1.20/10.20.1.21/' "$TMP/h1/hosting.yaml" > "$TMP/h2/hosting.yaml"
t0=$(date +%s%N)
"$SIPDNS" generate -q -o "$TMP/big" "$TMP/h1/hosting.yaml" || fail "generate the big topology"
run_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# several threads render and write the zones, each a range of them: the
# text on stdout is every file, in the order the log lists them, one
# separator between (CRLF for the Windows formats)
for f in zone dnscmd; do
	"$SIPDNS" generate -f $f -o "$TMP/order-$f" "$TMP/h1/hosting.yaml" 2> "$TMP/order.log"
	"$SIPDNS" generate -f $f "$TMP/h1/hosting.yaml" > "$TMP/order.out"
	sep='\n'; [ $f = dnscmd ] && sep='\r\n'
	python3 -c 'import sys,re
paths = [l.split()[1] for l in open(sys.argv[1])]
sep = sys.argv[3].encode().decode("unicode_escape").encode()
want = sep.join(open(p, "rb").read() for p in paths)
sys.exit(0 if len(paths) == 2 * int(sys.argv[4]) + 2 and open(sys.argv[2], "rb").read() == want else 1)' \
		"$TMP/order.log" "$TMP/order.out" "$sep" $N &&
		pass "$f: stdout is every file, in order ($N SIP domains, several threads)" ||
		fail "$f: stdout differs from the files in order"
	rm -rf "$TMP/order-$f"
done
sums() { find "$1" -type f | sort | xargs cat | cksum; }

# how long sipdns takes to start and finish on the smallest topology: a
# signal before that may come before its handlers are set (and SIGINT is
# ignored until then: a background job of a script ignores it)
t0=$(date +%s%N)
"$SIPDNS" generate "$Z/walkthrough.yaml" > /dev/null
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

# interrupt SIG DIR YAML UNDO: run generate and signal it at a third of a
# full run, never before twice the start-up time. A run that finished
# first (a fast machine, a busy one) is undone with UNDO and tried again
# with the signal earlier; a process the signal killed before sipdns had
# set its handlers changed nothing, and is tried again later. Leaves the
# exit code in $rc.
interrupt() {
	case $1 in INT) killed=130 ;; TERM) killed=143 ;; esac
	lo=$((2 * start_ms)); hi=$run_ms; ms=$((run_ms / 3)); tries=0
	[ $ms -gt $lo ] || ms=$(( (lo + hi) / 2 ))
	while :; do
		"$SIPDNS" generate -q -o "$2" "$3" 2> "$TMP/sig.err" &
		gpid=$!
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -"$1" $gpid 2>/dev/null
		wait $gpid; rc=$?
		tries=$((tries + 1))
		if [ $rc -eq 0 ]; then
			echo "note: SIG$1 at $ms ms came after the run had finished"
			eval "$4"
			hi=$ms
		elif [ $rc -eq $killed ]; then
			echo "note: SIG$1 at $ms ms came before sipdns had started"
			lo=$ms
		else
			return
		fi
		[ $tries -lt 12 ] || return
		ms=$(( (lo + hi) / 2 ))
	done
}
for sig in INT TERM; do
	sum_before=$(sums "$TMP/big")
	interrupt $sig "$TMP/big" "$TMP/h2/hosting.yaml" \
		'"$SIPDNS" generate -q -o "$TMP/big" "$TMP/h1/hosting.yaml"; sum_before=$(sums "$TMP/big")'
	[ $rc -eq 3 ] && pass "SIG$sig: exit 3" || fail "SIG$sig: exit $rc, want 3"
	expect_in "$TMP/sig.err" "interrupted: no file was changed" "SIG$sig: reported"
	[ "$(sums "$TMP/big")" = "$sum_before" ] &&
		pass "SIG$sig: previous files intact" || fail "SIG$sig: previous files changed"
	[ -z "$(find "$TMP/big" -name '.*')" ] && pass "SIG$sig: no temporary files left" || fail "SIG$sig: temporary files left"
done
# a new output directory is built under a temporary name: interrupted,
# it leaves nothing at all
mkdir "$TMP/fresh"
interrupt INT "$TMP/fresh/o" "$TMP/h2/hosting.yaml" 'rm -rf "$TMP/fresh/o"'
[ $rc -eq 3 ] && pass "SIGINT into a new directory: exit 3" || fail "SIGINT into a new directory: exit $rc, want 3"
[ -z "$(ls -A "$TMP/fresh")" ] && pass "SIGINT into a new directory: nothing left, not even the directory" || fail "SIGINT into a new directory: left $(ls -A "$TMP/fresh")"
[ -z "$(ls -A "$TMP/big" | grep '^\.')" ] && [ "$(ls "$TMP/big/external" | wc -l)" -eq $((N + 1)) ] &&
	pass "a new directory: all files, no temporary directory" || fail "a new directory: temporary directory left or files missing"
rm -rf "$TMP/big" "$TMP/fresh"

# a full file system (root only: a 64 KiB tmpfs)
mkdir -p "$TMP/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$TMP/full" 2>/dev/null; then
	"$SIPDNS" generate -q -o "$TMP/full/o" "$Z/walkthrough.yaml" || fail "generate into the small file system"
	sh "$top_srcdir/tests/bench/topology.sh" 2000 > "$TMP/big2000.yaml"
	expect_rc 3 "full file system" -- "$SIPDNS" generate -q -o "$TMP/full/o" "$TMP/big2000.yaml"
	expect_in "$TMP/err" "No space left on device (no file was changed)" "full file system reported"
	[ -z "$(find "$TMP/full/o" -name '.*')" ] && pass "full file system: no temporary files left" || fail "full file system: temporary files left"
	[ -z "$(find "$TMP/full/o" -name 'tenant*')" ] && pass "full file system: no new file half-made" || fail "full file system: some new files written"
	[ -s "$TMP/full/o/internal/contoso.com.zone" ] && pass "full file system: previous files intact" || fail "full file system: previous file lost"
	expect_rc 3 "full file system, new directory" -- "$SIPDNS" generate -q -o "$TMP/full/new" "$TMP/big2000.yaml"
	[ ! -e "$TMP/full/new" ] && pass "full file system, new directory: nothing left, not even the directory" || fail "full file system, new directory: left $(ls -A "$TMP/full/new")"
	umount "$TMP/full"
else
	echo "note: no full-file-system test here (needs root and tmpfs mounts); /dev/full below covers stdout"
fi

if [ -w /dev/full ]; then
	expect_rc 3 "stdout on a full disk" -- sh -c "\"$SIPDNS\" generate \"$Z/walkthrough.yaml\" > /dev/full"
fi
finish
