#!/bin/sh
# completion.sh -- the bash completion (src/cli/completion/sipdns.bash),
# driven as bash drives it: a real bash with bash-completion loaded, the
# function _sipdns called with COMP_WORDS/COMP_CWORD/COMP_LINE set, its
# COMPREPLY read back. Subcommands, options, option words (formats, views,
# plan formats, roles), files and directories; and no drift: each
# subcommand's completed options are exactly those of its --help.
. "$top_srcdir/tests/integration/lib.sh"
BC=/usr/share/bash-completion/bash_completion
command -v bash >/dev/null || skip "needs bash"
[ -f "$BC" ] || skip "needs bash-completion (Debian package bash-completion)"
SCRIPT=$top_srcdir/src/cli/completion/sipdns.bash

# complete WORD... -- COMPREPLY for the line "sipdns WORD..." with the
# cursor at its end (the last WORD is completed; "" for a new word), one a
# line, sorted, in $TMP/reply; run in $TMP/files. The words are split as
# bash splits the line (COMP_WORDBREAKS: "--format=js" is "--format" "="
# "js"); LINE, when set, is the line as typed.
mkdir -p "$TMP/files/outdir" "$TMP/files/other.d"
: > "$TMP/files/topo.yaml"; : > "$TMP/files/notes.txt"
complete_words() {
	(cd "$TMP/files" && bash -c '
		. "$1"; . "$2"; shift 2
		COMP_WORDS=("$SIPDNS" "$@"); COMP_CWORD=$#
		COMP_LINE=${LINE:-"$SIPDNS $*"}; COMP_POINT=${#COMP_LINE}
		_sipdns
		printf "%s\n" "${COMPREPLY[@]}"' sh "$BC" "$SCRIPT" "$@") 2>&1 | sed '/^$/d' | sort > "$TMP/reply"
}
# expect_reply "WANT (space-separated, sorted)" DESCRIPTION -- WORD...
expect_reply() {
	want=$1; what=$2; shift 3
	complete_words "$@"
	got=$(tr '\n' ' ' < "$TMP/reply" | sed 's/ $//')
	if [ "$got" = "$want" ]; then pass "$what"; else fail "$what: got '$got', want '$want'"; fi
}

# the subcommands: those of 'sipdns --help'
subs=$("$SIPDNS" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$subs" ] || fail "no subcommands in sipdns --help"
expect_reply "$subs" "'sipdns <TAB>' gives the subcommands of --help" -- ""
expect_reply "generate" "'sipdns gen<TAB>' gives generate" -- gen
expect_reply "--help --version" "'sipdns --<TAB>' gives sipdns's own options" -- --
expect_reply "$(echo "$subs" | tr ' ' '\n' | grep -vx help | tr '\n' ' ' | sed 's/ $//')" \
	"'sipdns help <TAB>' gives the subcommands with help" -- help ""

# no drift: every subcommand's options, completed, are exactly those its
# --help lists (the table comparison runs the built binary directly, also
# under check-valgrind, where the cases through bash cover memcheck)
BIN=$top_builddir/sipdns
for sub in $subs; do
	[ "$sub" = help ] && continue
	"$BIN" --complete-words "$sub" -- | sort > "$TMP/comp.$sub"
	"$BIN" "$sub" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u > "$TMP/help.$sub"
	if [ -s "$TMP/comp.$sub" ] && cmp -s "$TMP/comp.$sub" "$TMP/help.$sub"; then
		pass "$sub: the completed options are those of '$sub --help' ($(wc -l < "$TMP/comp.$sub"))"
	else
		fail "$sub: completion and --help differ"; diff "$TMP/comp.$sub" "$TMP/help.$sub" | sed 's/^/  | /'
	fi
done
expect_reply "--format" "'sipdns generate --f<TAB>' gives --format" -- generate --f
expect_reply "--view" "'sipdns verify --vi<TAB>' gives --view" -- verify --vi

# the words of option arguments, from the parsers' tables
complete_words generate -f ""
fmts=$(tr '\n' ' ' < "$TMP/reply")
"$BIN" generate --help > "$TMP/genhelp"
for f in zone fragment nsupdate dnscmd powershell json hosts; do
	grep -qx "$f" "$TMP/reply" || fail "generate -f <TAB>: no $f in '$fmts'"
	grep -q "$f" "$TMP/genhelp" || fail "generate --help does not name format $f"
done
[ "$(wc -l < "$TMP/reply")" -eq 7 ] && pass "'sipdns generate -f <TAB>' gives the 7 formats" \
	|| fail "generate -f <TAB>: '$fmts'"
LINE="$SIPDNS generate --format=js"; export LINE
expect_reply "json" "'sipdns generate --format=js<TAB>' gives json" -- generate --format = js
unset LINE
expect_reply "external internal perimeter" "'sipdns verify --view <TAB>' gives the views" -- verify --view ""
expect_reply "json nagios text" "'sipdns verify -f <TAB>' gives verify's formats" -- verify -f ""
expect_reply "json text" "'sipdns diff --format <TAB>' gives diff's formats" -- diff --format ""
expect_reply "exact ignore warn" "'sipdns diff --ttl <TAB>' gives the TTL policies" -- diff --ttl ""
complete_words verify --plan ""
grep -qx markdown "$TMP/reply" && grep -qx nsupdate "$TMP/reply" && pass "'sipdns verify --plan <TAB>' gives the plan formats" \
	|| fail "verify --plan <TAB>: $(tr '\n' ' ' < "$TMP/reply")"
complete_words certs --role e
grep -qx edge-internal "$TMP/reply" && pass "'sipdns certs --role e<TAB>' gives edge-internal" \
	|| fail "certs --role e<TAB>: $(tr '\n' ' ' < "$TMP/reply")"
expect_reply "" "'sipdns verify --timeout <TAB>' offers nothing (a number)" -- verify --timeout ""

# files and directories (bash adds the "/" of a directory itself:
# compopt -o filenames)
expect_reply "topo.yaml" "'sipdns check to<TAB>' completes the file name" -- check to
expect_reply "notes.txt other.d outdir topo.yaml" "'sipdns verify --state <TAB>' completes files" -- verify --state ""
complete_words generate -o ""
grep -q "outdir" "$TMP/reply" && ! grep -q "topo.yaml" "$TMP/reply" \
	&& pass "'sipdns generate -o <TAB>' completes directories only" \
	|| fail "generate -o <TAB>: $(tr '\n' ' ' < "$TMP/reply")"
expect_reply "outdir" "'sipdns generate --output ou<TAB>' gives the directory" -- generate --output ou
finish
