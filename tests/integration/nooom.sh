#!/bin/sh
# nooom.sh -- bad input is never "out of memory" (issue 13 item 4):
# `sipdns check` and `sipdns generate` (to stdout) over every file of the
# test corpus (tests/data, zones, the fuzz seeds) exit 0, 1 or 2 and never
# say "out of memory"; the issue's name reproducers fail with their
# position and fix; a diagnostic far down a large file echoes its own line.
. "$top_srcdir/tests/integration/lib.sh"
W="$top_srcdir/zones/walkthrough.yaml"

# 1. the whole corpus, every file whatever its kind. Under check-valgrind
# (SIPDNS is tests/valgrind-sipdns) the sweep runs the plain binary beside
# it: 800 runs under valgrind take longer than CI has, and the fuzz
# replays run the same corpus under valgrind.
SWEEP=$SIPDNS
case $SIPDNS in
*/tests/valgrind-sipdns)
	SWEEP=$(dirname "$(dirname "$SIPDNS")")/sipdns
	[ -x "$SWEEP" ] || { echo "no plain sipdns beside $SIPDNS"; exit 99; }
	echo "note: under valgrind the corpus sweep runs $SWEEP";;
esac
n=0; bad=0
find "$top_srcdir/tests/data" "$top_srcdir/zones" "$top_srcdir/tests/fuzz/corpus" \
	-type f | LC_ALL=C sort > "$TMP/files"
while IFS= read -r f; do
	for cmd in check generate; do
		"$SWEEP" "$cmd" "$f" >"$TMP/o" 2>&1; rc=$?
		n=$((n + 1))
		case $rc in 0|1|2) ;; *) fail "$cmd ${f#"$top_srcdir"/}: exit $rc"; bad=$((bad + 1));; esac
		if grep -q "out of memory" "$TMP/o"; then
			fail "$cmd ${f#"$top_srcdir"/}: says out of memory"; bad=$((bad + 1))
			sed 's/^/  | /' "$TMP/o" | grep "out of memory" | head -3
		fi
	done
done < "$TMP/files"
# the sweep must have run over the corpus, not over nothing
[ "$n" -ge 600 ] && [ "$bad" -eq 0 ] && pass "corpus: $n runs of check and generate, none out of memory, every exit 0/1/2"
[ "$n" -ge 600 ] || fail "corpus: only $n runs (tests/data not found?)"

# 2. the issue's reproducers, from the walkthrough
# expect_diag WANT-RC FILE TEXT DESCRIPTION: check and generate both
expect_diag() {
	for cmd in check generate; do
		expect_rc "$1" "$4: $cmd" -- "$SIPDNS" "$cmd" "$2"
		expect_in "$TMP/err" "$3" "$4: $cmd says where and why"
		if grep -q "out of memory" "$TMP/err"; then fail "$4: $cmd says out of memory"; fi
	done
}
grep -n 'fqdn: av.contoso.com$' "$W" | grep -q '^61:' || fail "walkthrough: av.contoso.com moved from line 61"
sed 's/fqdn: av.contoso.com$/fqdn: av.contoso.com../' "$W" > "$TMP/av.yaml"
expect_diag 2 "$TMP/av.yaml" \
	"av.yaml:61:11: error: fqdn 'av.contoso.com..' is not a valid DNS host name: the name ends with two dots; write one trailing dot or none" \
	"av.contoso.com.."
sed 's/^ad_domain: contoso.com$/ad_domain: contoso.com../' "$W" > "$TMP/ad.yaml"
expect_diag 2 "$TMP/ad.yaml" \
	"ad.yaml:8:12: error: ad_domain 'contoso.com..' is not a valid DNS host name: the name ends with two dots" \
	"ad_domain: contoso.com.."
sed "s/^ad_domain: contoso.com\$/ad_domain: '.'/" "$W" > "$TMP/root.yaml"
expect_diag 2 "$TMP/root.yaml" \
	"root.yaml:8:12: error: ad_domain '.' is not a valid DNS host name: '.' alone is the DNS root, not a host name" \
	"ad_domain: '.'"
# a legal 246-character SIP domain whose _sipinternaltls._tcp name is too long
L=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
sed "s/^  - contoso.com\$/  - $L.$L.$L.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/" "$W" > "$TMP/long.yaml"
expect_diag 2 "$TMP/long.yaml" \
	"long.yaml:10:5: error: cannot build the name '_sipinternaltls._tcp.aaaa" \
	"a SIP domain too long for its SRV names"
expect_in "$TMP/err" "is longer than 253 characters, the most DNS allows (255 octets in wire form); shorten the name it is built from" \
	"a SIP domain too long for its SRV names: the fix"

# 3. diff --zone: the library's name check
for z in contoso.com.. . a..b -a.contoso.com; do
	expect_rc 2 "diff --zone '$z' refused" -- "$SIPDNS" diff --zone "$z" "$W" \
		"$top_srcdir/zones/walkthrough/internal/contoso.com.zone"
	expect_in "$TMP/err" "--zone '$z' is not a zone name: " "diff --zone '$z': says why"
done
expect_rc 0 "diff --zone Contoso.COM. accepted" -- "$SIPDNS" diff --zone Contoso.COM. "$W" \
	"$top_srcdir/zones/walkthrough/internal/contoso.com.zone"

# 4. the echo of a diagnostic on the last lines of a large file is that
# line (the line index), and a file of many warnings is reported whole
sh "$top_srcdir/tests/bench/topology.sh" 3000 |
	sed 's/strict_dns_naming: false/strict_dns_naming: true/' > "$TMP/many.yaml"
expect_rc 0 "3,000 SIP domains, a warning each" -- "$SIPDNS" check "$TMP/many.yaml"
# a warning each for strict-naming (each tenant's www is declared owned
# elsewhere, so split-brain-public has nothing to say)
expect_in "$TMP/err" "0 errors, 3000 warnings" "every warning counted"
line=$(grep -n '^  - tenant003000.example$' "$TMP/many.yaml" | cut -d: -f1)
grep -A1 "many.yaml:$line:5: warning: .*'tenant003000.example'" "$TMP/err" > "$TMP/last"
expect_in "$TMP/last" "    - tenant003000.example" "the last warning echoes its own line ($line)"
[ "$(grep -c '^    - tenant[0-9]*.example$' "$TMP/err")" -eq 3000 ] &&
	pass "each warning echoes a line" || fail "not every warning echoes its line"
finish
