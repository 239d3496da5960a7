#!/bin/sh
# between.sh -- verify --between: two real NSDs on 127.0.0.1 serving the
# walkthrough's internal zone, the same except for deliberate differences
# (an address that differs, a record only on OLD, one only on NEW, a TTL);
# a third address where nothing listens is never "same" nor "differs".
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
Z=contoso.com.zone

# serve NAME [SED] [EXTRA LINE]: a copy of the good internal zone, edited; sets P
serve() {
	mkdir -p "$TMP/$1"; cp "$TMP/good/internal/$Z" "$TMP/$1/"
	[ -n "${2:-}" ] && sed -i "$2" "$TMP/$1/$Z"
	[ -n "${3:-}" ] && printf '%s\n' "$3" >> "$TMP/$1/$Z"
	P=$(free_port); start_nsd "$TMP/$1" "$P"
}
serve same; PS=$P
serve old "" "stale.contoso.com. 3600 IN A 10.0.0.99"
PO=$P
# NEW: another address for webconf, no edge01, an extra AAAA at ocs01, another TTL at webext
serve new 's/^webconf\.contoso\.com\.\t3600\tIN\tA\t131\.107\.155\.20/webconf.contoso.com.\t3600\tIN\tA\t131.107.155.21/; /^edge01\./d; s/^webext\.contoso\.com\.\t3600/webext.contoso.com.\t300/' "ocs01.contoso.com. 3600 IN AAAA 2001:db8::10"
PN=$P
DEAD=$(free_port)
V="$SIPDNS verify --no-recurse --timeout 200 --tries 1 --view internal"

# the same zone on both: exit 0, every answer the same
expect_rc 0 "same zone on both" -- $V --between dc01=127.0.0.1:$PS nsd=127.0.0.1:$PO "$W"
# (old has stale.contoso.com, which is asked by no one: still the same)
expect_in "$TMP/out" "0 TTL differs, 0 differ, 0 only dc01, 0 only nsd, 0 unseen" "same: the summary counts nothing else"
expect_rc 0 "same zone on both, json" -- $V -f json --between dc01=127.0.0.1:$PS nsd=127.0.0.1:$PS "$W"
python3 - "$TMP/out" <<'PY' && pass "same: json status same, every answer same" || fail "same: json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema_version"] == 1 and d["mode"] == "between" and d["status"] == "same", d["status"]
s = d["summary"]
assert s["questions"] == len(d["answers"]) > 0 and s["same"] == s["questions"], s
assert all(a["class"] == "same" and a["old"]["seen"] and a["new"]["seen"] for a in d["answers"])
assert d["old"]["label"] == "dc01" and d["new"]["verify"]["status"] == "in_sync", d["new"]["verify"]["status"]
PY

# the deliberate differences: exit 1, each in its class
expect_rc 1 "differences" -- $V --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PN "$W"
cp "$TMP/out" "$TMP/diff.txt"
expect_in "$TMP/diff.txt" "  differs      webconf.contoso.com. A" "the changed address is 'differs'"
expect_in "$TMP/diff.txt" "      dc01: webconf.contoso.com. 3600 IN A 131.107.155.20" "differs: OLD's record shown"
expect_in "$TMP/diff.txt" "      nsd:  webconf.contoso.com. 3600 IN A 131.107.155.21" "differs: NEW's record shown"
expect_in "$TMP/diff.txt" "  only dc01    edge01.contoso.com. A" "a record only on OLD"
expect_in "$TMP/diff.txt" "      nsd:  the name does not exist (NXDOMAIN)" "only OLD: what NEW said"
expect_in "$TMP/diff.txt" "  only nsd     ocs01.contoso.com. AAAA" "a record only on NEW"
expect_in "$TMP/diff.txt" "      dc01: no records of the type (no data)" "only NEW: what OLD said"
expect_in "$TMP/diff.txt" "  ttl differs  webext.contoso.com. A" "a TTL difference"
expect_in "$TMP/diff.txt" "      nsd:  webext.contoso.com. 300 IN A 131.107.155.40" "TTL: NEW's TTL shown"
expect_in "$TMP/diff.txt" "32 questions: 27 same, 1 TTL differs, 2 differ, 1 only dc01, 1 only nsd, 0 unseen (0 not seen on dc01, 0 on nsd)" "differences: the summary counts each class"
expect_in "$TMP/diff.txt" "  differs      edge01.contoso.com. AAAA" "NXDOMAIN on one side, no data on the other: differs"
expect_in "$TMP/diff.txt" "against the topology:" "each side against the topology"
expect_in "$TMP/diff.txt" "    changed      webconf.contoso.com. A" "NEW's own finding (changed) shown"
if grep -q "  same " "$TMP/diff.txt"; then fail "same answers listed without -v"; else pass "same answers not listed without -v"; fi
expect_rc 1 "differences, -v" -- $V -v --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PN "$W"
expect_in "$TMP/out" "  same         ocs01.contoso.com. A" "-v lists the same answers"

expect_rc 1 "differences, json" -- $V -f json --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PN "$W"
python3 - "$TMP/out" <<'PY' && pass "differences: json classes and records" || fail "differences: json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "differs", d["status"]
by = {(a["name"], a["type"]): a for a in d["answers"]}
c = lambda n, t: by[(n, t)]["class"]
assert c("webconf.contoso.com.", "A") == "differs"
assert by[("webconf.contoso.com.", "A")]["old"]["records"] == ["webconf.contoso.com. 3600 IN A 131.107.155.20"]
assert by[("webconf.contoso.com.", "A")]["new"]["records"] == ["webconf.contoso.com. 3600 IN A 131.107.155.21"]
assert c("edge01.contoso.com.", "A") == "only-old"
assert by[("edge01.contoso.com.", "A")]["new"]["state"] == "NXDOMAIN"
assert c("ocs01.contoso.com.", "AAAA") == "only-new"
assert c("webext.contoso.com.", "A") == "ttl"
assert c("edge01.contoso.com.", "AAAA") == "differs"
assert c("ocs01.contoso.com.", "A") == "same"
s = d["summary"]
assert (s["differs"], s["only_old"], s["only_new"], s["ttl"], s["unseen"]) == (2, 1, 1, 1, 0), s
assert s["same"] + 5 == s["questions"] == len(d["answers"])
assert d["old"]["verify"]["status"] == "in_sync" and d["new"]["verify"]["status"] == "drift"
PY
expect_rc 2 "differences, nagios: CRITICAL" -- $V -f nagios --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PN "$W"
expect_in "$TMP/out" "SIPDNS CRITICAL - dc01 against nsd:" "nagios status line"
expect_in "$TMP/out" "internal webconf.contoso.com. A: differs; dc01 webconf.contoso.com. 3600 IN A 131.107.155.20; nsd webconf.contoso.com. 3600 IN A 131.107.155.21" "nagios long text"

# nothing listens on NEW: every answer unseen on NEW, exit 3, never same
expect_rc 3 "NEW not answering" -- $V --between dc01=127.0.0.1:$PS dead=127.0.0.1:$DEAD "$W"
expect_in "$TMP/out" "  unseen       ocs01.contoso.com. A" "unseen, not same"
expect_in "$TMP/out" "      dead: not seen: " "unseen: the side that failed, with the cause"
expect_in "$TMP/out" "      dc01: ocs01.contoso.com. 3600 IN A 10.0.0.10" "unseen: what the other side said"
expect_in "$TMP/out" " 0 same, 0 TTL differs, 0 differ, 0 only dc01, 0 only dead," "unseen: nothing called same or different"
if grep -Eq "not seen on dc01, 0 on dead" "$TMP/out"; then fail "unseen: NEW's failures not counted"; else pass "unseen: counted on NEW"; fi
expect_rc 3 "NEW not answering, json" -- $V -f json --between dc01=127.0.0.1:$PS dead=127.0.0.1:$DEAD "$W"
python3 - "$TMP/out" <<'PY' && pass "unseen: json" || fail "unseen: json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["status"] == "unseen"
s = d["summary"]
assert s["unseen"] == s["questions"] == s["unseen_new"] > 0 and s["unseen_old"] == 0 and s["same"] == 0, s
assert all(a["class"] == "unseen" and a["old"]["seen"] and not a["new"]["seen"] for a in d["answers"])
assert d["new"]["verify"]["status"] == "unverified"
PY
# differences seen and answers unseen in one run: NEW behind badns.py, which
# answers SRV questions SERVFAIL and forwards the others: 3 wins, the
# differences seen are still listed, and the SRV is unseen, never the same
PB=$(free_port)
python3 "$top_srcdir/tests/integration/badns.py" servfail-srv "$PB" "$PN" > "$TMP/badns.out" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 50); do grep -q ready "$TMP/badns.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/badns.out" || { echo "badns.py did not start"; exit 99; }
expect_rc 3 "unseen wins over differs" -- $V --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PB "$W"
expect_in "$TMP/out" "  differs      webconf.contoso.com. A" "unseen and differs: the difference still listed"
expect_in "$TMP/out" "  unseen       _sipinternaltls._tcp.contoso.com. SRV" "unseen and differs: the SRV unseen"
expect_in "$TMP/out" "      nsd:  not seen: SERVFAIL" "unseen and differs: the cause on NEW"
expect_in "$TMP/out" "      dc01: _sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 ocs01.contoso.com." "unseen and differs: what OLD said"
expect_rc 2 "unseen and differs, nagios: CRITICAL" -- $V -f nagios --between dc01=127.0.0.1:$PO nsd=127.0.0.1:$PB "$W"
expect_rc 3 "unseen, nagios: UNKNOWN" -- $V -f nagios --between dc01=127.0.0.1:$PS dead=127.0.0.1:$DEAD "$W"
expect_in "$TMP/out" "SIPDNS UNKNOWN - dc01 against dead:" "nagios unseen status line"

# usage
expect_rc 2 "--between with --server" -- $V --between a=127.0.0.1:$PS b=127.0.0.1:$PO -s internal=127.0.0.1:$PS "$W"
expect_in "$TMP/err" "--between and --server do not go together" "--server refused"
expect_rc 2 "--between with --system-resolver" -- $V --system-resolver --between a=127.0.0.1:$PS b=127.0.0.1:$PO "$W"
expect_in "$TMP/err" "--between and --system-resolver do not go together" "--system-resolver refused"
expect_rc 2 "a label used twice" -- $V --between a=127.0.0.1:$PS A=127.0.0.1:$PO "$W"
expect_in "$TMP/err" "the label 'A' is used twice" "label twice refused"
expect_rc 2 "one server only" -- $V --between a=127.0.0.1:$PS "$W"
expect_in "$TMP/err" "--between needs two servers" "one server refused"
expect_rc 2 "no label" -- $V --between 127.0.0.1:$PS b=127.0.0.1:$PO "$W"
expect_in "$TMP/err" "each side is LABEL=ADDR[:PORT]" "a side without a label refused"
expect_rc 2 "two views, no --view" -- "$SIPDNS" verify --between a=127.0.0.1:$PS b=127.0.0.1:$PO "$W"
expect_in "$TMP/err" "say which view moves with --view" "--view required with two views"
finish
