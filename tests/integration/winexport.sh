#!/bin/sh
# winexport.sh -- sipdns diff reads a Windows DNS export (dnscmd
# /ZoneExport, ZONE.dns): no $ORIGIN (the zone is the file name or
# --zone), [AGE:n] tokens taken off (the record kept), WINS / WINSR records
# skipped with a warning (never "unexpected"), errors at the line of the
# original file. The fixture is the walkthrough's internal zone in that form.
. "$top_srcdir/tests/integration/lib.sh"
Z=$top_srcdir/zones
W=$Z/walkthrough.yaml
F=$top_srcdir/tests/data/winexport/contoso.com.dns
D=$TMP/w; rm -rf "$D"; mkdir -p "$D/internal"

# the export as it is: in sync, the WINS record a warning at its line
expect_rc 0 "winexport: the walkthrough's export is in sync" -- "$SIPDNS" diff --view internal "$W" "$F"
expect_in "$TMP/out" "14 records expected: 14 in sync" "winexport: every record compared (the [AGE:n] ones too)"
expect_in "$TMP/out" "0 unexpected" "winexport: the WINS record is not unexpected"
wl=$(grep -n 'IN  WINS' "$F" | cut -d: -f1)
expect_in "$TMP/err" "contoso.com.dns:$wl:1: warning: WINS record skipped: not DNS data sipdns manages" "winexport: WINS skipped with a warning at its line"

# drift: the Communicator Web Access server's address changed
sed 's/^cwa01 \(.*\)10\.0\.0\.20$/cwa01 \110.0.0.99/' "$F" > "$D/internal/contoso.com.dns"
expect_rc 1 "winexport: a drifted export" -- "$SIPDNS" diff -f json "$W" "$D/internal/contoso.com.dns"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; assert len(f)==1 and f[0]["kind"]=="changed" and f[0]["got"]==["cwa01.contoso.com. 3600 IN A 10.0.0.99"], f' "$TMP/out" && pass "winexport: the drift is exactly cwa01's new address" || fail "winexport: drift not found"

# winsr_last OWNER: the export with a WINSR record of OWNER at its end,
# and after it the apex's NS record without an owner of its own
winsr_last() {
  { grep -v '^@ *3600	NS' "$F"
    printf '%-23s IN  WINSR LOCAL 5 3600 contoso.com.\n' "$1"
    echo '                        3600	NS	dc01.contoso.com.'
  } > "$D/internal/contoso.com.dns"
}

# a WINSR record, and an owner-less record after it that is the apex's
winsr_last '@'
expect_rc 0 "winexport: WINSR skipped, the next record keeps the apex" -- "$SIPDNS" diff "$W" "$D/internal/contoso.com.dns"
expect_in "$TMP/err" "contoso.com.dns:$(wc -l < "$D/internal/contoso.com.dns" | awk '{print $1 - 1}'):1: warning: WINS record skipped" "winexport: WINSR warned at its line"

# an [AGE:n] token joined to the owner (never written by Windows): an
# error at its column, also where it is a skipped WINS record's owner,
# whose owner must not be carried to the owner-less record after it
# (found by the fuzzer: the token's blanks were carried inside the owner)
sed 's/^dc01                    \[AGE/dc01[AGE/' "$F" > "$D/internal/contoso.com.dns"
expect_rc 2 "winexport: a joined [AGE:n] token" -- "$SIPDNS" diff "$W" "$D/internal/contoso.com.dns"
expect_in "$TMP/err" "contoso.com.dns:$(grep -n '^dc01' "$F" | cut -d: -f1):5: error: an [AGE:n] token joined to the text beside it" "winexport: the joined token at its line and column"
winsr_last '[AGE:3700000]@'
expect_rc 2 "winexport: a joined token before a WINSR record's owner" -- "$SIPDNS" diff "$W" "$D/internal/contoso.com.dns"
expect_in "$TMP/err" "contoso.com.dns:$(wc -l < "$D/internal/contoso.com.dns" | awk '{print $1 - 1}'):1: error: an [AGE:n] token joined" "winexport: the WINSR line's joined token at its line"
grep -q "in sync" "$TMP/out" && fail "winexport: compared after a joined token" || pass "winexport: nothing compared after the joined token"

# a broken line: file:line of the original file
bl=$(grep -n '^ocs01' "$F" | cut -d: -f1)
sed 's/^ocs01 \(.*\)10\.0\.0\.10$/ocs01 \110.0.0.300/' "$F" > "$D/internal/contoso.com.dns"
expect_rc 2 "winexport: a broken export" -- env ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 "$SIPDNS" diff "$W" "$D/internal/contoso.com.dns"
expect_in "$TMP/err" "contoso.com.dns:$bl: error:" "winexport: the broken line positioned"

# the zone from --zone when the file name is none
cp "$F" "$D/internal/export.dns"
expect_rc 2 "winexport: no zone in the file name, no --zone" -- "$SIPDNS" diff "$W" "$D/internal/export.dns"
expect_rc 0 "winexport: --zone names the export's zone" -- "$SIPDNS" diff --zone contoso.com "$W" "$D/internal/export.dns"

# recognised by an [AGE: token too, whatever the file is called
cp "$F" "$D/internal/contoso.com.zone"
expect_rc 0 "winexport: an [AGE: token marks an export named .zone" -- "$SIPDNS" diff "$W" "$D/internal/contoso.com.zone"
# [AGE:n] kept as a fact: dynamically registered records. The CWA server
# (not self-registered by default) registered itself with TTL 1200, and a
# second address appeared on the Edge (a multi-line record, so that the
# record's lines, not only its first, are matched to its token).
sed -e 's/^cwa01 .*$/cwa01                   [AGE:3700000]	1200	A	10.0.0.20/' \
    -e 's/^edge01 .*$/&\
edge01                  [AGE:3712345]	1200	A	(\
                        172.25.33.99 )/' \
    -e 's/^webext .*$/webext                  [AGE:0]	3600	A	131.107.155.40/' "$F" > "$D/internal/contoso.com.dns"
expect_rc 1 "winexport: aged drift" -- "$SIPDNS" diff -f json "$W" "$D/internal/contoso.com.dns"
python3 - "$TMP/out" <<'PY' && pass "winexport: [AGE:n] records are told as dynamically registered, with the date; [AGE:0] is static" || fail "winexport: aged findings wrong"
import json, sys
f = {x["kind"] + " " + x["name"]: x for x in json.load(open(sys.argv[1]))["findings"]}
assert sorted(f) == ["ttl cwa01.contoso.com.", "unexpected edge01.contoso.com."], sorted(f)
assert "dynamically registered ([AGE:3700000], last 2023-02-04 16:00 UTC)" in f["ttl cwa01.contoso.com."]["detail"], f
assert "dynamically registered ([AGE:3712345], last 2024-07-03 01:00 UTC)" in f["unexpected edge01.contoso.com."]["detail"], f
assert "self_registered: true" in f["unexpected edge01.contoso.com."]["detail"], f
PY
expect_rc 1 "winexport: the plan of aged drift" -- "$SIPDNS" diff --prune --plan json "$W" "$D/internal/contoso.com.dns"
python3 - "$TMP/out" <<'PY' && pass "winexport: dynamically registered records are never deleted, even with --prune, nor their TTL changed" || fail "winexport: the plan touches dynamically registered records"
import json, sys
p = json.load(open(sys.argv[1]))
z = p["zones"][0]
assert p["deletes"] == 0 and p["adds"] == 0, p
assert any("172.25.33.99" in k["record"] and "dynamically registered" in k["why"] for k in z["kept"]), z
assert any(s["name"].startswith("cwa01") and "its host sets this TTL" in s["message"] for s in z["not_planned"]), z
PY
# the same records without their tokens are drift the plan changes
sed 's/\[AGE:[0-9]*\]/       /' "$D/internal/contoso.com.dns" > "$D/internal/contoso.com.zone"
expect_rc 1 "winexport: the same drift, static" -- "$SIPDNS" diff --prune --plan json "$W" "$D/internal/contoso.com.zone"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["deletes"] == 2 and p["adds"] == 1, p' "$TMP/out" && pass "winexport: without [AGE:n] the same records are deleted (the test can tell)" || fail "winexport: static records not planned"
finish
