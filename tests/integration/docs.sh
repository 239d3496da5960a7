#!/bin/sh
# docs.sh -- every option a subcommand's --help lists is documented as an
# option (a .TP item) in the man page (verify's also in README.md), and every
# verify option of the man page's VERIFY OPTIONS is in verify --help.
. "$top_srcdir/tests/integration/lib.sh"
MAN=$top_srcdir/src/cli/sipdns.1
README=$top_srcdir/README.md
# the item lines of the man page, roff escapes removed: "--state FILE"
awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$MAN" |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g' -e 's/^\.[A-Z]* //' > "$TMP/items"
[ -s "$TMP/items" ] || fail "no option items found in $MAN"
for sub in check generate verify diff; do
	"$SIPDNS" "$sub" --help > "$TMP/help.$sub" || fail "$sub --help failed"
	grep -oE -- '--[a-z][a-z-]+' "$TMP/help.$sub" | sort -u > "$TMP/opts.$sub"
	[ -s "$TMP/opts.$sub" ] || fail "$sub --help lists no options"
	while read -r opt; do
		grep -qE -- "(^|[ ,])$opt( |,|\$)" "$TMP/items" &&
			pass "$sub $opt: in the man page's options" ||
			fail "$sub $opt: in '$sub --help' but not an option of the man page"
		# README.md: the verify options (its other sections have other owners)
		[ "$sub" = verify ] && [ "$opt" != --help ] && { grep -qF -- "$opt" "$README" ||
			fail "$sub $opt: in '$sub --help' but not in README.md"; }
	done < "$TMP/opts.$sub"
done
# and the other way: the verify options of the man page are real
awk '/^\.SH VERIFY OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on && tp { print; tp = 0 } on && /^\.TP/ { tp = 1 }' "$MAN" |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' | grep -oE -- '--[a-z][a-z-]+' | sort -u > "$TMP/manverify"
[ -s "$TMP/manverify" ] || fail "no VERIFY OPTIONS in $MAN"
while read -r opt; do
	grep -qxF -- "$opt" "$TMP/opts.verify" && pass "man verify $opt is in verify --help" ||
		fail "man page VERIFY OPTIONS has $opt, verify --help does not"
done < "$TMP/manverify"
finish
