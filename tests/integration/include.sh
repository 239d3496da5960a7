#!/bin/sh
# include.sh -- sipdns diff follows $INCLUDE (ldns does not): relative to
# the including file, with the origin an $INCLUDE names and the including
# file's origin back after it (RFC 1035 §5.1); the fragment sipdns writes,
# included from a hand zone, is in sync; a missing file, a loop and a nest
# too deep are errors at the $INCLUDE's file:line:col; an error inside an
# included file names that file and its line.
. "$top_srcdir/tests/integration/lib.sh"
W=$top_srcdir/zones/walkthrough.yaml
D=$top_srcdir/tests/data/include
H=$TMP/dns/internal
mkdir -p "$H"
cp -R "$D"/contoso.com.zone "$D"/lab "$H"/
"$SIPDNS" generate -q -f fragment -o "$H/sipdns" "$W" || fail "include: generate the fragment"

expect_rc 0 "include: a hand zone that includes sipdns's fragment" -- "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/out" "14 records expected: 14 in sync" "include: every record of the fragment compared"
# BIND reads the same hand zone (the fixture is a real zone file)
if command -v named-checkzone >/dev/null; then
	( cd "$H" && named-checkzone -q contoso.com contoso.com.zone ) && pass "include: named-checkzone reads the hand zone" || fail "include: named-checkzone refuses the hand zone"
fi
# drift inside the included file is found there
sed -i 's/^edge01.contoso.com.\(.*\)172.25.33.10$/edge01.contoso.com.\1172.25.33.11/' "$H/sipdns/internal/contoso.com.frag"
expect_rc 1 "include: drift in the included fragment" -- "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/out" "got:  edge01.contoso.com. 3600 IN A 172.25.33.11" "include: the drifted record shown"

# the including file's origin is back after an $INCLUDE that changed it:
# ocs01 (relative) after lab.inc's "$ORIGIN deep.lab.contoso.com." is
# ocs01.contoso.com.
"$SIPDNS" generate -q -f fragment -o "$H/sipdns" "$W"
sed -i '/^ocs01.contoso.com./d' "$H/sipdns/internal/contoso.com.frag"
printf 'ocs01\t3600\tIN\tA\t10.0.0.10\n' >> "$H/contoso.com.zone"
expect_rc 0 "include: the origin is restored after an \$INCLUDE" -- "$SIPDNS" diff "$W" "$H/contoso.com.zone"

# errors at the $INCLUDE, file:line:col
printf '$ORIGIN contoso.com.\n@ IN SOA dc01 hostmaster 1 3600 900 1209600 3600\n$INCLUDE  nothere.frag\n' > "$H/contoso.com.zone"
expect_rc 2 "include: a missing file" -- "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/err" "internal/contoso.com.zone:3:11: error: \$INCLUDE $H/nothere.frag: No such file or directory" "include: a missing file named at its \$INCLUDE"
grep -q "in sync" "$TMP/out" && fail "include: in sync printed with a missing include" || pass "include: nothing compared with a missing include"
cp "$D/loop.zone" "$D/loop2.inc" "$H/"
expect_rc 2 "include: a loop" -- "$SIPDNS" diff --view internal "$W" "$H/loop.zone"
expect_in "$TMP/err" "loop2.inc:2:10: error: \$INCLUDE $H/loop.zone: it is being read already (a loop of \$INCLUDEs)" "include: the loop named where it closes"
# nine files deep
printf '$ORIGIN contoso.com.\n@ IN SOA dc01 hostmaster 1 3600 900 1209600 3600\n$INCLUDE n1.inc\n' > "$H/contoso.com.zone"
for i in 1 2 3 4 5 6 7 8 9; do printf 'h%s IN A 10.1.1.%s\n$INCLUDE n%s.inc\n' "$i" "$i" $((i + 1)) > "$H/n$i.inc"; done
: > "$H/n10.inc"
expect_rc 2 "include: nested too deep" -- "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/err" "n7.inc:2:10: error: \$INCLUDE $H/n8.inc: \$INCLUDEs nest deeper than 8 files" "include: the depth limit named at its \$INCLUDE"
# a bad record inside an included file: that file, its line
printf '$ORIGIN contoso.com.\n@ IN SOA dc01 hostmaster 1 3600 900 1209600 3600\n@ IN NS dc01\n$INCLUDE bad.inc\nwww IN A 10.0.0.1\n' > "$H/contoso.com.zone"
printf '; a comment\nok IN A 10.0.0.2\nbad IN A 10.0.0.300\n' > "$H/bad.inc"
expect_rc 2 "include: a broken included file" -- env ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/err" "$H/bad.inc:3: error:" "include: the broken record named in the included file"
# lines after an $INCLUDE keep their own numbers
printf '$ORIGIN contoso.com.\n@ IN SOA dc01 hostmaster 1 3600 900 1209600 3600\n$INCLUDE good.inc\nwww IN A 10.0.0.300\n' > "$H/contoso.com.zone"
printf 'ok IN A 10.0.0.2\nok2 IN A 10.0.0.3\n' > "$H/good.inc"
expect_rc 2 "include: a broken line after an \$INCLUDE" -- env ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 "$SIPDNS" diff "$W" "$H/contoso.com.zone"
expect_in "$TMP/err" "internal/contoso.com.zone:4: error:" "include: the line after the \$INCLUDE numbered in its own file"
finish
