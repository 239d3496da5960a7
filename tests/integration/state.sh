#!/bin/sh
# state.sh -- verify --state over a week of nightly runs against real NSD:
# one view down on some nights, a partial --view run, fixes. A finding is
# fixed only when its name was asked, answered and in sync; everything else
# is carried over with its first-seen date. Also: the summary adds up,
# --notify changes, a damaged file (named, escaped, report kept, exit 3),
# the file's mode, the lock.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
S=$TMP/state
OLD=1700000000              # 2023-11-14 22:13 UTC
OLDS="2023-11-14 22:13 UTC"

# serve DIR INTERNAL-SED EXTERNAL-SED: NSD for each view's zones; sets PI PE
serve() {
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "$2" ] && sed -i "$2" "$TMP/$1/internal/contoso.com.zone"
	[ -n "$3" ] && sed -i "$3" "$TMP/$1/external/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
DEAD=$(free_port)   # nothing listens: connection refused at once
night() { # night DESCRIPTION RC INTERNAL-PORT [options]
	what=$1; want=$2; ip=$3; shift 3
	expect_rc "$want" "$what" -- "$SIPDNS" verify --no-recurse --timeout 1000 --tries 2 --state "$S" \
		-s internal=127.0.0.1:$ip -s external=127.0.0.1:$PE "$@" "$W"
}
# the parts of the summary add up to the records expected
adds_up() {
	sed -n 's/^\([0-9]*\) records expected: \([0-9]*\) in sync, \([0-9]*\) wrong, \([0-9]*\) TTL only, \([0-9]*\) unverified.*/\1 \2 \3 \4 \5/p' "$TMP/out" |
		awk 'NF == 5 && $1 == $2 + $3 + $4 + $5 { ok = 1 } END { exit !ok }' &&
		pass "$1: the summary adds up" || { fail "$1: the summary does not add up"; tail -2 "$TMP/out"; }
}

serve broken 's/172\.25\.33\.10/172.25.33.11/' 's/131\.107\.155\.30/131.107.155.31/'
BROKEN_PI=$PI
night "night 1: two findings" 1 "$PI"
expect_in "$TMP/out" "changed      edge01.contoso.com. A (new)" "night 1: internal finding new"
expect_in "$TMP/out" "changed      av.contoso.com. A (new)" "night 1: external finding new"
expect_in "$TMP/out" "state: 2 new, 0 persisting, 0 fixed, 0 not checked" "night 1: state counts"
expect_in "$S" "# scope: internal,external" "the state file records its scope"
adds_up "night 1"
# pretend the findings were first seen long ago
sed -i "s/^[0-9]*\t/$OLD\t/" "$S"

night "night 2: the internal server is down" 3 "$DEAD"
grep -q "^fixed" "$TMP/out" && fail "night 2: a finding of a view that did not answer was called fixed" || pass "night 2: nothing fixed"
expect_in "$TMP/out" "not checked this run" "night 2: the internal finding is listed as not checked"
expect_in "$TMP/out" "    changed      edge01.contoso.com. A (since $OLDS; not checked this run)" "night 2: carried with its first-seen date"
expect_in "$TMP/out" "changed      av.contoso.com. A (since $OLDS)" "night 2: the external finding persists"
expect_in "$S" "$OLD	changed|internal|edge01.contoso.com|A" "night 2: the state keeps the internal finding's date"
adds_up "night 2"

night "night 3: --view external only" 1 "$PI" --view external
expect_in "$TMP/out" "note: the state file was written by a run of the views internal,external; this run asked external" "night 3: the scope difference is said"
expect_in "$TMP/out" "edge01.contoso.com. A (since $OLDS; not checked this run)" "night 3: the internal finding carried over"
expect_in "$TMP/out" "0 fixed, 1 not checked" "night 3: counted as not checked"
expect_in "$S" "$OLD	changed|internal|edge01.contoso.com|A" "night 3: the internal date kept"

night "night 4: both views again, still broken" 1 "$PI"
expect_in "$TMP/out" "changed      edge01.contoso.com. A (since $OLDS)" "night 4: first-seen date kept through the outage and the partial run"
expect_in "$TMP/out" "0 new, 2 persisting, 0 fixed, 0 not checked" "night 4: state counts"

serve fixed '' 's/131\.107\.155\.30/131.107.155.31/'
night "night 5: the internal record fixed" 1 "$PI"
expect_in "$TMP/out" "fixed since the last run" "night 5: a fixed section"
expect_in "$TMP/out" "    changed      edge01.contoso.com. A (fixed; wrong since $OLDS)" "night 5: the fixed finding printed like a finding, with since when"
expect_in "$TMP/out" "0 new, 1 persisting, 1 fixed, 0 not checked" "night 5: state counts"
grep -q "|" "$TMP/out" && fail "night 5: a raw state key printed" || pass "night 5: no raw state keys"

night "night 6: --notify changes, nothing changed" 0 "$PI" --notify changes
[ -s "$TMP/out" ] && fail "night 6: --notify changes printed without a change" || pass "night 6: silent without a change"
expect_rc 1 "json after night 6" -- "$SIPDNS" verify --no-recurse -f json --state "$S" -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["state"]; r=d["records"]
assert d["schema_version"]==1 and "summary" in d and "fixed" in d
assert s["persisting"]==1 and s["new"]==0 and s["changed"] is False and s["scope"]=="internal,external"
assert r["expected"]==r["in_sync"]+r["wrong"]+r["ttl_only"]+r["unverified"]' "$TMP/out" && pass "json: state and record counts added, schema 1" || fail "json state fields"

serve more 's/172\.25\.33\.10/172.25.33.12/' 's/131\.107\.155\.30/131.107.155.31/'
night "night 7: --notify changes, a new finding" 1 "$PI" --notify changes
expect_in "$TMP/out" "changed      edge01.contoso.com. A (new)" "night 7: the change is printed"
night "night 7: --notify changes, the internal server down" 3 "$DEAD" --notify changes
expect_in "$TMP/out" "unverified: connection refused: nothing listens on 127.0.0.1:$DEAD" "night 7: a failed question is always told"
expect_rc 2 "--notify changes without --state" -- "$SIPDNS" verify --notify changes "$W"

# the mode of the state file is kept
chmod 640 "$S"
night "mode: a run" 1 "$PI"
[ "$(stat -c %a "$S")" = 640 ] && pass "the state file keeps its mode" || fail "mode changed to $(stat -c %a "$S")"

# a damaged state file: the report, then the error naming the line; exit 3
cp "$S" "$TMP/before"
printf '1700000000\tchanged|internal|\033[31mevil|A\n' >> "$S"
cp "$S" "$TMP/damaged"
night "damaged state file" 3 "$PI"
expect_in "$TMP/out" "records expected" "damaged state: the report is still printed"
expect_in "$TMP/out" "changed      av.contoso.com. A" "damaged state: the findings are still listed"
line=$(wc -l < "$S")
expect_in "$TMP/err" "$S:$line:" "damaged state: the error names the file and line"
expect_in "$TMP/err" '\x1b[31mevil' "damaged state: the bad bytes shown escaped"
grep -q "$(printf '\033')" "$TMP/err" "$TMP/out" && fail "damaged state: raw escape bytes echoed" || pass "damaged state: no raw escape bytes"
cmp -s "$S" "$TMP/damaged" && pass "damaged state: the file is left as it was" || fail "damaged state: the file was changed"
cp "$TMP/before" "$S"

# a second run while one holds the lock: waits, then a clear error
if command -v flock >/dev/null; then
	flock "$S.lock" sleep 30 &
	LOCKER=$!
	PIDS="$PIDS $LOCKER"
	sleep 0.3
	night "locked state file" 3 "$PI"
	expect_in "$TMP/err" "another sipdns verify has held the lock" "lock: a clear message"
	expect_in "$TMP/out" "records expected" "lock: the report is still printed"
	cmp -s "$S" "$TMP/before" && pass "lock: the state unchanged" || fail "lock: the state changed"
	kill "$LOCKER" 2>/dev/null
fi
finish
