#!/bin/sh
# docs.sh -- every option a subcommand's --help lists is documented as an
# option (a .TP item) in the man page (verify's also in README.md), and every
# verify option of the man page's VERIFY OPTIONS is in verify --help.
# Every subcommand of 'sipdns --help' is in the man page's SUBCOMMANDS and
# in README.md.
. "$top_srcdir/tests/integration/lib.sh"
MAN=$top_srcdir/src/cli/sipdns.1
README=$top_srcdir/README.md
# the item lines of the man page, roff escapes removed: "--state FILE"
awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$MAN" |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g' -e 's/^\.[A-Z]* //' > "$TMP/items"
[ -s "$TMP/items" ] || fail "no option items found in $MAN"
for sub in check generate verify diff graph; do
	"$SIPDNS" "$sub" --help > "$TMP/help.$sub" || fail "$sub --help failed"
	grep -oE -- '--[a-z][a-z-]+' "$TMP/help.$sub" | sort -u > "$TMP/opts.$sub"
	[ -s "$TMP/opts.$sub" ] || fail "$sub --help lists no options"
	while read -r opt; do
		grep -qE -- "(^|[ ,])$opt( |,|\$)" "$TMP/items" &&
			pass "$sub $opt: in the man page's options" ||
			fail "$sub $opt: in '$sub --help' but not an option of the man page"
		# README.md: the verify options (its other sections have other owners)
		case $sub in verify|graph) ;; *) continue ;; esac
		[ "$opt" != --help ] && { grep -qF -- "$opt" "$README" ||
			fail "$sub $opt: in '$sub --help' but not in README.md"; }
	done < "$TMP/opts.$sub"
done
# every subcommand: an item of SUBCOMMANDS, and named in README.md
"$SIPDNS" --help | awk '/^[Ss]ubcommands|^Commands/ { on = 1; next } on && /^  [a-z]/ { print $1 }' > "$TMP/subs"
[ -s "$TMP/subs" ] || fail "sipdns --help lists no subcommands"
while read -r sub; do
	[ "$sub" = help ] && continue
	grep -qxF -- "$sub" "$TMP/items" && pass "subcommand $sub: in the man page" ||
		fail "subcommand $sub: in 'sipdns --help' but not in the man page's SUBCOMMANDS"
	grep -qF -- "sipdns $sub" "$README" && pass "subcommand $sub: in README.md" ||
		fail "subcommand $sub: in 'sipdns --help' but not in README.md"
done < "$TMP/subs"
# and the other way: the verify options of the man page are real
awk '/^\.SH VERIFY OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on && tp { print; tp = 0 } on && /^\.TP/ { tp = 1 }' "$MAN" |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' | grep -oE -- '--[a-z][a-z-]+' | sort -u > "$TMP/manverify"
[ -s "$TMP/manverify" ] || fail "no VERIFY OPTIONS in $MAN"
while read -r opt; do
	grep -qxF -- "$opt" "$TMP/opts.verify" && pass "man verify $opt is in verify --help" ||
		fail "man page VERIFY OPTIONS has $opt, verify --help does not"
done < "$TMP/manverify"
finish
