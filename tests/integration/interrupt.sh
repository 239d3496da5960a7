#!/bin/sh
# interrupt.sh -- SIGINT and SIGTERM end verify against a server that
# never answers (badns.py silent): exit 3, a line that says so, and the
# --state file as it was. Without the signal the run would take about
# 35 s (timeout 5 s, 3 tries, doubled each retry).
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
PB=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" silent "$PB" 1 > "$TMP/badns.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/badns.out" || { echo "badns.py did not start"; exit 99; }

printf '# sipdns verify state: first-seen time, finding\n1795000000\tmissing|external|av.contoso.com|A\n' > "$TMP/state"
cp "$TMP/state" "$TMP/state.before"

# interrupted SIGNAL: run verify in the background, signal it once its
# first query has reached the server (its handlers are set by then, even
# under valgrind), and wait for it at most 10 s (it is killed then, and the
# check fails)
interrupted() {
	sig=$1; shift
	seen=$(grep -c query "$TMP/badns.out")
	"$SIPDNS" verify --no-recurse --timeout 5000 --tries 3 "$@" \
		-s "external=127.0.0.1:$PB" -s "internal=127.0.0.1:$PB" "$W" \
		> "$TMP/out" 2> "$TMP/err" &
	pid=$!
	for _ in $(seq 300); do
		[ "$(grep -c query "$TMP/badns.out")" -gt "$seen" ] && break
		sleep 0.1
	done
	sleep 0.2
	kill -s "$sig" "$pid"
	for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		fail "$sig: verify still running 10 s after the signal"
		kill -9 "$pid"
	fi
	wait "$pid"; rc=$?
	if [ "$rc" -eq 3 ]; then pass "$sig: exit 3"; else fail "$sig: exit $rc, want 3"; sed 's/^/  | /' "$TMP/err"; fi
	expect_in "$TMP/err" "sipdns: interrupted: nothing was verified" "$sig: says it was interrupted"
	if grep -qE "in sync|missing|could not verify" "$TMP/out"; then
		fail "$sig: a report was printed for a run that did not finish"; sed 's/^/  | /' "$TMP/out"
	else pass "$sig: no report"; fi
}
interrupted INT
interrupted TERM
interrupted INT --state "$TMP/state"
if cmp -s "$TMP/state" "$TMP/state.before"; then pass "the state file is as it was"; else fail "the state file changed"; fi
if ls "$TMP"/state.* 2>/dev/null | grep -v 'state.before$' | grep -q .; then fail "a temporary state file was left"; else pass "no temporary state file left"; fi
interrupted TERM --format nagios
expect_in "$TMP/out" "SIPDNS UNKNOWN - interrupted" "nagios: UNKNOWN when interrupted"
# the progress line (stderr a terminal, through script(1)) counts the
# questions that came back, answered and failed apart
if command -v script >/dev/null; then
	script -qec "$SIPDNS verify --no-recurse --timeout 1500 --tries 1 --deadline 3 -s external=127.0.0.1:$PB -s internal=127.0.0.1:$PB $W" /dev/null > "$TMP/tty" 2>&1
	if grep -qE "view: [0-9]+ of [0-9]+ back: [0-9]+ answered, [0-9]+ failed" "$TMP/tty"; then
		pass "the progress line counts answered and failed apart"
	else fail "no progress line with answered and failed"; sed 's/^/  | /' "$TMP/tty" | head -5; fi
else
	skip "needs script(1) (Debian: bsdutils)"
fi
finish
