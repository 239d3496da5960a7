#!/bin/sh
# checkzone.sh -- every generated zone is read back by ldns and accepted by
# the strict named-checkzone -i local -S fail -M fail (bind9-utils).
. "$top_srcdir/tests/integration/lib.sh"
command -v named-checkzone >/dev/null || skip "needs named-checkzone (bind9-utils)"
command -v ldns-read-zone >/dev/null || skip "needs ldns-read-zone (ldnsutils)"
for y in "$top_srcdir"/zones/*.yaml; do
	n=$(basename "$y" .yaml)
	"$SIPDNS" generate -q -o "$TMP/$n" "$y" || { fail "generate $n"; continue; }
	bad=0; count=0
	for z in "$TMP/$n"/*/*.zone; do
		zone=$(basename "$z" .zone); count=$((count + 1))
		named-checkzone -q -i local -S fail -M fail "$zone" "$z" || { bad=1; named-checkzone -i local -S fail -M fail "$zone" "$z" | head -5; }
		ldns-read-zone -q "$z" > /dev/null 2>"$TMP/ldns.err" || { bad=1; cat "$TMP/ldns.err"; }
	done
	[ $bad -eq 0 ] && pass "$n: $count zones accepted by named-checkzone and ldns" || fail "$n: a zone was refused"
done
finish
