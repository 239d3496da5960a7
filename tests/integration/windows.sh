#!/bin/sh
# windows.sh -- the dnscmd and PowerShell scripts sipdns writes: every .ps1
# parses with a real PowerShell grammar (tree-sitter-powershell, vendored
# in tests/tools/psparse, run by Node.js), every .cmd command matches
# Microsoft's documented dnscmd syntax (tests/tools/wincheck.py, one regex
# per form of ../shared/reference/output-formats.md 1.1), every line of
# both ends in CRLF; generate for every example topology, and the plans
# of a drifted zone on a real BIND (127.0.0.1), asserted line by line.
. "$top_srcdir/tests/integration/lib.sh"
TOOLS=$top_srcdir/tests/tools
PSPARSE="node $TOOLS/psparse/psparse.cjs"
WINCHECK="python3 $TOOLS/wincheck.py"
W=$top_srcdir/zones/walkthrough.yaml

# the parser must run: no hidden skip. A script known good parses, one
# known bad does not (so a parser that accepts anything fails here too).
if ! command -v node > /dev/null; then
	fail "the PowerShell grammar needs Node.js ('node' is not on PATH; Debian package nodejs): no .ps1 was parsed"
	finish
fi
printf "\$ErrorActionPreference = 'Stop'\r\nif (@(Get-Item 'x').Count -eq 0) { Write-Output 'none' }\r\n" > "$TMP/good.ps1"
printf "if (@(Get-Item 'x').Count -eq 0 { Write-Output 'none' }\r\n" > "$TMP/bad.ps1"
# one start for both (the grammar's wasm takes seconds to compile)
$PSPARSE "$TMP/good.ps1" "$TMP/bad.ps1" > "$TMP/gb.out" 2>&1; rc=$?
[ $rc -le 1 ] && grep -q "^$TMP/good.ps1: ok (" "$TMP/gb.out" && pass "the PowerShell grammar runs and accepts a good script" ||
	{ fail "the PowerShell grammar cannot run or rejects a good script (exit $rc):"; cat "$TMP/gb.out"; finish; }
[ $rc -eq 1 ] && grep -q "^$TMP/bad.ps1:1:.*ERROR" "$TMP/gb.out" && pass "the PowerShell grammar finds the error in a bad script" ||
	{ fail "the grammar did not reject a bad script (exit $rc)"; cat "$TMP/gb.out"; }
printf 'dnscmd . /RecordAdd contoso.com pool01.contoso.com. 3600 A 192.0.2.10\r\nrem x\n' > "$TMP/bad.cmd"
$WINCHECK "$TMP/bad.cmd" > "$TMP/badcmd.out" 2>&1
grep -q 'outside the counting subroutine' "$TMP/badcmd.out" && grep -q 'bare LF' "$TMP/badcmd.out" &&
	pass "the .cmd checker finds a bare LF and an unchecked command" || { fail "the .cmd checker missed them"; cat "$TMP/badcmd.out"; }

# generate: every example topology, every zone, both scripts; with
# --server and --include-self-registered too. The PowerShell parser starts
# once for all of them (its grammar's wasm takes seconds to compile, each
# start), then each generated set is judged by its own files' lines
gens=""
for y in "$top_srcdir"/zones/*.yaml; do
	n=$(basename "$y" .yaml)
	for extra in "" "--server dc01.contoso.com --include-self-registered"; do
		d="$TMP/gen-$n${extra:+-x}"
		"$SIPDNS" generate -q -f powershell $extra -o "$d" "$y" &&
		"$SIPDNS" generate -q -f dnscmd $extra -o "$d" "$y" || { fail "generate $n $extra"; continue; }
		ps=$(find "$d" -name '*.ps1' | sort); cmd=$(find "$d" -name '*.cmd' | sort)
		[ -n "$ps" ] && [ -n "$cmd" ] || { fail "generate $n wrote no scripts"; continue; }
		gens="$gens $d"
	done
done
allps=$(for d in $gens; do find "$d" -name '*.ps1'; done | sort)
$PSPARSE $allps > "$TMP/ps.out" 2>&1; psrc=$?
[ $psrc -le 1 ] || { fail "the PowerShell parser did not run (exit $psrc):"; head -20 "$TMP/ps.out"; }
for d in $gens; do
	n=${d#"$TMP/gen-"}
	ps=$(find "$d" -name '*.ps1' | sort); cmd=$(find "$d" -name '*.cmd' | sort)
	nps=$(echo "$ps" | wc -l)
	nok=$(grep -c "^$d/.*: ok (" "$TMP/ps.out")
	[ $psrc -le 1 ] && [ "$nok" -eq "$nps" ] &&
		pass "$n: $nps .ps1 files parse without ERROR nodes" ||
		{ fail "$n: a .ps1 does not parse ($nok of $nps ok):"; grep "^$d/" "$TMP/ps.out" | grep -v ': ok (' | head -20; }
	$WINCHECK $ps $cmd > "$TMP/wc.out" 2>&1 &&
		pass "$n: every line CRLF, every dnscmd command documented" ||
		{ fail "$n: the Windows scripts break the syntax:"; grep -v ': ok' "$TMP/wc.out" | head -20; }
done
# the walkthrough: self-registered records skipped by default, added on request
"$SIPDNS" generate -f dnscmd --view internal "$W" > "$TMP/w.cmd"
"$SIPDNS" generate -f dnscmd --view internal --include-self-registered "$W" > "$TMP/wx.cmd"
grep -q '^rem skipped, self-registered .*: ocs01.contoso.com. 3600 IN A 10.0.0.10' "$TMP/w.cmd" &&
	! grep -q '/RecordAdd contoso.com ocs01.contoso.com.' "$TMP/w.cmd" &&
	pass "generate dnscmd: the self-registered A is skipped and listed" || fail "generate dnscmd adds the self-registered A"
grep -q '^call :sipdns_add dnscmd \. /RecordAdd contoso.com ocs01.contoso.com. 3600 A 10.0.0.10' "$TMP/wx.cmd" &&
	pass "generate dnscmd --include-self-registered adds it" || fail "--include-self-registered did not add it"
grep -q '/RecordDelete contoso.com ocs01.contoso.com.' "$TMP/wx.cmd" && fail "a self-registered set is emptied" ||
	pass "a self-registered set is never emptied, even when added to"
"$SIPDNS" generate -f powershell --view internal "$W" > "$TMP/w.ps1"
grep -q "^if (@(Get-SipdnsSet \$cn0 'contoso.com' 'as.cwa' 'A').Count -gt 0) { throw " "$TMP/w.ps1" &&
	pass "generate powershell: a CNAME's owner is guarded against A data" || fail "no CNAME guard in the PowerShell"

# a drifted zone on BIND (plan.sh's drift): a wrong address, a missing
# name, an A where a CNAME belongs, a CNAME where an A belongs, a stale
# SRV beside the right one, the self-registered server with another
# address instead of its own
for c in named dig; do
	command -v $c >/dev/null || [ -x /usr/sbin/$c ] || { fail "needs $c (bind9, bind9-dnsutils: tests/debian-packages)"; finish; }
done
PATH=$PATH:/usr/sbin
PORT=$(free_port)
walkthrough_drifted "$TMP/contoso.com.db" -e '/^ocs01\.contoso\.com\./d'
start_named_zone "$TMP" "$PORT" "$TMP/contoso.com.db"
V="--view internal --no-recurse --server internal=127.0.0.1:$PORT --timeout 1000 --tries 3"
plan() {   # FORMAT OUT [OPTIONS]: BIND still loading answers SERVFAIL (exit 3): again
	f=$1 out=$2; shift 2
	for try in 1 2 3 4 5; do
		"$SIPDNS" verify $V --plan "$f" "$@" "$W" > "$out"; rc=$?
		[ $rc -eq 3 ] || break
		sleep 1
	done
	[ $rc -eq 1 ] || fail "verify --plan $f $*: exit $rc, want 1 (drift)"
}
plan dnscmd "$TMP/p.cmd" --prune
plan powershell "$TMP/p.ps1" --prune
plan dnscmd "$TMP/keep.cmd"
plan powershell "$TMP/px.ps1" --prune --include-self-registered
$PSPARSE "$TMP/p.ps1" "$TMP/px.ps1" > "$TMP/pp.out" 2>&1 && pass "the plans' .ps1 parse without ERROR nodes" ||
	{ fail "a plan's .ps1 does not parse:"; cat "$TMP/pp.out"; }
$WINCHECK "$TMP/p.cmd" "$TMP/keep.cmd" "$TMP/p.ps1" "$TMP/px.ps1" > "$TMP/pw.out" 2>&1 &&
	pass "the plans: every line CRLF, every dnscmd command documented" || { fail "the plans break the syntax:"; cat "$TMP/pw.out"; }

# dnscmd: the lines, deletes before adds, to the server verify asked
tr -d '\r' < "$TMP/p.cmd" > "$TMP/p.txt"
D="call :sipdns_delete dnscmd 127.0.0.1 /RecordDelete contoso.com"
A="call :sipdns_add dnscmd 127.0.0.1 /RecordAdd contoso.com"
cat > "$TMP/want.txt" <<EOT
$D cwa01.contoso.com. A 10.0.0.21 /f
$D im.contoso.com. A 10.0.0.77 /f
$D _sipinternaltls._tcp.contoso.com. SRV 0 0 5061 oldpool.contoso.com. /f
$D webext.contoso.com. CNAME cwa01.contoso.com. /f
$A cwa01.contoso.com. 3600 A 10.0.0.20
$A im.contoso.com. 3600 CNAME cwa01.contoso.com.
$A webconf.contoso.com. 3600 A 131.107.155.20
$A webext.contoso.com. 3600 A 131.107.155.40
EOT
grep '^call ' "$TMP/p.txt" > "$TMP/got.txt"
sort "$TMP/want.txt" > "$TMP/want.s"; sort "$TMP/got.txt" > "$TMP/got.s"
cmp -s "$TMP/want.s" "$TMP/got.s" && pass "dnscmd plan: exactly the deletes and adds of the drift" ||
	{ fail "dnscmd plan lines differ (want, got):"; diff "$TMP/want.s" "$TMP/got.s"; }
last_del=$(grep -n '^call :sipdns_delete' "$TMP/p.txt" | tail -1 | cut -d: -f1)
first_add=$(grep -n '^call :sipdns_add' "$TMP/p.txt" | head -1 | cut -d: -f1)
[ -n "$last_del" ] && [ -n "$first_add" ] && [ "$last_del" -lt "$first_add" ] &&
	pass "dnscmd plan: every delete before any add (the CNAME of webext goes before its A comes)" || fail "dnscmd plan: an add before a delete"
grep -q '^rem it will change at most: 4 to delete, 4 to add; 1 self-registered record skipped$' "$TMP/p.txt" &&
	pass "dnscmd plan: the count of what it will change in the header" || { fail "dnscmd count"; head -5 "$TMP/p.txt"; }
grep -q '^rem skipped, self-registered .*ocs01.contoso.com.*10.0.0.10' "$TMP/p.txt" &&
	pass "dnscmd plan: the missing self-registered A is listed as skipped, not added" || fail "self-registered not listed as skipped"
grep -q 'ocs01' "$TMP/got.txt" && fail "dnscmd plan touches the self-registered server" || pass "dnscmd plan: the self-registered server's extra address is not deleted"
tr -d '\r' < "$TMP/keep.cmd" | grep -q '^rem kept: _sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool' &&
	! tr -d '\r' < "$TMP/keep.cmd" | grep -q 'RecordDelete contoso.com _sipinternaltls' &&
	pass "without --prune the stale SRV is kept and listed" || fail "without --prune the stale SRV is not kept"

# PowerShell: the guards, the exact deletes, the adds when absent
tr -d '\r' < "$TMP/p.ps1" > "$TMP/ps.txt"
G="Get-SipdnsSet \$cn0 'contoso.com'"
head -12 "$TMP/ps.txt" | grep -q "^Write-Output 'sipdns: this script changes at most: 4 to delete, 4 to add; 1 self-registered record skipped'$" &&
	pass "PowerShell plan: the count is printed first" || fail "PowerShell plan: no count first"
grep -q "^\$cn0 = @{ ComputerName = '127.0.0.1' }" "$TMP/ps.txt" && pass "PowerShell plan: to the server verify asked" || fail "PowerShell plan: wrong server"
for l in \
	"\$old = @($G 'cwa01' 'A' | Where-Object { (Get-SipdnsData \$_) -eq '10.0.0.21' })" \
	"\$old = @($G 'im' 'A' | Where-Object { (Get-SipdnsData \$_) -eq '10.0.0.77' })" \
	"\$old = @($G '_sipinternaltls._tcp' 'SRV' | Where-Object { (Get-SipdnsData \$_) -eq '0 0 5061 oldpool.contoso.com' })" \
	"\$old = @($G 'webext' 'CNAME' | Where-Object { (Get-SipdnsData \$_) -eq 'cwa01.contoso.com' })" \
	"if (@($G 'cwa01' 'A' | Where-Object { (Get-SipdnsData \$_) -eq '10.0.0.20' }).Count -eq 0) {" \
	"    \$add = @{ ZoneName = 'contoso.com'; Name = 'cwa01'; IPv4Address = '10.0.0.20'; TimeToLive = [TimeSpan]::FromSeconds(3600) }" \
	"    \$add = @{ ZoneName = 'contoso.com'; Name = 'im'; HostNameAlias = 'cwa01.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }" \
	"    \$add = @{ ZoneName = 'contoso.com'; Name = 'webconf'; IPv4Address = '131.107.155.20'; TimeToLive = [TimeSpan]::FromSeconds(3600) }" \
	"if (@($G 'im' 'AAAA').Count -gt 0) { throw 'sipdns: im.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }" \
	; do
	grep -qxF "$l" "$TMP/ps.txt" && pass "PowerShell plan has: $l" || fail "PowerShell plan lacks: $l"
done
[ "$(grep -c '| Remove-DnsServerResourceRecord @cn0 -ZoneName .contoso.com. -Force;' "$TMP/ps.txt")" -eq 4 ] &&
	pass "PowerShell plan: 4 removals, each of the records found (-Force)" || fail "PowerShell plan: not 4 removals"
[ "$(grep -c '^    Add-DnsServerResourceRecord' "$TMP/ps.txt")" -eq 4 ] && pass "PowerShell plan: 4 adds, each only when absent" || fail "PowerShell plan: not 4 adds"
grep -q "'ocs01'" "$TMP/ps.txt" && fail "PowerShell plan touches the self-registered server" || pass "PowerShell plan: the self-registered server is not touched"
grep -qxF "    \$add = @{ ZoneName = 'contoso.com'; Name = 'ocs01'; IPv4Address = '10.0.0.10'; TimeToLive = [TimeSpan]::FromSeconds(3600) }" "$TMP/px.ps1" ||
tr -d '\r' < "$TMP/px.ps1" | grep -qxF "    \$add = @{ ZoneName = 'contoso.com'; Name = 'ocs01'; IPv4Address = '10.0.0.10'; TimeToLive = [TimeSpan]::FromSeconds(3600) }" &&
	pass "--include-self-registered: the plan adds the self-registered A" || fail "--include-self-registered did not add it"
tr -d '\r' < "$TMP/px.ps1" | grep "'ocs01'" | grep -q Remove && fail "a self-registered address would be removed" || pass "--include-self-registered still deletes no self-registered address"

# a zone in sync: both plans change nothing
"$SIPDNS" diff --plan dnscmd "$W" "$top_srcdir/zones/walkthrough/internal/contoso.com.zone" > "$TMP/sync.cmd"; rc=$?
[ $rc -eq 0 ] && tr -d '\r' < "$TMP/sync.cmd" | grep -q '^rem it will change at most: 0 to delete, 0 to add$' &&
	! grep -q '^call ' "$TMP/sync.cmd" && pass "a zone in sync: the dnscmd plan changes nothing" || { fail "in-sync dnscmd plan (exit $rc)"; head -20 "$TMP/sync.cmd"; }
finish
