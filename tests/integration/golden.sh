#!/bin/sh
# golden.sh -- regenerate the zones of every example and compare them byte
# for byte with the committed zones/EXAMPLE/ directories.
. "$top_srcdir/tests/integration/lib.sh"
for y in "$top_srcdir"/zones/*.yaml; do
	n=$(basename "$y" .yaml)
	"$SIPDNS" generate -q --serial 2026010100 -o "$TMP/$n" "$y" || { fail "generate $n"; continue; }
	if diff -r "$top_srcdir/zones/$n" "$TMP/$n" > "$TMP/diff"; then
		pass "zones/$n matches ($(find "$TMP/$n" -name '*.zone' | wc -l) zone files)"
	else
		fail "zones/$n differs from the generated output:"; head -40 "$TMP/diff"
	fi
done
# deterministic: the same topology twice gives the same bytes, every format
for f in zone fragment nsupdate dnscmd powershell json; do
	"$SIPDNS" generate -f $f --serial 1 "$top_srcdir/zones/enterprise.yaml" > "$TMP/a" &&
	"$SIPDNS" generate -f $f --serial 1 "$top_srcdir/zones/enterprise.yaml" > "$TMP/b" &&
	cmp -s "$TMP/a" "$TMP/b" && pass "$f output deterministic" || fail "$f output differs between runs"
done
finish
