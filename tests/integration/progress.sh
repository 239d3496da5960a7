#!/bin/sh
# progress.sh -- generate's progress line (src/cli/progress.c, shared with
# verify): on standard error, only on a terminal (script(1) gives one),
# only past half a second, never with --quiet, wiped before the output; the
# output is the same with and without it. The topology (tests/bench/
# topology.sh) grows until a run without a terminal lasts 1.2 s more than
# one of a single domain (the start of valgrind is not work), so the
# test holds on a faster machine and stays short on a slow one (or under
# valgrind, where it starts smaller).
. "$top_srcdir/tests/integration/lib.sh"
command -v script >/dev/null || skip "needs script (Debian package bsdutils)"
now_ms() { echo $(($(date +%s%N) / 1000000)); }

case $SIPDNS in */tests/valgrind-sipdns) n=100 ;; *) n=12000 ;; esac
# what a run costs before its work starts (valgrind's own start, a second
# or more) does not count: the line shows half a second into the work
sh "$top_srcdir/tests/bench/topology.sh" 1 > "$TMP/tiny.yaml"
t0=$(now_ms)
"$SIPDNS" generate "$TMP/tiny.yaml" > /dev/null 2>&1
base=$(($(now_ms) - t0))
while :; do
	sh "$top_srcdir/tests/bench/topology.sh" "$n" > "$TMP/big.yaml"
	t0=$(now_ms)
	"$SIPDNS" generate "$TMP/big.yaml" > "$TMP/plain.out" 2> "$TMP/plain.err" || { fail "generate of $n domains"; finish; }
	ms=$(($(now_ms) - t0))
	[ "$((ms - base))" -ge 1200 ] || [ "$n" -ge 160000 ] && break
	n=$((n * 2))
done
pass "generate of $n SIP domains without a terminal: $ms ms ($base ms for one domain)"
grep -q "zones rendered" "$TMP/plain.err" && fail "a progress line without a terminal" \
	|| pass "no progress line when standard error is not a terminal"

# on a terminal: stderr is the pty, stdout a file
script -qec "'$SIPDNS' generate '$TMP/big.yaml' > '$TMP/tty.out'" /dev/null > "$TMP/tty.err" 2>&1
if grep -qE "generate: [0-9]+ of [0-9]+ zones rendered" "$TMP/tty.err"; then
	pass "a progress line on the terminal ($(tr '\r' '\n' < "$TMP/tty.err" | grep -c 'zones rendered') updates)"
else
	fail "no progress line on the terminal"; od -c "$TMP/tty.err" | head -5
fi
cmp -s "$TMP/plain.out" "$TMP/tty.out" && pass "the output is the same with the progress line" \
	|| fail "the output differs on a terminal"
# the line is wiped at the end: the last thing on the terminal is "\r\033[K"
python3 - "$TMP/tty.err" <<'PY' && pass "the line is wiped when the run ends" || fail "the progress line is left on the terminal"
import sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if d.rstrip(b"\r\n").endswith(b"\r\x1b[K") else 1)
PY

# stdout on the terminal too: wiped before the first byte of the zones
script -qec "'$SIPDNS' generate '$TMP/big.yaml'" /dev/null > "$TMP/both.tty" 2>&1
python3 - "$TMP/both.tty" <<'PY' && pass "with the zones on the terminal, the line is wiped before them" || fail "the progress line runs into the output"
import sys
d = open(sys.argv[1], "rb").read()
last = d.rfind(b"zones rendered"); wipe = d.find(b"\r\x1b[K", last); first = d.find(b"; sipdns")
sys.exit(0 if 0 <= last < wipe < first else 1)
PY

# --quiet, and a short run, show none
script -qec "'$SIPDNS' generate -q '$TMP/big.yaml' > /dev/null" /dev/null > "$TMP/quiet.err" 2>&1
grep -q "zones rendered" "$TMP/quiet.err" && fail "a progress line with --quiet" || pass "no progress line with --quiet"
# (a short run is one that ends within half a second: under valgrind the
# walkthrough takes longer, and may show the line rightly)
t0=$(now_ms)
script -qec "'$SIPDNS' generate '$top_srcdir/zones/walkthrough.yaml' > /dev/null" /dev/null > "$TMP/short.err" 2>&1
ms=$(($(now_ms) - t0))
if [ "$ms" -lt 500 ]; then
	grep -q "zones rendered" "$TMP/short.err" && fail "a progress line for a run under half a second ($ms ms)" \
		|| pass "no progress line for the walkthrough ($ms ms)"
else
	echo "note: the walkthrough took $ms ms here, not under half a second: no short-run check"
fi
# to files (-o; the hosting example: thousands of files take long on a
# slow disk): a progress line, if the run is long enough for one, is wiped
# before the "wrote" lines
script -qec "'$SIPDNS' generate -o '$TMP/o' '$top_srcdir/zones/hosting.yaml'" /dev/null > "$TMP/files.tty" 2>&1
python3 - "$TMP/files.tty" <<'PY' && pass "generate -o: the 'wrote' lines start on a wiped line" || fail "generate -o: the 'wrote' lines run into the progress line"
import sys
d = open(sys.argv[1], "rb").read()
w = d.find(b"wrote "); last = d.rfind(b"zones rendered", 0, w if w >= 0 else None)
sys.exit(0 if w >= 0 and (last < 0 or d.find(b"\r\x1b[K", last) < w) else 1)
PY
finish
