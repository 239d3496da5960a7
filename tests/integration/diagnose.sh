#!/bin/sh
# diagnose.sh -- failures told once, with the cause (issue 11, item 5): in
# text, the unverified questions of a server that gives no response are
# one line for the view ("no answer from ... for any of N questions",
# "connection refused: nothing listens on ..."), a zone a server does not
# serve is one line ("... refused zone Z: it does not serve this zone"),
# -v lists the names; JSON and Nagios keep every question, JSON with the
# diagnosis, and both name each view's servers and the ones found down.
# Real servers on 127.0.0.1: NSD without one of its zones, a port where
# nothing listens, badns.py silent. The wildcard probes go in the same run.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
E=$top_srcdir/zones/enterprise.yaml
"$SIPDNS" generate -q -o "$TMP/w" "$W" || exit 99
"$SIPDNS" generate -q -o "$TMP/e" "$E" || exit 99
# (timeout 60: a generous bound that only catches a hang)
v() { timeout 60 "$SIPDNS" verify --no-recurse "$@"; }
badns() { # badns MODE PORT: start badns.py, wait until it is ready
	python3 "$top_srcdir/tests/integration/badns.py" "$1" "$2" 1 > "$TMP/badns-$2.out" 2>&1 &
	PIDS="$PIDS $!"
	for _ in $(seq 50); do grep -q ready "$TMP/badns-$2.out" 2>/dev/null && return 0; sleep 0.1; done
	echo "badns.py did not start"; exit 99
}
json() { # json PYTHON-ASSERTIONS DESCRIPTION: on $TMP/out as d
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); exec(sys.argv[2])' "$TMP/out" "$1" &&
		pass "$2" || fail "$2"
}
count() { grep -c -- "$1" "$TMP/out"; }
no_line() { # no_line REGEX DESCRIPTION
	if grep -qE -- "$1" "$TMP/out"; then fail "$2"; grep -E -- "$1" "$TMP/out" | head -3; else pass "$2"; fi
}

# --- a zone the server does not serve: NSD without fabrikam.com -------
mkdir -p "$TMP/part"
cp "$TMP/e/internal/contoso.com.zone" "$TMP/e/internal/corp.contoso.com.zone" "$TMP/part/"
PN=$(free_port); start_nsd "$TMP/part" "$PN"
# the questions about fabrikam.com (--print-questions lists the wildcard
# probes too: they are not questions, and count in no finding)
NF=$("$SIPDNS" verify --print-questions --view internal "$E" | grep -v '^sipdns-nx-' | grep -c "fabrikam\.com\. ")
[ "$NF" -gt 2 ] || { echo "no fabrikam.com questions"; exit 99; }
expect_rc 3 "refused zone: could not verify" -- v --view internal -s internal=127.0.0.1:$PN "$E"
expect_in "$TMP/out" "  unverified: 127.0.0.1:$PN refused zone fabrikam.com: it does not serve this zone (not loaded? wrong server?) ($NF questions; -v lists them)" "refused zone: one line with the cause and the count"
[ "$(count "refused zone")" -eq 1 ] && pass "refused zone: told once" || fail "refused zone: told $(count "refused zone") times"
no_line "REFUSED" "refused zone: no bare REFUSED per question"
no_line "^  zone fabrikam\.com" "refused zone: no zone header for what the line told"
expect_in "$TMP/out" "35 records expected: 30 in sync, 0 wrong, 0 TTL only, 5 unverified" "refused zone: the zones it serves are still judged"
no_line "^ +(missing|changed|unexpected) " "refused zone: nothing missing, changed or unexpected"
expect_rc 3 "refused zone, -v" -- v -v --view internal -s internal=127.0.0.1:$PN "$E"
[ "$(grep -cE "^        [^ ]+\.fabrikam\.com\. (A|AAAA|SRV)$|^        fabrikam\.com\. (A|AAAA|SRV)$" "$TMP/out")" -eq "$NF" ] &&
	pass "refused zone, -v: lists the $NF names" || fail "refused zone, -v: does not list the $NF names"
no_line "-v lists them" "refused zone, -v: lists them instead of saying so"
expect_rc 3 "refused zone, json" -- v -f json --view internal -s internal=127.0.0.1:$PN "$E"
json "
ds = [x for x in d['diagnoses'] if x['kind'] == 'refused_zone']
assert len(ds) == 1 and ds[0]['zone'] == 'fabrikam.com' and ds[0]['questions'] == $NF, ds
assert ds[0]['servers'] == ['127.0.0.1:$PN'] and ds[0]['view'] == 'internal'
u = [f for f in d['findings'] if f['kind'] == 'unverified']
assert len(u) == $NF and all(f['zone'] == 'fabrikam.com' and f['diagnosis'] == ds[0]['text'] for f in u), u
assert all('REFUSED' in f['detail'] for f in u)
assert d['servers'] == {'internal': {'source': 'option', 'asked': ['127.0.0.1:$PN'], 'down': []}}, d['servers']
" "refused zone, json: every question kept, with the diagnosis; the servers"
expect_rc 2 "refused zone, nagios" -- v -f nagios --view internal -s internal=127.0.0.1:$PN "$E"
[ "$(count ": unverified")" -eq "$NF" ] && pass "refused zone, nagios: every question kept" || fail "refused zone, nagios: $(count ": unverified") questions, want $NF"
expect_in "$TMP/out" "internal view cause ($NF questions): 127.0.0.1:$PN refused zone fabrikam.com" "refused zone, nagios: the cause"
expect_in "$TMP/out" "internal view servers: 127.0.0.1:$PN; down: none" "refused zone, nagios: the servers"

# --- a port where nothing listens: connection refused, not a timeout ---
PC=$(free_port)
expect_rc 3 "connection refused: could not verify" -- v --timeout 500 --tries 2 --view external -s external=127.0.0.1:$PC "$W"
expect_in "$TMP/out" "  unverified: connection refused: nothing listens on 127.0.0.1:$PC" "connection refused: the cause"
[ "$(count "^  unverified: ")" -eq 1 ] && pass "connection refused: told once" || fail "connection refused: told $(count "^  unverified: ") times"
no_line "no answer from|timeout" "connection refused: not called a timeout"
no_line "^    unverified " "connection refused: no line per zone and failure"
no_line "^  zone " "connection refused: no zone header for what the line told"
expect_rc 3 "connection refused, -v" -- v -v --timeout 500 --tries 2 --view external -s external=127.0.0.1:$PC "$W"
[ "$(grep -cE "^        [^ ]+\. (A|AAAA|SRV)$" "$TMP/out")" -eq 18 ] && pass "connection refused, -v: lists the 18 names" || fail "connection refused, -v: does not list the 18 names"
expect_rc 3 "connection refused, json" -- v -f json --timeout 500 --tries 2 --view external -s external=127.0.0.1:$PC "$W"
json "
assert len(d['diagnoses']) == 1, d['diagnoses']
x = d['diagnoses'][0]
assert x['kind'] == 'no_response' and x['questions'] == 18 and x['text'].startswith('connection refused: nothing listens on 127.0.0.1:$PC'), x
assert len([f for f in d['findings'] if f['kind'] == 'unverified' and f['diagnosis'] == x['text']]) == 18
assert any('connection refused' in f['detail'] for f in d['findings'])
assert d['servers']['external']['down'] == ['127.0.0.1:$PC'], d['servers']
" "connection refused, json: 18 questions with the diagnosis, the server down"

# --- a server that never answers: badns.py silent -----------------------
PS=$(free_port); badns silent-names "$PS"
expect_rc 3 "no answer: could not verify" -- v --timeout 100 --tries 2 --view external -s external=127.0.0.1:$PS "$W"
expect_in "$TMP/out" "  unverified: no answer from 127.0.0.1:$PS for any of 18 questions (2 tries, 0.3 s): check the address, port and firewall (-v lists them)" "no answer: one line with the cause"
[ "$(count "^  unverified: ")" -eq 1 ] && pass "no answer: told once" || fail "no answer: told $(count "^  unverified: ") times"
no_line "^    unverified |could not verify" "no answer: no line per question or zone"
expect_in "$TMP/out" "10 records expected: 0 in sync, 0 wrong, 0 TTL only, 10 unverified" "no answer: the summary still adds up"
expect_rc 3 "no answer, -v" -- v -v --timeout 100 --tries 2 --view external -s external=127.0.0.1:$PS "$W"
expect_in "$TMP/out" "  unverified: no answer from 127.0.0.1:$PS for any of 18 questions (2 tries, 0.3 s): check the address, port and firewall" "no answer, -v: the cause"
[ "$(grep -cE "^        [^ ]+\. (A|AAAA|SRV)$" "$TMP/out")" -eq 18 ] && pass "no answer, -v: lists the 18 names" || fail "no answer, -v: does not list the 18 names"
expect_rc 2 "no answer, nagios" -- v -f nagios --timeout 100 --tries 1 --view external -s external=127.0.0.1:$PS "$W"
expect_in "$TMP/out" "SIPDNS CRITICAL - 18 of 18 questions unanswered: no answer from 127.0.0.1:$PS for any of 18 questions (1 try, 0.1 s)" "no answer, nagios: the cause in the status line"
[ "$(count ": unverified")" -eq 18 ] && pass "no answer, nagios: every question kept" || fail "no answer, nagios: not every question"
expect_in "$TMP/out" "external view servers: 127.0.0.1:$PS; down: 127.0.0.1:$PS" "no answer, nagios: the server asked and found down"
expect_rc 3 "no answer, json" -- v -f json --timeout 100 --tries 1 --view external -s external=127.0.0.1:$PS "$W"
json "
x = d['diagnoses']
assert len(x) == 1 and x[0]['kind'] == 'no_response' and x[0]['questions'] == 18 and x[0]['zone'] is None, x
assert x[0]['text'].startswith('no answer from 127.0.0.1:$PS for any of 18 questions (1 try, 0.1 s)'), x
assert len([f for f in d['findings'] if f['diagnosis'] == x[0]['text']]) == 18 and d['questions']['failed'] == 18
assert d['servers']['external'] == {'source': 'option', 'asked': ['127.0.0.1:$PS'], 'down': ['127.0.0.1:$PS']}, d['servers']
assert 'internal' not in d['servers']
" "no answer, json: every question with the diagnosis; the server asked and down"

# --- the wildcard probes are asked in the same run: a server found down
# is not asked them again (a second round did: a new timeout series)
PI=$(free_port); start_nsd "$TMP/w/external" "$PI"
: > "$TMP/badns-$PS.out"
expect_rc 0 "first of two dead: in sync" -- v --timeout 200 --tries 1 --max-in-flight 2 --view external -s external=127.0.0.1:$PS -s external=127.0.0.1:$PI "$W"
n=$(grep -c "^query " "$TMP/badns-$PS.out")
[ "$n" -ge 3 ] && pass "first of two dead: it was asked ($n queries) until down" || fail "first of two dead: asked $n times"
if grep -q "^query sipdns-nx-" "$TMP/badns-$PS.out"; then fail "a wildcard probe went to the server found down"; else pass "no wildcard probe went to the server found down"; fi
expect_rc 3 "no server: the probes count nowhere" -- v -f json --timeout 100 --tries 1 --view external -s external=127.0.0.1:$PS "$W"
json "assert d['questions']['asked'] == 18 and d['diagnoses'][0]['questions'] == 18" "the probes are not questions of the report"
finish
